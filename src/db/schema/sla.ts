import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './directory.js';
import { tickets } from './tickets.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Business calendars: IANA zone, weekly opening intervals, holidays (local dates). */
export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull(),
    /** {"mon": [["09:00","17:00"]], …}; a missing weekday is closed. */
    hours: jsonb('hours').notNull(),
    holidays: text('holidays').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [uniqueIndex('business_calendars_name').on(sql`lower(${table.name})`)],
);

/** An SLA policy: a calendar, targets per priority (minutes), pausing statuses, warning share. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id),
    /** {"P1": {"firstResponse": 30, "nextResponse": 60, "resolution": 240}, …}; a missing target is none. */
    targets: jsonb('targets').notNull(),
    pauseStatuses: text('pause_statuses').array().notNull().default(sql`'{pending_customer}'::text[]`),
    warningPercent: integer('warning_percent').notNull().default(75),
    isDefault: boolean('is_default').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('sla_policies_name').on(sql`lower(${table.name})`),
    uniqueIndex('sla_policies_one_default').on(table.isDefault).where(sql`is_default`),
  ],
);

/** Which policy an organisation's tickets run under (until contracts choose it). */
export const organisationSlaPolicies = pgTable('organisation_sla_policies', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  policyId: uuid('policy_id')
    .notNull()
    .references(() => slaPolicies.id),
});

/** The SLA state of a ticket: the policy it runs under (recorded) and its clock's pause intervals. */
export const ticketSla = pgTable('ticket_sla', {
  ticketId: uuid('ticket_id')
    .primaryKey()
    .references(() => tickets.id),
  policyId: uuid('policy_id').references(() => slaPolicies.id),
  /** Recorded pause intervals [{from, to|null}] (ISO instants); never rewritten by policy edits. */
  pauses: jsonb('pauses').notNull().default(sql`'[]'::jsonb`),
  /** Policy version and calendar version the stored due times were computed with. */
  computedWith: jsonb('computed_with'),
  updatedAt: at('updated_at').notNull(),
});

/** One timer per ticket and target: when its clock started, when it is due, what happened. */
export const slaTimers = pgTable(
  'sla_timers',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    target: text('target', { enum: ['first_response', 'next_response', 'resolution'] }).notNull(),
    targetMinutes: integer('target_minutes').notNull(),
    startedAt: at('started_at').notNull(),
    /** null while the clock is paused (no due time until it resumes). */
    dueAt: at('due_at'),
    warnAt: at('warn_at'),
    metAt: at('met_at'),
    warnedAt: at('warned_at'),
    breachedAt: at('breached_at'),
    /** Next instant a job must look at this timer (warning or breach), null when nothing is pending. */
    nextCheckAt: at('next_check_at'),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('sla_timers_pk').on(table.ticketId, table.target),
    index('sla_timers_due').on(table.dueAt).where(sql`met_at is null`),
    index('sla_timers_next_check').on(table.nextCheckAt).where(sql`next_check_at is not null`),
  ],
);

/** The explainable timeline: starts, pauses, resumes, target and policy changes, warnings, breaches. */
export const slaTimeline = pgTable(
  'sla_timeline',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    at: at('at').notNull(),
    kind: text('kind').notNull(),
    target: text('target'),
    reason: text('reason').notNull(),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
  },
  (table) => [index('sla_timeline_ticket').on(table.ticketId, table.id)],
);

/** Escalation matrix: priority × threshold → whom to notify, which tier/team to move to. */
export const escalationRules = pgTable(
  'escalation_rules',
  {
    id: uuid('id').primaryKey(),
    priority: text('priority', { enum: ['P1', 'P2', 'P3', 'P4'] }).notNull(),
    threshold: text('threshold', { enum: ['warning', 'breach'] }).notNull(),
    /** e.g. ["assignee", "team", "service_managers"] or user ids. */
    notify: text('notify').array().notNull().default(sql`'{}'::text[]`),
    moveToTier: text('move_to_tier', { enum: ['L1', 'L2', 'L3', 'L4'] }),
    moveToTeamId: uuid('move_to_team_id'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [uniqueIndex('escalation_rules_cell').on(table.priority, table.threshold)],
);
