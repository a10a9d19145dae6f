import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from './directory.js';
import { serviceEnvironments, services } from './services.js';
import { tickets } from './tickets.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const changeStates = [
  'draft',
  'submitted',
  'assessment',
  'approved',
  'rejected',
  'scheduled',
  'in_progress',
  'implemented',
  'failed',
  'rolled_back',
  'reviewed',
  'closed',
  'cancelled',
] as const;
const quoted = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

/** Human change numbers (C-10001…), never reused. */
export const changeNumbers = pgSequence('change_numbers', { startWith: 10001 });

/**
 * A change request (ITIL; DOMAIN.md Maintenance). The lifecycle is src/core/changes; the
 * `*_at` stamps are set once, when the change first reaches that state, so the KPIs are exact
 * without reading the history.
 */
export const changeRequests = pgTable(
  'change_requests',
  {
    id: uuid('id').primaryKey(),
    number: bigint('number', { mode: 'number' }).notNull().default(sql`nextval('change_numbers')`).unique(),
    /** The customer organisation whose services change. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    type: text('type', { enum: ['standard', 'normal', 'emergency'] }).notNull(),
    kind: text('kind', {
      enum: ['corrective', 'adaptive', 'perfective', 'preventive', 'emergency'],
    }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    risk: text('risk', { enum: ['low', 'medium', 'high', 'critical'] }).notNull(),
    impact: text('impact', { enum: ['high', 'medium', 'low'] }).notNull(),
    implementationPlan: text('implementation_plan').notNull().default(''),
    backoutPlan: text('backout_plan').notNull().default(''),
    testPlan: text('test_plan').notNull().default(''),
    requiresDowntime: boolean('requires_downtime').notNull().default(false),
    plannedStart: at('planned_start'),
    plannedEnd: at('planned_end'),
    actualStart: at('actual_start'),
    actualEnd: at('actual_end'),
    state: text('state', { enum: changeStates }).notNull(),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id),
    ownerId: uuid('owner_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    submittedAt: at('submitted_at'),
    approvedAt: at('approved_at'),
    scheduledAt: at('scheduled_at'),
    implementedAt: at('implemented_at'),
    failedAt: at('failed_at'),
    rolledBackAt: at('rolled_back_at'),
    closedAt: at('closed_at'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(description, '')), 'B')`,
    ),
  },
  (table) => [
    index('change_requests_org_updated').on(table.organisationId, table.updatedAt, table.id),
    index('change_requests_state_updated').on(table.state, table.updatedAt, table.id),
    index('change_requests_updated').on(table.updatedAt, table.id),
    index('change_requests_created').on(table.createdAt, table.id),
    index('change_requests_planned').on(table.plannedStart, table.id).where(sql`planned_start is not null`),
    index('change_requests_submitted').on(table.submittedAt).where(sql`submitted_at is not null`),
    index('change_requests_implemented').on(table.implementedAt).where(sql`implemented_at is not null`),
    index('change_requests_search').using('gin', table.search),
    check('change_requests_state_check', sql`${table.state} in (${quoted(changeStates)})`),
    check('change_requests_type_check', sql`${table.type} in ('standard', 'normal', 'emergency')`),
    check(
      'change_requests_kind_check',
      sql`${table.kind} in ('corrective', 'adaptive', 'perfective', 'preventive', 'emergency')`,
    ),
    check('change_requests_risk_check', sql`${table.risk} in ('low', 'medium', 'high', 'critical')`),
    check('change_requests_impact_check', sql`${table.impact} in ('high', 'medium', 'low')`),
    check(
      'change_requests_planned_check',
      sql`(${table.plannedStart} is null) = (${table.plannedEnd} is null) and (${table.plannedEnd} is null or ${table.plannedEnd} > ${table.plannedStart})`,
    ),
  ],
);

/** The services and environments a change touches (the downtime rule checks each environment). */
export const changeAffected = pgTable(
  'change_affected',
  {
    changeId: uuid('change_id')
      .notNull()
      .references(() => changeRequests.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    environmentId: uuid('environment_id').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.changeId, table.environmentId] }),
    foreignKey({
      name: 'change_affected_environment_fk',
      columns: [table.serviceId, table.environmentId],
      foreignColumns: [serviceEnvironments.serviceId, serviceEnvironments.id],
    }),
    index('change_affected_service').on(table.serviceId, table.changeId),
  ],
);

/**
 * A CAB (or an expedited, emergency CAB) for an organisation's changes — every organisation's when
 * `organisation_id` is null — optionally narrowed to one service.
 */
export const approverGroups = pgTable(
  'approver_groups',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    serviceId: uuid('service_id').references(() => services.id),
    name: text('name').notNull(),
    rule: text('rule', { enum: ['quorum', 'all'] }).notNull(),
    quorum: integer('quorum').notNull().default(1),
    expedited: boolean('expedited').notNull().default(false),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('approver_groups_name').on(sql`lower(${table.name})`),
    index('approver_groups_org').on(table.organisationId, table.serviceId),
    check('approver_groups_rule_check', sql`${table.rule} in ('quorum', 'all')`),
    check('approver_groups_quorum_check', sql`${table.quorum} >= 1`),
  ],
);

export const approverGroupMembers = pgTable(
  'approver_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => approverGroups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (table) => [
    primaryKey({ columns: [table.groupId, table.userId] }),
    index('approver_group_members_user').on(table.userId),
  ],
);

/** One decision per approver and change, with its comment; never rewritten. */
export const changeApprovals = pgTable(
  'change_approvals',
  {
    id: uuid('id').primaryKey(),
    changeId: uuid('change_id')
      .notNull()
      .references(() => changeRequests.id, { onDelete: 'cascade' }),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => users.id),
    decision: text('decision', { enum: ['approve', 'reject'] }).notNull(),
    comment: text('comment').notNull().default(''),
    decidedAt: at('decided_at').notNull(),
  },
  (table) => [
    uniqueIndex('change_approvals_once').on(table.changeId, table.approverId),
    check('change_approvals_decision_check', sql`${table.decision} in ('approve', 'reject')`),
  ],
);

/** Every state change: who, when, why (the KPIs' timestamps, the change's story). */
export const changeHistory = pgTable(
  'change_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    changeId: uuid('change_id')
      .notNull()
      .references(() => changeRequests.id, { onDelete: 'cascade' }),
    fromState: text('from_state', { enum: changeStates }),
    toState: text('to_state', { enum: changeStates }).notNull(),
    /** Null: the system (a standard change's automatic approval). */
    actorId: uuid('actor_id').references(() => users.id),
    at: at('at').notNull(),
    comment: text('comment').notNull().default(''),
  },
  (table) => [index('change_history_change').on(table.changeId, table.id)],
);

/** Tickets behind a change: the incident or request that raised it, the problem it fixes. */
export const changeTicketLinks = pgTable(
  'change_ticket_links',
  {
    changeId: uuid('change_id')
      .notNull()
      .references(() => changeRequests.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    kind: text('kind', { enum: ['raised_by', 'fixes', 'related'] }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: at('created_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.changeId, table.ticketId] }),
    index('change_ticket_links_ticket').on(table.ticketId),
    check('change_ticket_links_kind_check', sql`${table.kind} in ('raised_by', 'fixes', 'related')`),
  ],
);
