import { z } from 'zod';
import {
  MAINTENANCE_KINDS,
  MAX_GENERATE_AHEAD_DAYS,
  PLAN_CATEGORIES,
  TASK_STATES,
} from '../core/plans/index.js';
import { id, instant, listQuery, page, queryBoolean } from './common.js';
import { anyInstant } from './sla.js';
import { localDate, timeActivity } from './ticket-time-entries.js';

export const maintenanceKind = z.enum(MAINTENANCE_KINDS);
export const planCategory = z.enum(PLAN_CATEGORIES);
export const taskState = z.enum(TASK_STATES);

/** A comma-separated list in a query string: `?state=open,in_progress`. */
const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));

const title = z.string().trim().min(1).max(200);
const description = z.string().trim().max(20_000);

export const checklistTemplateItem = z.strictObject({
  text: z.string().trim().min(1).max(500),
  required: z.boolean().default(true).describe('done needs every required item checked'),
});

const schedule = {
  rrule: z.string().trim().min(1).max(2000).describe('RFC 5545 RRULE, e.g. FREQ=MONTHLY;BYDAY=1MO'),
  dtstart: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .describe('local wall time of the first occurrence, no offset, e.g. 2026-01-05T09:00:00'),
  timezone: z.string().trim().min(1).max(100).describe('IANA zone, e.g. Europe/Berlin'),
  exdates: z
    .array(z.string().trim().max(40))
    .max(500)
    .describe('local dates (YYYY-MM-DD) or local date-times to skip'),
};

const generateAheadDays = z
  .number()
  .int()
  .min(0)
  .max(MAX_GENERATE_AHEAD_DAYS)
  .describe('create each task this many days (24 h) before it is due; 0: when it falls due');

export const createPlan = z.strictObject({
  serviceId: id.describe('the service maintained; the plan belongs to its organisation'),
  environmentId: id.nullable().optional().describe('an environment of that service'),
  title,
  kind: maintenanceKind.default('preventive'),
  category: planCategory,
  description: description.default(''),
  ...schedule,
  exdates: schedule.exdates.default([]),
  generateAheadDays: generateAheadDays.default(14),
  defaultAssigneeId: id.nullable().optional().describe('staff who can reach the organisation'),
  defaultTeamId: id.nullable().optional(),
  active: z.boolean().default(true),
  checklist: z.array(checklistTemplateItem).max(100).default([]),
});

export const updatePlan = z.strictObject({
  environmentId: id.nullable().optional(),
  title: title.optional(),
  kind: maintenanceKind.optional(),
  category: planCategory.optional(),
  description: description.optional(),
  rrule: schedule.rrule.optional(),
  dtstart: schedule.dtstart.optional(),
  timezone: schedule.timezone.optional(),
  exdates: schedule.exdates.optional(),
  generateAheadDays: generateAheadDays.optional(),
  defaultAssigneeId: id.nullable().optional(),
  defaultTeamId: id.nullable().optional(),
  active: z.boolean().optional().describe('false stops generating tasks; true resumes from now'),
  checklist: z
    .array(checklistTemplateItem)
    .max(100)
    .optional()
    .describe('applies to tasks generated from now on'),
});

export const plan = z.object({
  id,
  organisationId: id,
  serviceId: id,
  environmentId: id.nullable(),
  title: z.string(),
  kind: maintenanceKind,
  category: planCategory,
  description: z.string(),
  rrule: z.string(),
  dtstart: z.string(),
  timezone: z.string(),
  exdates: z.array(z.string()),
  generateAheadDays: z.number().int(),
  defaultAssigneeId: id.nullable(),
  defaultTeamId: id.nullable(),
  active: z.boolean(),
  checklist: z.array(z.object({ text: z.string(), required: z.boolean() })),
  generatedThrough: instant.describe('tasks exist for every occurrence before this instant'),
  nextDueDates: z
    .array(instant)
    .describe('the next occurrences from now (up to 5), whether or not their tasks exist yet'),
  version: z.number().int().describe('send back as If-Match: "<version>" when changing the plan'),
  createdAt: instant,
  updatedAt: instant,
});
export type Plan = z.infer<typeof plan>;
export const planPage = page(plan);

