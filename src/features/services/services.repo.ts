import { and, eq, ilike, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { afterCursor, keysetOrder, sortKeyOf } from '../../db/keyset.js';
import { services } from '../../db/schema/index.js';
import type { OrganisationScope } from '../../platform/actor.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { organisationScopeCondition } from '../directory/index.js';
import type { ServiceRow } from './presenters.js';

export type NewService = typeof services.$inferInsert;
export type ServiceChanges = Partial<
  Pick<
    ServiceRow,
    'name' | 'description' | 'status' | 'noticeLeadHours' | 'requiresCustomerApproval' | 'updatedAt'
  >
>;

/** A service the scope reaches; another organisation's is null (the caller answers 404). */
export async function findService(
  executor: Executor,
  scope: OrganisationScope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ServiceRow | null> {
  const query = executor
    .select()
    .from(services)
    .where(and(eq(services.id, id), organisationScopeCondition(scope, services.organisationId)))
    .limit(1);
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0] ?? null;
}

export async function insertService(executor: Executor, values: NewService): Promise<ServiceRow> {
  const [row] = await executor.insert(services).values(values).returning();
  return row!;
}

/** Every change bumps the version (clients show it; a later If-Match can use it). */
export async function updateServiceRow(
  executor: Executor,
  id: string,
  changes: ServiceChanges,
): Promise<ServiceRow> {
  const [row] = await executor
    .update(services)
    .set({ ...changes, version: sql`${services.version} + 1` })
    .where(eq(services.id, id))
    .returning();
  return row!;
}

export async function deleteServiceRow(executor: Executor, id: string): Promise<void> {
  await executor.delete(services).where(eq(services.id, id));
}

export interface ServiceFilter {
  organisationId?: string;
  status?: 'active' | 'retired';
  q?: string;
  limit: number;
  cursor?: string;
}

const BY_NAME = { expression: sql`lower(${services.name})`, id: services.id, descending: false };

/** By name (then id), keyset-paginated, within the scope. */
export async function listServiceRows(executor: Executor, scope: OrganisationScope, filter: ServiceFilter) {
  const escaped = filter.q?.replace(/[\\%_]/g, (c) => `\\${c}`);
  const conditions: (SQL | undefined)[] = [
    organisationScopeCondition(scope, services.organisationId),
    filter.organisationId ? eq(services.organisationId, filter.organisationId) : undefined,
    filter.status ? eq(services.status, filter.status) : undefined,
    escaped ? ilike(services.name, `%${escaped}%`) : undefined,
    afterCursor(BY_NAME, decodeCursor(filter.cursor)),
  ];
  const rows = await executor
    .select({ row: services, sortKey: sortKeyOf(BY_NAME) })
    .from(services)
    .where(and(...conditions))
    .orderBy(...keysetOrder(BY_NAME))
    .limit(filter.limit + 1);
  const page = pageOf(rows, filter.limit, (entry) => ({ v: entry.sortKey, id: entry.row.id }));
  return { items: page.items.map((entry) => entry.row), nextCursor: page.nextCursor };
}

/** Whether the service exists and belongs to the organisation (for records that name one). */
export async function serviceBelongsTo(executor: Executor, serviceId: string, organisationId: string) {
  const rows = await executor
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.organisationId, organisationId)))
    .limit(1);
  return rows.length > 0;
}
