import { and, eq, isNull, or } from 'drizzle-orm';
import { type Interval, isInsideWindows } from '../core/changes/index.js';
import { expandWindows, MAX_LIMIT, RecurrenceError } from '../core/recurrence/index.js';
import type { Executor } from '../db/client.js';
import { maintenanceWindows } from '../db/schema/index.js';
import {
  type Affected,
  approverGroupRoutes,
  type ChangeDeps,
  changeReportRoutes,
  changeRoutes,
  type MaintenanceWindowPort,
} from '../features/changes/index.js';
import type { AppParts } from './parts.js';

const MINUTE = 60_000;

/**
 * The window occurrences of one service environment (its own windows and the service-wide ones)
 * that could contain the planned interval: those starting before it ends and at most one window
 * length before it starts. A single window (no RRULE) is one occurrence.
 */
async function occurrencesAround(
  executor: Executor,
  target: Affected,
  planned: Interval,
): Promise<Interval[]> {
  const windows = await executor
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.serviceId, target.serviceId),
        or(
          isNull(maintenanceWindows.environmentId),
          eq(maintenanceWindows.environmentId, target.environmentId),
        ),
      ),
    );
  return windows.flatMap((window) => {
    try {
      return expandWindows({
        rrule: window.rrule ?? 'FREQ=DAILY;COUNT=1',
        dtstart: window.dtstart,
        timezone: window.timezone,
        durationMinutes: window.durationMinutes,
        exdates: window.exdates,
        from: new Date(planned.start.getTime() - window.durationMinutes * MINUTE),
        until: planned.end,
        limit: MAX_LIMIT,
      });
    } catch (error) {
      // Windows are validated when saved; one that no longer expands reserves nothing.
      if (error instanceof RecurrenceError) return [];
      throw error;
    }
  });
}

/** Changes ask maintenance windows whether a planned interval fits (the downtime rule). */
export const windowPort: MaintenanceWindowPort = {
  async isInside(executor, target, planned) {
    return isInsideWindows(planned, await occurrencesAround(executor, target, planned));
  },
};

export function changeDeps(parts: AppParts): ChangeDeps {
  return { db: parts.database.db, windows: windowPort };
}

export function changeRouteModules(parts: AppParts) {
  const deps = { ...changeDeps(parts), clock: parts.clock };
  return [changeReportRoutes(deps), changeRoutes(deps), approverGroupRoutes(deps)];
}
