import { and, eq, inArray, lt, notInArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { afterCursor, keysetOrder, sortKeyOf } from '../../db/keyset.js';
import { maintenancePlans, maintenanceTasks } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { organisationScopeCondition } from '../directory/index.js';
import type { PlanRow } from './presenters.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant filter every plan query carries. */
export function planVisibility(actor: Actor): SQL | undefined {
  return organisationScopeCondition(actor.organisations, maintenancePlans.organisationId);
}

export async function findPlan(executor: Executor, actor: Actor, id: string, lock = false) {
  if (!UUID.test(id)) return null;
  const query = executor
    .select()
    .from(maintenancePlans)
    .where(and(eq(maintenancePlans.id, id), planVisibility(actor)))
    .limit(1);
  const rows = lock ? await query.for('update') : await query;
  return rows[0] ?? null;
}

export async function planHasTasks(executor: Executor, planId: string): Promise<boolean> {
  const [row] = await executor
    .select({ id: maintenanceTasks.id })
    .from(maintenanceTasks)
    .where(eq(maintenanceTasks.planId, planId))
    .limit(1);
  return row !== undefined;
}

const SORTS = {
  title: { expression: sql`lower(${maintenancePlans.title})`, id: maintenancePlans.id, descending: false },
  '-title': { expression: sql`lower(${maintenancePlans.title})`, id: maintenancePlans.id, descending: true },
  createdAt: { expression: maintenancePlans.createdAt, id: maintenancePlans.id, descending: false },
  '-createdAt': { expression: maintenancePlans.createdAt, id: maintenancePlans.id, descending: true },
} as const;
export type PlanSort = keyof typeof SORTS;

export interface PlanFilters {
  serviceId?: string | undefined;
  organisationId?: string | undefined;
  category?: PlanRow['category'][] | undefined;
  active?: boolean | undefined;
}

export async function listPlanRows(
  executor: Executor,
  actor: Actor,
  filters: PlanFilters,
  options: { sort: PlanSort; limit: number; cursor?: string | undefined },
) {
  const sort = SORTS[options.sort];
  const rows = await executor
    .select({ row: maintenancePlans, sortKey: sortKeyOf(sort) })
    .from(maintenancePlans)
    .where(
      and(
        planVisibility(actor),
        filters.serviceId ? eq(maintenancePlans.serviceId, filters.serviceId) : undefined,
        filters.organisationId ? eq(maintenancePlans.organisationId, filters.organisationId) : undefined,
        filters.category ? inArray(maintenancePlans.category, filters.category) : undefined,
        filters.active === undefined ? undefined : eq(maintenancePlans.active, filters.active),
        afterCursor(sort, decodeCursor(options.cursor)),
      ),
    )
    .orderBy(...keysetOrder(sort))
    .limit(options.limit + 1);
  const page = pageOf(rows, options.limit, (found) => ({ v: found.sortKey, id: found.row.id }));
  return { items: page.items.map((found) => found.row), nextCursor: page.nextCursor };
}

/**
 * Active plans that have not generated up to their horizon at `now`, locked for this transaction;
 * plans another worker is generating right now are skipped (it has them), as are `excluded` ones.
 */
export async function claimPlansBehind(
  executor: Executor,
  now: Date,
  limit: number,
  excluded: readonly string[],
): Promise<PlanRow[]> {
  return await executor
    .select()
    .from(maintenancePlans)
    .where(
      and(
        eq(maintenancePlans.active, true),
        lt(
          maintenancePlans.generatedThrough,
          sql`${now.toISOString()}::timestamptz + ${maintenancePlans.generateAheadDays} * interval '1 day'`,
        ),
        excluded.length > 0 ? notInArray(maintenancePlans.id, [...excluded]) : undefined,
      ),
    )
    .orderBy(maintenancePlans.id)
    .limit(limit)
    .for('update', { skipLocked: true });
}
