import { and, asc, eq, exists, getTableColumns, gt, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { ChangeFilters, ChangeSort } from '../../contracts/changes.js';
import { type ChangeState, parseChangeNumber } from '../../core/changes/index.js';
import type { Executor } from '../../db/client.js';
import { afterCursor, keysetOrder, sortKeyOf } from '../../db/keyset.js';
import { changeAffected, changeHistory, changeRequests } from '../../db/schema/index.js';
import type { Actor, Context } from '../../platform/actor.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { changeVisibility } from './changes.scope.js';

export type ChangeRow = Omit<typeof changeRequests.$inferSelect, 'search'>;
export interface Affected {
  serviceId: string;
  environmentId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const { search: _search, ...columns } = getTableColumns(changeRequests);

/** By id or human number (C-10234), within what the actor may see; null otherwise. */
export async function findChange(
  executor: Executor,
  actor: Actor,
  ref: string,
  lock = false,
): Promise<ChangeRow | null> {
  const number = UUID.test(ref) ? null : parseChangeNumber(ref);
  if (!UUID.test(ref) && number === null) return null;
  const query = executor
    .select(columns)
    .from(changeRequests)
    .where(
      and(
        number === null ? eq(changeRequests.id, ref) : eq(changeRequests.number, number),
        changeVisibility(actor),
      ),
    )
    .limit(1);
  const rows = lock ? await query.for('update') : await query;
  return rows[0] ?? null;
}

export async function insertChange(
  executor: Executor,
  row: typeof changeRequests.$inferInsert,
): Promise<ChangeRow> {
  const [inserted] = await executor.insert(changeRequests).values(row).returning(columns);
  return inserted!;
}

/** Update only if the version is still the one the caller saw; every change bumps the version. */
export async function updateChangeRow(
  executor: Executor,
  id: string,
  expectedVersion: number | null,
  changes: Partial<typeof changeRequests.$inferInsert>,
): Promise<ChangeRow | null> {
  const [updated] = await executor
    .update(changeRequests)
    .set({ ...changes, version: sql`${changeRequests.version} + 1` })
    .where(
      and(
        eq(changeRequests.id, id),
        expectedVersion === null ? undefined : eq(changeRequests.version, expectedVersion),
      ),
    )
    .returning(columns);
  return updated ?? null;
}

export async function affectedOf(executor: Executor, changeIds: readonly string[]) {
  const byChange = new Map<string, Affected[]>(changeIds.map((id) => [id, []]));
  if (changeIds.length === 0) return byChange;
  const rows = await executor
    .select()
    .from(changeAffected)
    .where(inArray(changeAffected.changeId, [...changeIds]))
    .orderBy(asc(changeAffected.serviceId), asc(changeAffected.environmentId));
  for (const row of rows)
    byChange.get(row.changeId)?.push({ serviceId: row.serviceId, environmentId: row.environmentId });
  return byChange;
}

export async function replaceAffected(executor: Executor, changeId: string, affected: readonly Affected[]) {
  await executor.delete(changeAffected).where(eq(changeAffected.changeId, changeId));
  if (affected.length > 0)
    await executor.insert(changeAffected).values(affected.map((entry) => ({ changeId, ...entry })));
}

export async function addChangeHistory(
  executor: Executor,
  ctx: Context,
  changeId: string,
  entry: { from: ChangeState | null; to: ChangeState; comment: string; system?: boolean },
): Promise<void> {
  await executor.insert(changeHistory).values({
    changeId,
    fromState: entry.from,
    toState: entry.to,
    actorId: entry.system ? null : ctx.actor.userId,
    at: ctx.now,
    comment: entry.comment,
  });
}

export async function historyOf(executor: Executor, changeId: string) {
  return await executor
    .select()
    .from(changeHistory)
    .where(eq(changeHistory.changeId, changeId))
    .orderBy(asc(changeHistory.id));
}

const SORTS = {
  updatedAt: { expression: changeRequests.updatedAt, id: changeRequests.id, descending: false },
  '-updatedAt': { expression: changeRequests.updatedAt, id: changeRequests.id, descending: true },
  createdAt: { expression: changeRequests.createdAt, id: changeRequests.id, descending: false },
  '-createdAt': { expression: changeRequests.createdAt, id: changeRequests.id, descending: true },
  number: { expression: changeRequests.number, id: changeRequests.id, descending: false },
  '-number': { expression: changeRequests.number, id: changeRequests.id, descending: true },
  // Unplanned changes come last in both directions.
  plannedStart: {
    expression: sql`coalesce(${changeRequests.plannedStart}, 'infinity'::timestamptz)`,
    id: changeRequests.id,
    descending: false,
  },
  '-plannedStart': {
    expression: sql`coalesce(${changeRequests.plannedStart}, '-infinity'::timestamptz)`,
    id: changeRequests.id,
    descending: true,
  },
} as const satisfies Record<ChangeSort, unknown>;

function textCondition(q: string): SQL {
  const number = parseChangeNumber(q);
  const words = sql`${changeRequests.search} @@ websearch_to_tsquery('simple', ${q})`;
  return number === null ? words : (or(eq(changeRequests.number, number), words) as SQL);
}

const touchesService = (serviceId: string) =>
  sql`exists (select 1 from ${changeAffected} a where a.change_id = ${changeRequests.id} and a.service_id = ${serviceId})`;

export function changeConditions(actor: Actor, filters: ChangeFilters): (SQL | undefined)[] {
  return [
    changeVisibility(actor),
    filters.state ? inArray(changeRequests.state, filters.state) : undefined,
    filters.type ? inArray(changeRequests.type, filters.type) : undefined,
    filters.kind ? inArray(changeRequests.kind, filters.kind) : undefined,
    filters.risk ? inArray(changeRequests.risk, filters.risk) : undefined,
    filters.organisationId ? eq(changeRequests.organisationId, filters.organisationId) : undefined,
    filters.serviceId ? touchesService(filters.serviceId) : undefined,
    filters.requiresDowntime === undefined
      ? undefined
      : eq(changeRequests.requiresDowntime, filters.requiresDowntime),
    filters.q ? textCondition(filters.q) : undefined,
    filters.plannedFrom ? gt(changeRequests.plannedEnd, new Date(filters.plannedFrom)) : undefined,
    filters.plannedUntil ? lt(changeRequests.plannedStart, new Date(filters.plannedUntil)) : undefined,
  ];
}

export async function listChanges(
  executor: Executor,
  actor: Actor,
  filters: ChangeFilters,
  options: { sort: ChangeSort; limit: number; cursor?: string },
) {
  const sort = SORTS[options.sort];
  const rows = await executor
    .select({ row: columns, sortKey: sortKeyOf(sort) })
    .from(changeRequests)
    .where(and(...changeConditions(actor, filters), afterCursor(sort, decodeCursor(options.cursor))))
    .orderBy(...keysetOrder(sort))
    .limit(options.limit + 1);
  const page = pageOf(rows, options.limit, (found) => ({ v: found.sortKey, id: found.row.id }));
  return { items: page.items.map((found) => found.row as ChangeRow), nextCursor: page.nextCursor };
}

/**
 * Changes planned to overlap [from, until) (optionally touching some services), in planned order,
 * at most `limit`.
 */
export async function plannedInRange(
  executor: Executor,
  actor: Actor,
  range: { from: Date; until: Date; organisationId?: string; serviceIds?: readonly string[] },
  limit: number,
): Promise<ChangeRow[]> {
  const services = range.serviceIds;
  return await executor
    .select(columns)
    .from(changeRequests)
    .where(
      and(
        changeVisibility(actor),
        lt(changeRequests.plannedStart, range.until),
        gt(changeRequests.plannedEnd, range.from),
        range.organisationId ? eq(changeRequests.organisationId, range.organisationId) : undefined,
        services && services.length > 0
          ? exists(
              executor
                .select({ one: sql`1` })
                .from(changeAffected)
                .where(
                  and(
                    eq(changeAffected.changeId, changeRequests.id),
                    inArray(changeAffected.serviceId, [...services]),
                  ),
                ),
            )
          : undefined,
      ),
    )
    .orderBy(asc(changeRequests.plannedStart), asc(changeRequests.id))
    .limit(limit);
}
