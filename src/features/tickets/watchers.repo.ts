import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { ticketWatchers, users } from '../../db/schema/index.js';

export interface WatcherRow {
  userId: string;
  name: string;
  role: (typeof users.$inferSelect)['role'];
  organisationId: string;
  createdAt: Date;
}

export async function listWatcherRows(executor: Executor, ticketId: string): Promise<WatcherRow[]> {
  return await executor
    .select({
      userId: ticketWatchers.userId,
      name: users.name,
      role: users.role,
      organisationId: users.organisationId,
      createdAt: ticketWatchers.createdAt,
    })
    .from(ticketWatchers)
    .innerJoin(users, eq(users.id, ticketWatchers.userId))
    .where(eq(ticketWatchers.ticketId, ticketId))
    .orderBy(asc(ticketWatchers.createdAt), asc(ticketWatchers.userId));
}

/** Add watchers; returns the user ids that were not watching yet. */
export async function insertWatchers(
  executor: Executor,
  ticketId: string,
  userIds: string[],
  now: Date,
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const added = await executor
    .insert(ticketWatchers)
    .values(userIds.map((userId) => ({ ticketId, userId, createdAt: now })))
    .onConflictDoNothing()
    .returning({ userId: ticketWatchers.userId });
  return added.map((row) => row.userId);
}

export async function deleteWatcher(executor: Executor, ticketId: string, userId: string): Promise<boolean> {
  const removed = await executor
    .delete(ticketWatchers)
    .where(and(eq(ticketWatchers.ticketId, ticketId), eq(ticketWatchers.userId, userId)))
    .returning({ userId: ticketWatchers.userId });
  return removed.length > 0;
}

export async function watcherIds(executor: Executor, ticketId: string): Promise<string[]> {
  const rows = await executor
    .select({ userId: ticketWatchers.userId })
    .from(ticketWatchers)
    .where(eq(ticketWatchers.ticketId, ticketId));
  return rows.map((row) => row.userId);
}
