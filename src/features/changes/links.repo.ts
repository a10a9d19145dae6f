import { and, asc, eq } from 'drizzle-orm';
import { formatTicketNumber } from '../../core/tickets/index.js';
import type { Executor } from '../../db/client.js';
import { changeTicketLinks, tickets } from '../../db/schema/index.js';

/** The tickets linked to a change, oldest link first. */
export async function linksOf(executor: Executor, changeId: string) {
  const rows = await executor
    .select({
      ticketId: changeTicketLinks.ticketId,
      number: tickets.number,
      ticketType: tickets.type,
      subject: tickets.subject,
      kind: changeTicketLinks.kind,
      createdAt: changeTicketLinks.createdAt,
    })
    .from(changeTicketLinks)
    .innerJoin(tickets, eq(tickets.id, changeTicketLinks.ticketId))
    .where(eq(changeTicketLinks.changeId, changeId))
    .orderBy(asc(changeTicketLinks.createdAt), asc(changeTicketLinks.ticketId));
  return rows.map(({ number, createdAt, ...row }) => ({
    ...row,
    ticketNumber: formatTicketNumber(number),
    createdAt: createdAt.toISOString(),
  }));
}

/** false when the ticket was already linked. */
export async function insertLink(executor: Executor, row: typeof changeTicketLinks.$inferInsert) {
  const inserted = await executor
    .insert(changeTicketLinks)
    .values(row)
    .onConflictDoNothing()
    .returning({ ticketId: changeTicketLinks.ticketId });
  return inserted.length > 0;
}

/** false when there was no such link. */
export async function deleteLink(executor: Executor, changeId: string, ticketId: string) {
  const deleted = await executor
    .delete(changeTicketLinks)
    .where(and(eq(changeTicketLinks.changeId, changeId), eq(changeTicketLinks.ticketId, ticketId)))
    .returning({ ticketId: changeTicketLinks.ticketId });
  return deleted.length > 0;
}
