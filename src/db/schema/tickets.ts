import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, teams, users } from './directory.js';
import { services } from './services.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** Human ticket numbers (T-10001…), never reused. */
export const ticketNumbers = pgSequence('ticket_numbers', { startWith: 10001 });

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey(),
    number: bigint('number', { mode: 'number' }).notNull().default(sql`nextval('ticket_numbers')`).unique(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id),
    type: text('type', { enum: ['incident', 'service_request', 'problem', 'question'] }).notNull(),
    status: text('status', {
      enum: ['new', 'open', 'pending_customer', 'pending_third_party', 'on_hold', 'resolved', 'closed'],
    }).notNull(),
    impact: text('impact', { enum: ['high', 'medium', 'low'] }).notNull(),
    urgency: text('urgency', { enum: ['high', 'medium', 'low'] }).notNull(),
    priority: text('priority', { enum: ['P1', 'P2', 'P3', 'P4'] }).notNull(),
    tier: text('tier', { enum: ['L1', 'L2', 'L3', 'L4'] }).notNull(),
    teamId: uuid('team_id').references(() => teams.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    serviceId: uuid('service_id').references(() => services.id),
    channel: text('channel', { enum: ['portal', 'email', 'api', 'agent'] }).notNull(),
    version: integer('version').notNull().default(1),
    reopenCount: integer('reopen_count').notNull().default(0),
    escalationCount: integer('escalation_count').notNull().default(0),
    publicReplyCount: integer('public_reply_count').notNull().default(0),
    firstResponseAt: at('first_response_at'),
    resolvedAt: at('resolved_at'),
    closedAt: at('closed_at'),
    mergedIntoId: uuid('merged_into_id'),
    /** The earliest due time of the ticket's unmet SLA timers (null: none running, or paused). */
    slaDueAt: at('sla_due_at'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', coalesce(subject, '')), 'A') || setweight(to_tsvector('simple', coalesce(description, '')), 'B')`,
    ),
  },
  (table) => [
    index('tickets_org_updated').on(table.organisationId, table.updatedAt, table.id),
    index('tickets_status_updated').on(table.status, table.updatedAt, table.id),
    index('tickets_team_status').on(table.teamId, table.status, table.updatedAt, table.id),
    index('tickets_assignee_status').on(table.assigneeId, table.status, table.updatedAt, table.id),
    index('tickets_requester').on(table.requesterId, table.updatedAt, table.id),
    index('tickets_created').on(table.createdAt, table.id),
    index('tickets_updated').on(table.updatedAt, table.id),
    index('tickets_priority').on(table.priority, table.updatedAt, table.id),
    index('tickets_tags').using('gin', table.tags),
    index('tickets_team_sla_due')
      .on(table.teamId, table.slaDueAt, table.id)
      .where(sql`sla_due_at is not null`),
    index('tickets_sla_due').on(table.slaDueAt, table.id).where(sql`sla_due_at is not null`),
    // The orders of sort=slaDue / -slaDue (no due time last either way) and sort=priority.
    index('tickets_sla_order').on(sql`coalesce(${table.slaDueAt}, 'infinity'::timestamptz)`, table.id),
    index('tickets_sla_order_desc').on(
      sql`coalesce(${table.slaDueAt}, '-infinity'::timestamptz) desc`,
      sql`${table.id} desc`,
    ),
    index('tickets_priority_order').on(table.priority, table.id),
    // A team's queue: its open tickets by SLA due.
    index('tickets_team_sla_queue')
      .on(table.teamId, sql`coalesce(${table.slaDueAt}, 'infinity'::timestamptz)`, table.id)
      .where(sql`status in ('new', 'open', 'pending_customer', 'pending_third_party', 'on_hold')`),
    index('tickets_search').using('gin', table.search),
    // The service's tickets, and the foreign-key check when a service is deleted.
    index('tickets_service').on(table.serviceId, table.id).where(sql`service_id is not null`),
  ],
);

/** Public replies and internal notes. Requesters never see `internal` ones, in any endpoint. */
export const ticketMessages = pgTable(
  'ticket_messages',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    authorId: uuid('author_id').references(() => users.id),
    visibility: text('visibility', { enum: ['public', 'internal'] }).notNull(),
    body: text('body').notNull(),
    channel: text('channel', { enum: ['portal', 'email', 'api', 'agent'] }).notNull(),
    /** Set when merged in from a duplicate. */
    movedFromTicketId: uuid('moved_from_ticket_id'),
    createdAt: at('created_at').notNull(),
  },
  (table) => [index('ticket_messages_ticket').on(table.ticketId, table.createdAt, table.id)],
);

