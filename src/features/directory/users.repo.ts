import { and, eq, ilike, or, sql } from 'drizzle-orm';
import type { Role } from '../../contracts/common.js';
import type { Executor } from '../../db/client.js';
import { afterCursor, keysetOrder, sortKeyOf } from '../../db/keyset.js';
import { users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { escapeLike, organisationScopeCondition } from './organisations.repo.js';

export type UserRow = typeof users.$inferSelect;

/**
 * The tenant filter for users: the actor's organisations; a requester sees only themself.
 */
export function userVisibility(actor: Actor) {
  if (actor.role === 'requester' && actor.userId) return eq(users.id, actor.userId);
  return organisationScopeCondition(actor.organisations, users.organisationId);
}

export async function findUser(executor: Executor, actor: Actor, id: string): Promise<UserRow | null> {
  const rows = await executor
    .select()
    .from(users)
    .where(and(eq(users.id, id), userVisibility(actor)))
    .limit(1);
  return rows[0] ?? null;
}

/** Unscoped: for authentication and uniqueness checks only, never for presenting to a caller. */
export async function findUserByEmail(executor: Executor, email: string): Promise<UserRow | null> {
  const rows = await executor
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0] ?? null;
}

export async function findUserById(executor: Executor, id: string): Promise<UserRow | null> {
  const rows = await executor.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

const SORTS = {
  name: { expression: sql`lower(${users.name})`, id: users.id, descending: false },
  '-name': { expression: sql`lower(${users.name})`, id: users.id, descending: true },
  email: { expression: sql`lower(${users.email})`, id: users.id, descending: false },
  '-email': { expression: sql`lower(${users.email})`, id: users.id, descending: true },
  createdAt: { expression: users.createdAt, id: users.id, descending: false },
  '-createdAt': { expression: users.createdAt, id: users.id, descending: true },
} as const;

export interface UserFilter {
  q?: string;
  organisationId?: string;
  role?: Role;
  active?: boolean;
  sort: keyof typeof SORTS;
  limit: number;
  cursor?: string;
}

export async function listUsers(executor: Executor, actor: Actor, filter: UserFilter) {
  const sort = SORTS[filter.sort];
  const pattern = filter.q ? `%${escapeLike(filter.q)}%` : undefined;
  const rows = await executor
    .select({ row: users, sortKey: sortKeyOf(sort) })
    .from(users)
    .where(
      and(
        userVisibility(actor),
        pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined,
        filter.organisationId ? eq(users.organisationId, filter.organisationId) : undefined,
        filter.role ? eq(users.role, filter.role) : undefined,
        filter.active !== undefined ? eq(users.active, filter.active) : undefined,
        afterCursor(sort, decodeCursor(filter.cursor)),
      ),
    )
    .orderBy(...keysetOrder(sort))
    .limit(filter.limit + 1);
  const page = pageOf(rows, filter.limit, (found) => ({ v: found.sortKey, id: found.row.id }));
  return { items: page.items.map((found) => found.row), nextCursor: page.nextCursor };
}

export async function insertUser(executor: Executor, row: typeof users.$inferInsert): Promise<UserRow> {
  const [inserted] = await executor.insert(users).values(row).returning();
  return inserted as UserRow;
}

export async function updateUserRow(
  executor: Executor,
  id: string,
  changes: Partial<typeof users.$inferInsert>,
): Promise<UserRow> {
  const [updated] = await executor.update(users).set(changes).where(eq(users.id, id)).returning();
  return updated as UserRow;
}

export async function countActiveAdmins(executor: Executor): Promise<number> {
  const [row] = await executor
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)));
  return row?.count ?? 0;
}
