import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, teams, users } from './directory.js';
import { serviceEnvironments, services } from './services.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const maintenanceKinds = ['corrective', 'adaptive', 'perfective', 'preventive', 'emergency'] as const;
export const planCategories = [
  'backup_restore_test',
  'dr_test',
  'patch_review',
  'certificate_renewal',
  'dependency_updates',
  'security_review',
  'other',
] as const;
export const maintenanceTaskStates = ['open', 'in_progress', 'done', 'skipped', 'cancelled'] as const;

/** A checklist item as a plan defines it; tasks copy the list when they are generated. */
export interface PlanChecklistItem {
  text: string;
  required: boolean;
}

/** A task's own copy of the checklist, ticked off as the work is done. */
export interface TaskChecklistItem extends PlanChecklistItem {
  /** 1-based position, stable for the task's life. */
  id: number;
  done: boolean;
  doneBy: string | null;
  doneAt: string | null;
}

/** Human task numbers (M-10001…), never reused. */
export const maintenanceTaskNumbers = pgSequence('maintenance_task_numbers', { startWith: 10001 });

/**
 * Recurring preventive work on a service (backup restore tests, certificate renewals…): a schedule
 * like a maintenance window's, from which tasks are generated `generate_ahead_days` before they
 * are due. `generated_through` is the high-water mark (src/core/plans/schedule.ts).
 */
export const maintenancePlans = pgTable(
  'maintenance_plans',
  {
    id: uuid('id').primaryKey(),
    /** The service's organisation, kept here so every query filters by tenant without a join. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    environmentId: uuid('environment_id'),
    title: text('title').notNull(),
    kind: text('kind', { enum: maintenanceKinds }).notNull(),
    category: text('category', { enum: planCategories }).notNull(),
    description: text('description').notNull().default(''),
    rrule: text('rrule').notNull(),
    dtstart: text('dtstart').notNull(),
    timezone: text('timezone').notNull(),
    exdates: text('exdates').array().notNull().default(sql`'{}'::text[]`),
    generateAheadDays: integer('generate_ahead_days').notNull(),
    defaultAssigneeId: uuid('default_assignee_id').references(() => users.id),
    defaultTeamId: uuid('default_team_id').references(() => teams.id),
    active: boolean('active').notNull().default(true),
    checklist: jsonb('checklist').$type<PlanChecklistItem[]>().notNull().default(sql`'[]'::jsonb`),
    generatedThrough: at('generated_through').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    foreignKey({
      name: 'maintenance_plans_environment_fk',
      columns: [table.serviceId, table.environmentId],
      foreignColumns: [serviceEnvironments.serviceId, serviceEnvironments.id],
    }),
    index('maintenance_plans_org_title').on(table.organisationId, sql`lower(${table.title})`, table.id),
    index('maintenance_plans_title').on(sql`lower(${table.title})`, table.id),
    index('maintenance_plans_service').on(table.serviceId),
    index('maintenance_plans_active').on(table.id).where(sql`active`),
    check('maintenance_plans_ahead_check', sql`${table.generateAheadDays} between 0 and 366`),
    check(
      'maintenance_plans_kind_check',
      sql`${table.kind} in ('corrective', 'adaptive', 'perfective', 'preventive', 'emergency')`,
    ),
    check(
      'maintenance_plans_category_check',
      sql`${table.category} in ('backup_restore_test', 'dr_test', 'patch_review', 'certificate_renewal', 'dependency_updates', 'security_review', 'other')`,
    ),
  ],
);

/** One occurrence of a plan: unique per (plan, occurrence key), so generation is idempotent by constraint. */
export const maintenanceTasks = pgTable(
  'maintenance_tasks',
  {
    id: uuid('id').primaryKey(),
    number: bigint('number', { mode: 'number' })
      .notNull()
      .default(sql`nextval('maintenance_task_numbers')`)
      .unique(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => maintenancePlans.id),
    occurrenceKey: text('occurrence_key').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    environmentId: uuid('environment_id'),
    title: text('title').notNull(),
    kind: text('kind', { enum: maintenanceKinds }).notNull(),
    category: text('category', { enum: planCategories }).notNull(),
    dueAt: at('due_at').notNull(),
    state: text('state', { enum: maintenanceTaskStates }).notNull().default('open'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    teamId: uuid('team_id').references(() => teams.id),
    checklist: jsonb('checklist').$type<TaskChecklistItem[]>().notNull().default(sql`'[]'::jsonb`),
    outcome: text('outcome').notNull().default(''),
    completedAt: at('completed_at'),
    version: integer('version').notNull().default(1),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('maintenance_tasks_occurrence').on(table.planId, table.occurrenceKey),
    foreignKey({
      name: 'maintenance_tasks_environment_fk',
      columns: [table.serviceId, table.environmentId],
      foreignColumns: [serviceEnvironments.serviceId, serviceEnvironments.id],
    }),
    index('maintenance_tasks_org_due').on(table.organisationId, table.dueAt, table.id),
    index('maintenance_tasks_due').on(table.dueAt, table.id),
    index('maintenance_tasks_plan_due').on(table.planId, table.dueAt, table.id),
    index('maintenance_tasks_service_due').on(table.serviceId, table.dueAt, table.id),
    index('maintenance_tasks_assignee').on(table.assigneeId, table.state, table.dueAt),
    index('maintenance_tasks_open_due')
      .on(table.dueAt, table.id)
      .where(sql`state in ('open', 'in_progress')`),
    check(
      'maintenance_tasks_state_check',
      sql`${table.state} in ('open', 'in_progress', 'done', 'skipped', 'cancelled')`,
    ),
    check(
      'maintenance_tasks_completed_check',
      sql`(${table.state} in ('open', 'in_progress')) = (${table.completedAt} is null)`,
    ),
  ],
);

/** Everything that happened to a task: created, state changes (the backlog at a past instant), edits. */
export const maintenanceTaskHistory = pgTable(
  'maintenance_task_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => maintenanceTasks.id),
    at: at('at').notNull(),
    actorId: uuid('actor_id'),
    kind: text('kind').notNull(),
    data: jsonb('data').notNull(),
  },
  (table) => [index('maintenance_task_history_task').on(table.taskId, table.at, table.id)],
);

/** Time spent on a task, like a ticket's time entries (same activities, billable flag). */
export const maintenanceTaskTimeEntries = pgTable(
  'maintenance_task_time_entries',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => maintenanceTasks.id),
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
    index('maintenance_task_time_task').on(table.taskId, table.createdAt),
    index('maintenance_task_time_user').on(table.userId, table.spentOn),
    check('maintenance_task_time_minutes_check', sql`${table.minutes} between 1 and 1440`),
  ],
);
