import { type AnyColumn, and, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { afterCursor, keysetOrder, sortKeyOf } from '../../db/keyset.js';
import { organisations } from '../../db/schema/index.js';
import type { OrganisationScope } from '../../platform/actor.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';

export type OrganisationRow = typeof organisations.$inferSelect;

/** The tenant filter every organisation query carries. */
export function organisationScopeCondition(
  scope: OrganisationScope,
  column: AnyColumn = organisations.id,
): SQL | undefined {
  if (scope.all) return undefined;
  return scope.ids.length > 0 ? inArray(column, [...scope.ids]) : sql`false`;
}

export async function findOrganisation(executor: Executor, scope: OrganisationScope, id: string) {
  const rows = await executor
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, id), organisationScopeCondition(scope)))
    .limit(1);
  return rows[0] ?? null;
}

export async function findProvider(executor: Executor): Promise<OrganisationRow | null> {
  const rows = await executor.select().from(organisations).where(eq(organisations.kind, 'provider')).limit(1);
  return rows[0] ?? null;
}

const SORTS = {
  name: { expression: sql`lower(${organisations.name})`, id: organisations.id, descending: false },
  '-name': { expression: sql`lower(${organisations.name})`, id: organisations.id, descending: true },
  createdAt: { expression: organisations.createdAt, id: organisations.id, descending: false },
  '-createdAt': { expression: organisations.createdAt, id: organisations.id, descending: true },
} as const;

export interface OrganisationFilter {
  q?: string;
  kind?: 'provider' | 'customer';
  active?: boolean;
  sort: keyof typeof SORTS;
  limit: number;
  cursor?: string;
}

export async function listOrganisations(
  executor: Executor,
  scope: OrganisationScope,
  filter: OrganisationFilter,
) {
  const sort = SORTS[filter.sort];
  const rows = await executor
    .select({ row: organisations, sortKey: sortKeyOf(sort) })
    .from(organisations)
    .where(
      and(
        organisationScopeCondition(scope),
        filter.q ? ilike(organisations.name, `%${escapeLike(filter.q)}%`) : undefined,
        filter.kind ? eq(organisations.kind, filter.kind) : undefined,
        filter.active !== undefined ? eq(organisations.active, filter.active) : undefined,
        afterCursor(sort, decodeCursor(filter.cursor)),
      ),
    )
    .orderBy(...keysetOrder(sort))
    .limit(filter.limit + 1);
  const page = pageOf(rows, filter.limit, (found) => ({ v: found.sortKey, id: found.row.id }));
  return { items: page.items.map((found) => found.row), nextCursor: page.nextCursor };
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