/** File contents, content-addressed (SHA-256), apart from ticket rows; shared by identical files. */
export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  data: bytea('data').notNull(),
  createdAt: at('created_at').notNull(),
});

export const ticketAttachments = pgTable(
  'ticket_attachments',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    messageId: uuid('message_id').references(() => ticketMessages.id),
    blobSha256: text('blob_sha256')
      .notNull()
      .references(() => blobs.sha256),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    visibility: text('visibility', { enum: ['public', 'internal'] }).notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: at('created_at').notNull(),
  },
  (table) => [index('ticket_attachments_ticket').on(table.ticketId, table.createdAt)],
);

export const ticketWatchers = pgTable(
  'ticket_watchers',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: at('created_at').notNull(),
  },
  (table) => [
    uniqueIndex('ticket_watchers_pk').on(table.ticketId, table.userId),
    index('ticket_watchers_user').on(table.userId),
  ],
);

export const ticketLinks = pgTable(
  'ticket_links',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: ['duplicate_of', 'related', 'parent_of', 'caused_by'] }).notNull(),
    fromTicketId: uuid('from_ticket_id')
      .notNull()
      .references(() => tickets.id),
    toTicketId: uuid('to_ticket_id')
      .notNull()
      .references(() => tickets.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: at('created_at').notNull(),
  },
  (table) => [
    uniqueIndex('ticket_links_unique').on(table.kind, table.fromTicketId, table.toTicketId),
    index('ticket_links_from').on(table.fromTicketId),
    index('ticket_links_to').on(table.toTicketId),
  ],
);

/** Everything that happened to a ticket: transitions, field changes, messages, links, moves. */
export const ticketHistory = pgTable(
  'ticket_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    at: at('at').notNull(),
    actorId: uuid('actor_id'),
    kind: text('kind').notNull(),
    data: jsonb('data').notNull(),
    /** Internal entries (notes) are hidden from requesters. */
    internal: boolean('internal').notNull().default(false),
  },
  (table) => [index('ticket_history_ticket').on(table.ticketId, table.id)],
);

export const timeEntries = pgTable(
  'time_entries',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    minutes: integer('minutes').notNull(),
    billable: boolean('billable').notNull(),
    activity: text('activity').notNull(),
    note: text('note').notNull().default(''),
    spentOn: date('spent_on', { mode: 'string' }).notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    index('time_entries_ticket').on(table.ticketId, table.createdAt),
    index('time_entries_user').on(table.userId, table.spentOn),
  ],
);

/** One rating per resolution (a reopened-and-resolved-again ticket can be rated again). */
export const csatRatings = pgTable(
  'csat_ratings',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    resolution: integer('resolution').notNull(),
    score: smallint('score').notNull(),
    comment: text('comment').notNull().default(''),
    ratedBy: uuid('rated_by').references(() => users.id),
    createdAt: at('created_at').notNull(),
  },
  (table) => [uniqueIndex('csat_one_per_resolution').on(table.ticketId, table.resolution)],
);

/** Saved views: personal (owner) or shared with a team. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    ownerId: uuid('owner_id').references(() => users.id),
    teamId: uuid('team_id').references(() => teams.id),
    filters: jsonb('filters').notNull(),
    sort: text('sort').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [index('saved_views_owner').on(table.ownerId), index('saved_views_team').on(table.teamId)],
);

/** Admin-editable priority matrix: impact × urgency → priority (9 rows). */
export const priorityMatrix = pgTable(
  'priority_matrix',
  {
    impact: text('impact', { enum: ['high', 'medium', 'low'] }).notNull(),
    urgency: text('urgency', { enum: ['high', 'medium', 'low'] }).notNull(),
    priority: text('priority', { enum: ['P1', 'P2', 'P3', 'P4'] }).notNull(),
  },
  (table) => [uniqueIndex('priority_matrix_pk').on(table.impact, table.urgency)],
);

/** Round-robin assignment state per team. */
export const teamAssignmentCursor = pgTable('team_assignment_cursor', {
  teamId: uuid('team_id')
    .primaryKey()
    .references(() => teams.id, { onDelete: 'cascade' }),
  lastUserId: uuid('last_user_id'),
});
