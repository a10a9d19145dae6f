import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { teamMembers, tickets, ticketWatchers, users } from '../../db/schema/index.js';

/** Who mail about a ticket may go to: active users, by their current address. */
export interface Recipient {
  id: string;
  email: string;
  name: string;
  role: (typeof users.$inferSelect)['role'];
}

const columns = { id: users.id, email: users.email, name: users.name, role: users.role };

export async function ticketFacts(executor: Executor, ticketId: string) {
  const [row] = await executor
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      requesterId: tickets.requesterId,
      assigneeId: tickets.assigneeId,
      teamId: tickets.teamId,
    })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  return row ?? null;
}

export async function activeUser(
  executor: Executor,
  id: string | null | undefined,
): Promise<Recipient | null> {
  if (!id) return null;
  const [row] = await executor
    .select(columns)
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)));
  return row ?? null;
}

export async function watchersOf(executor: Executor, ticketId: string): Promise<Recipient[]> {
  return await executor
    .select(columns)
    .from(ticketWatchers)
    .innerJoin(users, and(eq(users.id, ticketWatchers.userId), eq(users.active, true)))
    .where(eq(ticketWatchers.ticketId, ticketId));
}

export async function membersOf(executor: Executor, teamId: string | null): Promise<Recipient[]> {
  if (!teamId) return [];
  return await executor
    .select(columns)
    .from(teamMembers)
    .innerJoin(users, and(eq(users.id, teamMembers.userId), eq(users.active, true)))
    .where(eq(teamMembers.teamId, teamId));
}