export const planSort = z.enum(['title', '-title', 'createdAt', '-createdAt']);
export const listPlansQuery = listQuery.extend({
  serviceId: id.optional(),
  organisationId: id.optional(),
  category: csv(planCategory).optional(),
  active: queryBoolean.optional(),
  sort: planSort.default('title'),
});

export const taskChecklistItem = z.object({
  id: z.number().int().describe('1-based position'),
  text: z.string(),
  required: z.boolean(),
  done: z.boolean(),
  doneBy: id.nullable(),
  doneAt: instant.nullable(),
});

export const task = z.object({
  id,
  number: z.string().describe('human number, e.g. M-10001'),
  planId: id,
  occurrenceKey: z.string().describe('the occurrence it was generated for (its UTC instant)'),
  organisationId: id,
  serviceId: id,
  environmentId: id.nullable(),
  title: z.string(),
  kind: maintenanceKind,
  category: planCategory,
  dueAt: instant,
  state: taskState,
  overdue: z.boolean().describe('open or in progress, and due at or before now'),
  assigneeId: id.nullable(),
  teamId: id.nullable(),
  checklist: z.array(taskChecklistItem),
  outcome: z.string().describe('what was found and done'),
  completedAt: instant.nullable(),
  allowedTransitions: z.array(taskState).describe('states the caller may move this task to now'),
  version: z.number().int().describe('send back as If-Match: "<version>" when changing the task'),
  createdAt: instant,
  updatedAt: instant,
});
export type Task = z.infer<typeof task>;
export const taskPage = page(task);

export const taskSort = z.enum(['dueAt', '-dueAt', 'number', '-number', 'updatedAt', '-updatedAt']);
export const taskFilters = z.strictObject({
  planId: id.optional(),
  serviceId: id.optional(),
  organisationId: id.optional(),
  state: csv(taskState).optional(),
  assigneeId: z.union([id, z.literal('none'), z.literal('me')]).optional(),
  teamId: id.optional(),
  dueFrom: anyInstant.optional().describe('due at or after'),
  dueTo: anyInstant.optional().describe('due before'),
  overdue: queryBoolean.optional().describe('true: open or in progress and due by now; false: not overdue'),
});
export type TaskFilters = z.infer<typeof taskFilters>;
export const listTasksQuery = listQuery.extend({ ...taskFilters.shape, sort: taskSort.default('dueAt') });

export const updateTask = z.strictObject({
  title: title.optional(),
  dueAt: anyInstant.optional(),
  assigneeId: id.nullable().optional(),
  teamId: id.nullable().optional(),
  outcome: z.string().trim().max(20_000).optional(),
});

export const transitionTask = z.strictObject({
  state: taskState,
  reason: z.string().trim().max(2000).optional().describe('required to skip or cancel'),
  outcome: z.string().trim().max(20_000).optional().describe('replaces the outcome notes'),
});

export const checklistParams = z.strictObject({
  ref: z.string().trim().min(1).max(64),
  itemId: z.coerce.number().int().min(1).max(100),
});
export const toggleChecklistItem = z.strictObject({ done: z.boolean() });

export const taskRefParams = z.strictObject({
  ref: z.string().trim().min(1).max(64).describe('task id or number (M-10001)'),
});

export const taskHistoryEntry = z.object({
  id: z.string(),
  at: instant,
  actorId: id.nullable(),
  kind: z.string().describe('created, state, field, checklist, time_entry'),
  data: z.record(z.string(), z.unknown()),
});
export const taskHistoryPage = page(taskHistoryEntry);

export const taskTimeEntry = z.object({
  id,
  taskId: id,
  userId: id.describe('who spent the time (the author; only they and admins may change it)'),
  minutes: z.number().int(),
  billable: z.boolean(),
  activity: timeActivity,
  note: z.string(),
  spentOn: localDate,
  createdAt: instant,
  updatedAt: instant,
});
export type TaskTimeEntry = z.infer<typeof taskTimeEntry>;
export const taskTimeEntryPage = z.object({
  items: z.array(taskTimeEntry),
  nextCursor: z.string().nullable(),
  totalMinutes: z.number().int().describe('all entries of the task the caller may see, not just this page'),
  billableMinutes: z.number().int(),
});
