import type { CalendarFeed, MaintenanceWindow } from '../../contracts/maintenance-windows.js';
import type { calendarFeeds, maintenanceWindows } from '../../db/schema/index.js';

export type WindowRow = typeof maintenanceWindows.$inferSelect;
export type FeedRow = typeof calendarFeeds.$inferSelect;

export function presentWindow(row: WindowRow): MaintenanceWindow {
  return {
    id: row.id,
    organisationId: row.organisationId,
    serviceId: row.serviceId,
    environmentId: row.environmentId,
    title: row.title,
    description: row.description,
    rrule: row.rrule,
    dtstart: row.dtstart,
    timezone: row.timezone,
    durationMinutes: row.durationMinutes,
    exdates: row.exdates,
    sequence: row.sequence,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Never the token: only its prefix. */
export function presentFeed(row: FeedRow): CalendarFeed {
  return {
    id: row.id,
    organisationId: row.organisationId,
    serviceId: row.serviceId,
    name: row.name,
    tokenPrefix: row.tokenPrefix,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
