import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, not, type SQL, sql } from 'drizzle-orm';
import type { TaskFilters } from '../../contracts/plans.js';
import { parseTaskNumber } from '../../core/plans/index.js';
import type { Executor } from '../../db/client.js';
import { afterCursor, keysetOrder, sortKeyOf } from '../../db/keyset.js';
import { maintenanceTaskHistory, maintenanceTasks } from '../../db/schema/index.js';
import type { Actor, Context } from '../../platform/actor.js';
import { validationError } from '../../platform/errors.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { organisationScopeCondition } from '../directory/index.js';
import type { TaskRow } from './presenters.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant filter every task query carries. */
export function taskVisibility(actor: Actor): SQL | undefined {
  return organisationScopeCondition(actor.organisations, maintenanceTasks.organisationId);
}

/** By id or human number (M-10001), within what the actor may see; null otherwise. */
export async function findTask(executor: Executor, actor: Actor, ref: string, lock = false) {
  const number = UUID.test(ref) ? null : parseTaskNumber(ref);
  if (!UUID.test(ref) && number === null) return null;
  const query = executor
    .select()
    .from(maintenanceTasks)
    .where(
      and(
        number === null ? eq(maintenanceTasks.id, ref) : eq(maintenanceTasks.number, number),
        taskVisibility(actor),
      ),
    )
    .limit(1);
  const rows = lock ? await query.for('update') : await query;
  return rows[0] ?? null;
}

/** Update only at the version the caller saw (null: any); every change bumps the version. */
export async function updateTaskRow(
  executor: Executor,
  id: string,
  expectedVersion: number | null,
  changes: Partial<typeof maintenanceTasks.$inferInsert>,
): Promise<TaskRow | null> {
  const [updated] = await executor
    .update(maintenanceTasks)
    .set({ ...changes, version: sql`${maintenanceTasks.version} + 1` })
    .where(
      and(
        eq(maintenanceTasks.id, id),
        expectedVersion === null ? undefined : eq(maintenanceTasks.version, expectedVersion),
      ),
    )
    .returning();
  return updated ?? null;
}

export async function addTaskHistory(
  executor: Executor,
  ctx: Context,
  taskId: string,
  kind: string,
  data: Record<string, unknown>,
): Promise<void> {
  await executor
    .insert(maintenanceTaskHistory)
    .values({ taskId, at: ctx.now, actorId: ctx.actor.userId, kind, data });
}

export async function taskHistoryRows(
  executor: Executor,
  taskId: string,
  options: { limit: number; cursor?: string | undefined },
) {
  const cursor = decodeCursor(options.cursor);
  if (cursor && !/^\d{1,18}$/.test(cursor.id))
    throw validationError([{ path: 'query.cursor', message: 'is not a cursor this server issued' }]);
  const rows = await executor
    .select()
    .from(maintenanceTaskHistory)
    .where(
      and(
        eq(maintenanceTaskHistory.taskId, taskId),
        cursor ? gt(maintenanceTaskHistory.id, Number(cursor.id)) : undefined,
      ),
    )
    .orderBy(asc(maintenanceTaskHistory.id))
    .limit(options.limit + 1);
  return pageOf(rows, options.limit, (row) => ({ v: null, id: String(row.id) }));
}

const SORTS = {
  dueAt: { expression: maintenanceTasks.dueAt, id: maintenanceTasks.id, descending: false },
  '-dueAt': { expression: maintenanceTasks.dueAt, id: maintenanceTasks.id, descending: true },
  number: { expression: maintenanceTasks.number, id: maintenanceTasks.id, descending: false },
  '-number': { expression: maintenanceTasks.number, id: maintenanceTasks.id, descending: true },
  updatedAt: { expression: maintenanceTasks.updatedAt, id: maintenanceTasks.id, descending: false },
  '-updatedAt': { expression: maintenanceTasks.updatedAt, id: maintenanceTasks.id, descending: true },
} as const;
export type TaskSort = keyof typeof SORTS;

const OPEN_STATES: TaskRow['state'][] = ['open', 'in_progress'];

function overdueCondition(overdue: boolean | undefined, now: Date): SQL | undefined {
  if (overdue === undefined) return undefined;
  const isOverdue = and(inArray(maintenanceTasks.state, OPEN_STATES), lte(maintenanceTasks.dueAt, now))!;
  return overdue ? isOverdue : not(isOverdue);
}

function assigneeCondition(actor: Actor, assigneeId: TaskFilters['assigneeId']): SQL | undefined {
  if (assigneeId === undefined) return undefined;
  if (assigneeId === 'none') return isNull(maintenanceTasks.assigneeId);
  const me = actor.userId ?? '00000000-0000-0000-0000-000000000000';
  return eq(maintenanceTasks.assigneeId, assigneeId === 'me' ? me : assigneeId);
}

export function taskConditions(actor: Actor, filters: TaskFilters, now: Date): (SQL | undefined)[] {
  return [
    taskVisibility(actor),
    filters.planId ? eq(maintenanceTasks.planId, filters.planId) : undefined,
    filters.serviceId ? eq(maintenanceTasks.serviceId, filters.serviceId) : undefined,
    filters.organisationId ? eq(maintenanceTasks.organisationId, filters.organisationId) : undefined,
    filters.state ? inArray(maintenanceTasks.state, filters.state) : undefined,
    assigneeCondition(actor, filters.assigneeId),
    filters.teamId ? eq(maintenanceTasks.teamId, filters.teamId) : undefined,
    filters.dueFrom ? gte(maintenanceTasks.dueAt, new Date(filters.dueFrom)) : undefined,
    filters.dueTo ? lt(maintenanceTasks.dueAt, new Date(filters.dueTo)) : undefined,
    overdueCondition(filters.overdue, now),
  ];
}

export async function listTaskRows(
  executor: Executor,
  actor: Actor,
  filters: TaskFilters,
  options: { sort: TaskSort; limit: number; cursor?: string | undefined; now: Date },
) {
  const sort = SORTS[options.sort];
  const rows = await executor
    .select({ row: maintenanceTasks, sortKey: sortKeyOf(sort) })
    .from(maintenanceTasks)
    .where(
      and(...taskConditions(actor, filters, options.now), afterCursor(sort, decodeCursor(options.cursor))),
    )
    .orderBy(...keysetOrder(sort))
    .limit(options.limit + 1);
  const page = pageOf(rows, options.limit, (found) => ({ v: found.sortKey, id: found.row.id }));
  return { items: page.items.map((found) => found.row), nextCursor: page.nextCursor };
}
