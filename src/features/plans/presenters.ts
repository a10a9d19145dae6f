import type { Plan, Task, TaskTimeEntry } from '../../contracts/plans.js';
import { allowedTaskTransitions, formatTaskNumber, isOverdue, nextDueDates } from '../../core/plans/index.js';
import type {
  maintenancePlans,
  maintenanceTasks,
  maintenanceTaskTimeEntries,
} from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { canDo } from './plans.policy.js';

export type PlanRow = typeof maintenancePlans.$inferSelect;
export type TaskRow = typeof maintenanceTasks.$inferSelect;
export type TaskTimeEntryRow = typeof maintenanceTaskTimeEntries.$inferSelect;

const PREVIEW_COUNT = 5;

export function scheduleOf(plan: PlanRow) {
  return { rrule: plan.rrule, dtstart: plan.dtstart, timezone: plan.timezone, exdates: plan.exdates };
}

/** The next occurrences; a stored schedule was validated, but a huge COUNT may exceed the step budget. */
function upcoming(plan: PlanRow, now: Date): string[] {
  try {
    return nextDueDates(scheduleOf(plan), now, PREVIEW_COUNT).map((date) => date.toISOString());
  } catch {
    return [];
  }
}

export function presentPlan(row: PlanRow, now: Date): Plan {
  return {
    id: row.id,
    organisationId: row.organisationId,
    serviceId: row.serviceId,
    environmentId: row.environmentId,
    title: row.title,
    kind: row.kind,
    category: row.category,
    description: row.description,
    rrule: row.rrule,
    dtstart: row.dtstart,
    timezone: row.timezone,
    exdates: row.exdates,
    generateAheadDays: row.generateAheadDays,
    defaultAssigneeId: row.defaultAssigneeId,
    defaultTeamId: row.defaultTeamId,
    active: row.active,
    checklist: row.checklist.map((item) => ({ text: item.text, required: item.required })),
    generatedThrough: row.generatedThrough.toISOString(),
    nextDueDates: upcoming(row, now),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentTask(row: TaskRow, actor: Actor, now: Date): Task {
  return {
    id: row.id,
    number: formatTaskNumber(row.number),
    planId: row.planId,
    occurrenceKey: row.occurrenceKey,
    organisationId: row.organisationId,
    serviceId: row.serviceId,
    environmentId: row.environmentId,
    title: row.title,
    kind: row.kind,
    category: row.category,
    dueAt: row.dueAt.toISOString(),
    state: row.state,
    overdue: isOverdue(row.state, row.dueAt, now),
    assigneeId: row.assigneeId,
    teamId: row.teamId,
    checklist: row.checklist.map((item) => ({ ...item })),
    outcome: row.outcome,
    completedAt: row.completedAt?.toISOString() ?? null,
    allowedTransitions: canDo(actor, 'task.work') ? [...allowedTaskTransitions(row.state)] : [],
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentTimeEntry(row: TaskTimeEntryRow): TaskTimeEntry {
  return {
    id: row.id,
    taskId: row.taskId,
    userId: row.userId,
    minutes: row.minutes,
    billable: row.billable,
    activity: row.activity as TaskTimeEntry['activity'],
    note: row.note,
    spentOn: row.spentOn,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
