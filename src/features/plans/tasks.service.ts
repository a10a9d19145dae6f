import type { z } from 'zod';
import type { Task, TaskFilters, transitionTask, updateTask } from '../../contracts/plans.js';
import { completedAtAfter, transitionProblem } from '../../core/plans/index.js';
import type { Db, Executor } from '../../db/client.js';
import type { TaskChecklistItem } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { AppError, notFound, validationError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';
import { checkAssignment } from './people.js';
import { authorizeMaintenance } from './plans.policy.js';
import { presentTask, type TaskRow } from './presenters.js';
import {
  addTaskHistory,
  findTask,
  listTaskRows,
  type TaskSort,
  taskHistoryRows,
  updateTaskRow,
} from './tasks.repo.js';

export interface TaskDeps {
  db: Db;
}

export async function loadTask(
  executor: Executor,
  ctx: Context,
  ref: string,
  lock = false,
): Promise<TaskRow> {
  authorizeMaintenance(ctx.actor, 'task.read');
  const row = await findTask(executor, ctx.actor, ref, lock);
  if (!row) throw notFound('maintenance_task');
  return row;
}

const present = (ctx: Context, row: TaskRow) => presentTask(row, ctx.actor, ctx.now);

/** Audit entry and `maintenance_task.<action>` event for a change, in the caller's transaction. */
async function recordChange(
  tx: Executor,
  ctx: Context,
  action: 'updated' | 'transitioned' | 'checklist_changed',
  before: TaskRow,
  after: TaskRow,
  details: Record<string, unknown>,
): Promise<Task> {
  const task = present(ctx, after);
  await recordAudit(tx, ctx, {
    action: `maintenance_task.${action}`,
    entityType: 'maintenance_task',
    entityId: after.id,
    organisationId: after.organisationId,
    before: present(ctx, before),
    after: task,
  });
  await publishEvent(tx, ctx, {
    type: `maintenance_task.${action}`,
    aggregateType: 'maintenance_task',
    aggregateId: after.id,
    organisationId: after.organisationId,
    payload: { task, ...details },
  });
  return task;
}

export async function getTask(deps: TaskDeps, ctx: Context, ref: string) {
  return present(ctx, await loadTask(deps.db, ctx, ref));
}

export async function searchTasks(
  deps: TaskDeps,
  ctx: Context,
  filters: TaskFilters,
  options: { sort: TaskSort; limit: number; cursor?: string | undefined },
) {
  authorizeMaintenance(ctx.actor, 'task.read');
  const page = await listTaskRows(deps.db, ctx.actor, filters, { ...options, now: ctx.now });
  return { items: page.items.map((row) => present(ctx, row)), nextCursor: page.nextCursor };
}

export async function taskHistory(
  deps: TaskDeps,
  ctx: Context,
  ref: string,
  options: { limit: number; cursor?: string | undefined },
) {
  const task = await loadTask(deps.db, ctx, ref);
  const page = await taskHistoryRows(deps.db, task.id, options);
  return {
    items: page.items.map((row) => ({
      id: String(row.id),
      at: row.at.toISOString(),
      actorId: row.actorId,
      kind: row.kind,
      data: row.data as Record<string, unknown>,
    })),
    nextCursor: page.nextCursor,
  };
}

function versionConflict(ctx: Context, current: TaskRow): AppError {
  return new AppError(
    'precondition_failed',
    'maintenance_tasks.version_conflict',
    'someone else changed this task; review the current state and retry',
    { current: present(ctx, current) },
  );
}

/** Locked, visible, workable by the caller, and (when a version is given) at that version. */
async function loadForWork(tx: Executor, ctx: Context, ref: string, version: number | null) {
  const before = await loadTask(tx, ctx, ref, true);
  authorizeMaintenance(ctx.actor, 'task.work');
  if (version !== null && before.version !== version) throw versionConflict(ctx, before);
  return before;
}

/** The changed fields only, as {field: {from, to}}. */
function diff(before: TaskRow, changes: Partial<TaskRow>): Record<string, { from: unknown; to: unknown }> {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, value] of Object.entries(changes)) {
    const previous = before[field as keyof TaskRow];
    const same =
      previous instanceof Date && value instanceof Date
        ? previous.getTime() === value.getTime()
        : JSON.stringify(previous) === JSON.stringify(value);
    if (!same) changed[field] = { from: previous, to: value };
  }
  return changed;
}

