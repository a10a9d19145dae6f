import { and, eq } from 'drizzle-orm';
import { definitionOf } from '../../core/maintenance/index.js';
import { expandWindows, formatUtcDateTime } from '../../core/recurrence/index.js';
import type { Db } from '../../db/client.js';
import { maintenanceWindows, serviceEnvironments, services } from '../../db/schema/index.js';
import type { JobDefinition } from '../../jobs/worker.js';
import type { Clock } from '../../platform/clock.js';
import { windowUid } from './calendar.js';
import { queueMaintenanceNotice } from './notices.js';
import type { WindowRow } from './presenters.js';

export const MAINTENANCE_NOTICES_TASK = 'maintenance.notices';
const HOUR_MS = 3_600_000;

/** Windows of active services with a notice lead time, with their service's and environment's names. */
async function noticeableWindows(db: Db) {
  return await db
    .select({
      window: maintenanceWindows,
      serviceName: services.name,
      leadHours: services.noticeLeadHours,
      environmentName: serviceEnvironments.name,
    })
    .from(maintenanceWindows)
    .innerJoin(services, and(eq(services.id, maintenanceWindows.serviceId), eq(services.status, 'active')))
    .leftJoin(serviceEnvironments, eq(serviceEnvironments.id, maintenanceWindows.environmentId))
    .orderBy(maintenanceWindows.id);
}

function subjectOf(row: WindowRow, service: string, environment: string | null, start: Date): string {
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone: row.timezone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(start);
  return `Planned maintenance: ${service}${environment ? ` (${environment})` : ''}, ${day}`;
}

/**
 * Queue a notice for every window occurrence starting within its service's lead time from now
 * and not yet announced. Safe to run on any number of workers at once: each occurrence's notice
 * is one row with a unique key (queueMaintenanceNotice). Answers how many notices were queued.
 */
export async function scanMaintenanceNotices(
  db: Db,
  options: { now: Date; publicUrl: string },
): Promise<number> {
  let queued = 0;
  for (const { window, serviceName, leadHours, environmentName } of await noticeableWindows(db)) {
    if (leadHours <= 0) continue;
    const upcoming = expandWindows({
      ...definitionOf(window),
      from: options.now,
      until: new Date(options.now.getTime() + leadHours * HOUR_MS),
      limit: 200,
    });
    for (const occurrence of upcoming) {
      const stamp = formatUtcDateTime(occurrence.start);
      const result = await db.transaction((tx) =>
        queueMaintenanceNotice(tx, {
          organisationId: window.organisationId,
          serviceId: window.serviceId,
          key: `window:${window.id}:${occurrence.start.toISOString()}`,
          uid: windowUid(`${window.id}-${stamp}`, options.publicUrl),
          sequence: window.sequence,
          subject: subjectOf(window, serviceName, environmentName, occurrence.start),
          summary: `${window.title} — ${serviceName}${environmentName ? ` (${environmentName})` : ''}`,
          description: window.description || undefined,
          start: occurrence.start,
          end: occurrence.end,
          timezone: window.timezone,
          windowId: window.id,
          now: options.now,
        }),
      );
      if (result.queued) queued += 1;
    }
  }
  return queued;
}

export function maintenanceJobs(deps: { db: Db; clock: Clock; publicUrl: string }): JobDefinition[] {
  return [
    {
      name: MAINTENANCE_NOTICES_TASK,
      async handler(_payload, helpers) {
        const queued = await scanMaintenanceNotices(deps.db, {
          now: deps.clock.now(),
          publicUrl: deps.publicUrl,
        });
        helpers.log.debug({ queued }, 'maintenance notices queued');
      },
    },
  ];
}
