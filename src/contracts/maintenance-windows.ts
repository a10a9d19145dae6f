import { z } from 'zod';
import { id, instant, listQuery, page } from './common.js';
import { anyInstant } from './sla.js';

/** Maintenance windows, their occurrences, calendar feeds (DOMAIN.md, "Maintenance"). */

const rrule = z.string().trim().min(1).max(2000).describe('RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=SU');
const dtstart = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .describe('local wall time of the first window, no offset, e.g. 2026-01-04T02:00:00');
const timezone = z.string().trim().min(1).max(100).describe('IANA zone, e.g. Europe/Berlin');
const exdate = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .describe(
    'a local date (YYYY-MM-DD: every occurrence starting that day), a local date-time, or a UTC instant',
  );

export const maintenanceWindow = z.object({
  id,
  organisationId: id,
  serviceId: id,
  environmentId: id.nullable().describe('null: every environment of the service'),
  title: z.string(),
  description: z.string(),
  rrule: z.string().nullable().describe('null: a single window at dtstart'),
  dtstart: z.string(),
  timezone: z.string(),
  durationMinutes: z.number().int(),
  exdates: z.array(z.string()),
  sequence: z.number().int().describe('iCalendar SEQUENCE: bumped on every change'),
  createdBy: id.nullable(),
  createdAt: instant,
  updatedAt: instant,
});
export type MaintenanceWindow = z.infer<typeof maintenanceWindow>;
export const maintenanceWindowPage = page(maintenanceWindow);

export const createMaintenanceWindow = z.strictObject({
  serviceId: id,
  environmentId: id.nullable().default(null),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).default(''),
  rrule: rrule.nullable().default(null),
  dtstart,
  timezone,
  durationMinutes: z.number().int().min(1).max(527_040),
  exdates: z.array(exdate).max(1000).default([]),
});

export const updateMaintenanceWindow = z
  .strictObject({
    environmentId: id.nullable().optional(),
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(10_000).optional(),
    rrule: rrule.nullable().optional(),
    dtstart: dtstart.optional(),
    timezone: timezone.optional(),
    durationMinutes: z.number().int().min(1).max(527_040).optional(),
    exdates: z.array(exdate).max(1000).optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');

export const addWindowException = z.strictObject({ exdate });

export const listMaintenanceWindowsQuery = listQuery.extend({
  organisationId: id.optional(),
  serviceId: id.optional(),
  environmentId: id.optional(),
});

export const maintenanceOccurrencesQuery = z.strictObject({
  from: anyInstant,
  until: anyInstant.describe('at most 400 days after from'),
  organisationId: id.optional(),
  serviceId: id.optional(),
  environmentId: id.optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});

export const maintenanceOccurrence = z.object({
  windowId: id,
  organisationId: id,
  serviceId: id,
  environmentId: id.nullable(),
  title: z.string(),
  start: instant,
  end: instant,
});
export type MaintenanceOccurrence = z.infer<typeof maintenanceOccurrence>;
export const maintenanceOccurrences = z.object({
  items: z.array(maintenanceOccurrence),
  truncated: z.boolean().describe('more occurrences than `limit` lie in the range'),
});

export const calendarFeed = z.object({
  id,
  organisationId: id,
  serviceId: id.nullable().describe('null: every service of the organisation'),
  name: z.string(),
  tokenPrefix: z.string().describe('the first characters of the token, to recognise it'),
  createdBy: id.nullable(),
  createdAt: instant,
  updatedAt: instant,
  revokedAt: instant.nullable(),
});
export type CalendarFeed = z.infer<typeof calendarFeed>;
export const calendarFeedWithUrl = z.object({
  feed: calendarFeed,
  url: z.string().describe('the private feed URL; shown only now, keep it secret'),
});
export const createCalendarFeed = z.strictObject({
  organisationId: id,
  serviceId: id.nullable().default(null),
  name: z.string().trim().min(1).max(200),
});
export const listCalendarFeedsQuery = listQuery.extend({ organisationId: id.optional() });
export const calendarFeedPage = page(calendarFeed);
export const calendarFeedTokenParams = z.strictObject({
  file: z.string().max(200).describe('<token>.ics'),
});