export async function changeTask(
  deps: TaskDeps,
  ctx: Context,
  ref: string,
  version: number,
  input: z.infer<typeof updateTask>,
) {
  return await deps.db.transaction(async (tx) => {
    const before = await loadForWork(tx, ctx, ref, version);
    const { dueAt, ...rest } = input;
    const changes: Partial<TaskRow> = { ...rest, ...(dueAt ? { dueAt: new Date(dueAt) } : {}) };
    await checkAssignment(
      tx,
      before.organisationId,
      {
        teamId: input.teamId !== undefined ? input.teamId : before.teamId,
        assigneeId: input.assigneeId !== undefined ? input.assigneeId : before.assigneeId,
      },
      { teamId: 'body.teamId', assigneeId: 'body.assigneeId' },
      { teamId: input.teamId !== undefined, assigneeId: input.assigneeId !== undefined },
    );
    const changed = diff(before, changes);
    if (Object.keys(changed).length === 0) return present(ctx, before);
    const after = await updateTaskRow(tx, before.id, version, { ...changes, updatedAt: ctx.now });
    if (!after) throw versionConflict(ctx, before);
    await addTaskHistory(tx, ctx, after.id, 'field', { changes: changed });
    return await recordChange(tx, ctx, 'updated', before, after, { changes: changed });
  });
}

function refuseTransition(
  before: TaskRow,
  problem: NonNullable<ReturnType<typeof transitionProblem>>,
): never {
  if (problem.code === 'reason_required')
    throw validationError([{ path: 'body.reason', message: 'say why the task is skipped or cancelled' }]);
  if (problem.code === 'checklist_incomplete')
    throw new AppError(
      'unprocessable',
      'maintenance_tasks.checklist_incomplete',
      'tick every required checklist item before marking the task done',
      { itemIds: problem.itemIds },
    );
  throw new AppError(
    'unprocessable',
    'maintenance_tasks.invalid_transition',
    `a task cannot move from ${before.state} to that state`,
    { allowed: problem.allowed },
  );
}

/** Move a task through its lifecycle (src/core/plans/tasks.ts); the reason goes into its history. */
export async function transitionMaintenanceTask(
  deps: TaskDeps,
  ctx: Context,
  ref: string,
  input: z.infer<typeof transitionTask>,
) {
  return await deps.db.transaction(async (tx) => {
    const before = await loadForWork(tx, ctx, ref, null);
    const reason = input.reason?.trim() || null;
    const problem = transitionProblem(before.state, input.state, before.checklist, reason);
    if (problem) refuseTransition(before, problem);
    const after = await updateTaskRow(tx, before.id, null, {
      state: input.state,
      completedAt: completedAtAfter(input.state, ctx.now),
      ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
      updatedAt: ctx.now,
    });
    const details = { from: before.state, to: input.state, reason };
    await addTaskHistory(tx, ctx, before.id, 'state', details);
    return await recordChange(tx, ctx, 'transitioned', before, after!, details);
  });
}

/** Tick or untick one checklist item, recording who and when; no If-Match (items are independent). */
export async function toggleChecklistItem(
  deps: TaskDeps,
  ctx: Context,
  ref: string,
  itemId: number,
  done: boolean,
) {
  return await deps.db.transaction(async (tx) => {
    const before = await loadForWork(tx, ctx, ref, null);
    const item = before.checklist.find((entry) => entry.id === itemId);
    if (!item) throw notFound('checklist_item');
    if (item.done === done) return present(ctx, before);
    const checklist: TaskChecklistItem[] = before.checklist.map((entry) =>
      entry.id === itemId
        ? {
            ...entry,
            done,
            doneBy: done ? ctx.actor.userId : null,
            doneAt: done ? ctx.now.toISOString() : null,
          }
        : entry,
    );
    const after = await updateTaskRow(tx, before.id, null, { checklist, updatedAt: ctx.now });
    const details = { itemId, text: item.text, done };
    await addTaskHistory(tx, ctx, before.id, 'checklist', details);
    return await recordChange(tx, ctx, 'checklist_changed', before, after!, details);
  });
}
