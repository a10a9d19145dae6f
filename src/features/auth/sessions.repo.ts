import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { sessions, users } from '../../db/schema/index.js';

export type SessionRow = typeof sessions.$inferSelect;
export type UserRow = typeof users.$inferSelect;

export async function insertSession(executor: Executor, row: SessionRow): Promise<void> {
  await executor.insert(sessions).values(row);
}

/** A live session and its active user, or null. */
export async function findLiveSession(
  executor: Executor,
  idHash: string,
  now: Date,
): Promise<{ session: SessionRow; user: UserRow } | null> {
  const rows = await executor
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now), eq(users.active, true)))
    .limit(1);
  return rows[0] ?? null;
}

export async function extendSession(
  executor: Executor,
  idHash: string,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await executor.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(executor: Executor, idHash: string): Promise<void> {
  await executor.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** End every session of a user, except optionally the one making the request. */
export async function deleteUserSessions(
  executor: Executor,
  userId: string,
  exceptHash: string | null = null,
): Promise<void> {
  await executor
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptHash ? ne(sessions.idHash, exceptHash) : undefined));
}

export async function deleteExpiredSessions(executor: Executor, now: Date): Promise<number> {
  const deleted = await executor
    .delete(sessions)
    .where(lt(sessions.expiresAt, now))
    .returning({ id: sessions.idHash });
  return deleted.length;
}
