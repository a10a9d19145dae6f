import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { TaskTimeEntry } from '../../contracts/plans.js';
import type { createTimeEntry, updateTimeEntry } from '../../contracts/ticket-time-entries.js';
import type { Executor } from '../../db/client.js';
import { maintenanceTaskTimeEntries as entries, maintenanceTasks } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { forbidden, notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { recordAudit } from '../audit/index.js';
import { authorizeMaintenance, canDo } from './plans.policy.js';
import { presentTimeEntry } from './presenters.js';
import { addTaskHistory, taskVisibility } from './tasks.repo.js';
import { loadTask, type TaskDeps } from './tasks.service.js';

/**
 * Time on maintenance tasks, as on tickets: staff log it, only the author (or an admin) changes or
 * deletes an entry, customer managers read the billable entries of their organisation's tasks.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const today = (now: Date) => now.toISOString().slice(0, 10);

/** Work is logged for today or the past; a day ahead is tolerated for time zones east of UTC. */
function checkSpentOn(spentOn: string, now: Date): void {
  if (spentOn > today(new Date(now.getTime() + 86_400_000)))
    throw validationError([{ path: 'body.spentOn', message: 'is in the future' }]);
}

export async function listTaskTime(
  deps: TaskDeps,
  ctx: Context,
  ref: string,
  options: { limit: number; cursor?: string | undefined },
) {
  const task = await loadTask(deps.db, ctx, ref);
  const billableOnly = !canDo(ctx.actor, 'task.work');
  const cursor = decodeCursor(options.cursor);
  if (cursor && !UUID.test(cursor.id))
    throw validationError([{ path: 'query.cursor', message: 'is not a cursor this server issued' }]);
  const scope = and(eq(entries.taskId, task.id), billableOnly ? eq(entries.billable, true) : undefined);
  const rows = await deps.db
    .select()
    .from(entries)
    .where(and(scope, cursor ? gt(entries.id, cursor.id) : undefined))
    .orderBy(asc(entries.id))
    .limit(options.limit + 1);
  const page = pageOf(rows, options.limit, (row) => ({ v: null, id: row.id }));
  const [totals] = await deps.db
    .select({
      totalMinutes: sql<number>`coalesce(sum(${entries.minutes}), 0)::int`,
      billableMinutes: sql<number>`coalesce(sum(${entries.minutes}) filter (where ${entries.billable}), 0)::int`,
    })
    .from(entries)
    .where(scope);
  return {
    items: page.items.map(presentTimeEntry),
    nextCursor: page.nextCursor,
    totalMinutes: totals?.totalMinutes ?? 0,
    billableMinutes: totals?.billableMinutes ?? 0,
  };
}

async function record(
  tx: Executor,
  ctx: Context,
  organisationId: string,
  action: 'created' | 'updated' | 'deleted',
  change: { before: TaskTimeEntry | null; after: TaskTimeEntry | null },
) {
  const entry = (change.after ?? change.before)!;
  const summary = (value: TaskTimeEntry | null) =>
    value && {
      minutes: value.minutes,
      billable: value.billable,
      activity: value.activity,
      spentOn: value.spentOn,
    };
  await addTaskHistory(tx, ctx, entry.taskId, 'time_entry', {
    action,
    entryId: entry.id,
    userId: entry.userId,
    before: summary(change.before),
    after: summary(change.after),
  });
  await recordAudit(tx, ctx, {
    action: `maintenance_time_entry.${action}`,
    entityType: 'maintenance_time_entry',
    entityId: entry.id,
    organisationId,
    before: change.before,
    after: change.after,
  });
}

export async function logTaskTime(
  deps: TaskDeps,
  ctx: Context,
  ref: string,
  input: z.infer<typeof createTimeEntry>,
) {
  return await deps.db.transaction(async (tx) => {
    const task = await loadTask(tx, ctx, ref);
    authorizeMaintenance(ctx.actor, 'task.work');
    const spentOn = input.spentOn ?? today(ctx.now);
    checkSpentOn(spentOn, ctx.now);
    const [row] = await tx
      .insert(entries)
      .values({
        id: uuidv7(ctx.now.getTime()),
        taskId: task.id,
        userId: ctx.actor.userId!,
        minutes: input.minutes,
        billable: input.billable,
        activity: input.activity,
        note: input.note,
        spentOn,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    const entry = presentTimeEntry(row!);
    await record(tx, ctx, task.organisationId, 'created', { before: null, after: entry });
    return entry;
  });
}

/** An entry on a task the actor can see and may change: the author's own, or any for an admin. */
async function loadOwnEntry(tx: Executor, ctx: Context, id: string) {
  authorizeMaintenance(ctx.actor, 'task.read');
  const [found] = UUID.test(id)
    ? await tx
        .select({ entry: entries, organisationId: maintenanceTasks.organisationId })
        .from(entries)
        .innerJoin(maintenanceTasks, eq(maintenanceTasks.id, entries.taskId))
        .where(and(eq(entries.id, id), taskVisibility(ctx.actor)))
        .limit(1)
        .for('update', { of: entries })
    : [];
  if (!found) throw notFound('time_entry');
  authorizeMaintenance(ctx.actor, 'task.work');
  if (found.entry.userId !== ctx.actor.userId && ctx.actor.role !== 'admin')
    throw forbidden('time_entries.not_author', 'only the author of a time entry (or an admin) may change it');
  return found;
}

export async function changeTaskTime(
  deps: TaskDeps,
  ctx: Context,
  id: string,
  input: z.infer<typeof updateTimeEntry>,
) {
  return await deps.db.transaction(async (tx) => {
    const { entry, organisationId } = await loadOwnEntry(tx, ctx, id);
    if (input.spentOn) checkSpentOn(input.spentOn, ctx.now);
    const before = presentTimeEntry(entry);
    const changed = Object.entries(input).some(
      ([field, value]) => value !== undefined && before[field as keyof TaskTimeEntry] !== value,
    );
    if (!changed) return before;
    const [row] = await tx
      .update(entries)
      .set({ ...input, updatedAt: ctx.now })
      .where(eq(entries.id, entry.id))
      .returning();
    const after = presentTimeEntry(row!);
    await record(tx, ctx, organisationId, 'updated', { before, after });
    return after;
  });
}

export async function deleteTaskTime(deps: TaskDeps, ctx: Context, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { entry, organisationId } = await loadOwnEntry(tx, ctx, id);
    await tx.delete(entries).where(eq(entries.id, entry.id));
    await record(tx, ctx, organisationId, 'deleted', { before: presentTimeEntry(entry), after: null });
  });
}
