import { and, eq, isNull, or } from 'drizzle-orm';
import { findContainingWindow, occurrencesOverlapping } from '../../core/maintenance/index.js';
import type { Executor } from '../../db/client.js';
import { maintenanceWindows } from '../../db/schema/index.js';
import type { OrganisationScope } from '../../platform/actor.js';
import type { WindowRow } from './presenters.js';
import { allWindowRows, type WindowFilter } from './windows.repo.js';

/** One occurrence of a window: [start, end). */
export interface WindowOccurrence {
  windowId: string;
  organisationId: string;
  serviceId: string;
  environmentId: string | null;
  title: string;
  start: Date;
  end: Date;
}

const EVERYTHING: OrganisationScope = { all: true };

/**
 * Whether [start, end) lies entirely inside one occurrence of a maintenance window of the
 * service that holds for the environment: a window of that environment, or one of the whole
 * service (environment null). With `environmentId: null` (the change touches the whole service)
 * only whole-service windows count. Answers the window and occurrence, or null. No tenant scope:
 * the caller has already found the service within its own.
 */
export async function isInsideMaintenanceWindow(
  executor: Executor,
  query: { serviceId: string; environmentId: string | null; start: Date; end: Date },
): Promise<{ windowId: string; title: string; start: Date; end: Date } | null> {
  const rows = await executor
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.serviceId, query.serviceId),
        query.environmentId
          ? or(
              eq(maintenanceWindows.environmentId, query.environmentId),
              isNull(maintenanceWindows.environmentId),
            )
          : isNull(maintenanceWindows.environmentId),
      ),
    )
    .orderBy(maintenanceWindows.id);
  const found = findContainingWindow(rows, { start: query.start, end: query.end });
  if (!found) return null;
  return { windowId: found.window.id, title: found.window.title, ...found.occurrence };
}

export function occurrencesOfRows(
  rows: readonly WindowRow[],
  range: { from: Date; until: Date },
  limit: number,
): { items: WindowOccurrence[]; truncated: boolean } {
  const all: WindowOccurrence[] = [];
  const cap = Math.min(limit + 1, 1000);
  let capped = false;
  for (const row of rows) {
    const found = occurrencesOverlapping(row, range, cap);
    if (found.length >= cap) capped = true;
    for (const occurrence of found) {
      all.push({
        windowId: row.id,
        organisationId: row.organisationId,
        serviceId: row.serviceId,
        environmentId: row.environmentId,
        title: row.title,
        ...occurrence,
      });
    }
  }
  all.sort((a, b) => a.start.getTime() - b.start.getTime() || a.windowId.localeCompare(b.windowId));
  return { items: all.slice(0, limit), truncated: capped || all.length > limit };
}

/**
 * Occurrences of the matching windows that overlap [from, until), by start (for monitoring,
 * outage time, status pages). An environment filter also takes whole-service windows. Pass a
 * scope to limit it to what a caller may see; without one every organisation's count.
 */
export async function listMaintenanceOccurrences(
  executor: Executor,
  query: WindowFilter & { from: Date; until: Date; limit?: number; scope?: OrganisationScope },
): Promise<{ items: WindowOccurrence[]; truncated: boolean }> {
  const rows = await allWindowRows(executor, query.scope ?? EVERYTHING, query);
  return occurrencesOfRows(rows, query, query.limit ?? 1000);
}
