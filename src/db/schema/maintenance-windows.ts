import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from './directory.js';
import { serviceEnvironments, services } from './services.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A reserved interval of a service (and one of its environments, or all of them): an RFC 5545
 * RRULE on a local DTSTART in an IANA zone, or a single window when `rrule` is null. Reserved
 * whether used or not. `sequence` is the iCalendar SEQUENCE, bumped on every edit so that
 * calendar clients replace what they showed.
 */
export const maintenanceWindows = pgTable(
  'maintenance_windows',
  {
    id: uuid('id').primaryKey(),
    /** The service's organisation, kept here so every query can be scoped without a join. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    /** Null: the window holds for every environment of the service. */
    environmentId: uuid('environment_id'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    rrule: text('rrule'),
    /** Local wall time of the first window, no offset: 2026-01-04T02:00:00. */
    dtstart: text('dtstart').notNull(),
    timezone: text('timezone').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** Skipped occurrences: local dates, local date-times or UTC instants (core/recurrence). */
    exdates: text('exdates').array().notNull().default(sql`'{}'::text[]`),
    sequence: integer('sequence').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    foreignKey({
      name: 'maintenance_windows_environment_fk',
      columns: [table.serviceId, table.environmentId],
      foreignColumns: [serviceEnvironments.serviceId, serviceEnvironments.id],
    }),
    index('maintenance_windows_org').on(table.organisationId, table.id),
    index('maintenance_windows_service').on(table.serviceId, table.environmentId),
    check('maintenance_windows_duration_check', sql`${table.durationMinutes} between 1 and 527040`),
  ],
);

/**
 * A private iCalendar feed of an organisation's windows (or one service's). The URL carries a
 * random token; only its SHA-256 digest is stored, like API tokens.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Null: every service of the organisation. */
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the token, to recognise it in a list. */
    tokenPrefix: text('token_prefix').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (table) => [index('calendar_feeds_org').on(table.organisationId, table.id)],
);

/**
 * One notice mail run (to every recipient) per upcoming window occurrence or change downtime.
 * The unique key is what makes two workers scanning at once send it once.
 */
export const maintenanceNotices = pgTable(
  'maintenance_notices',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** `window:<id>:<occurrence start>` for windows; chosen by the caller otherwise. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    windowId: uuid('window_id').references(() => maintenanceWindows.id, { onDelete: 'set null' }),
    /** The iCalendar UID the attached event carries. */
    uid: text('uid').notNull(),
    subject: text('subject').notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    recipientCount: integer('recipient_count').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (table) => [
    index('maintenance_notices_org').on(table.organisationId, table.startsAt),
    index('maintenance_notices_window').on(table.windowId),
  ],
);
