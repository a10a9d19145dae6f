import { and, asc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { ticketLinks, tickets } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { CursorKey } from '../../platform/pagination.js';
import type { TicketRow } from './presenters.js';
import { ticketVisibility } from './tickets.scope.js';

export type LinkRow = typeof ticketLinks.$inferSelect;
export type LinkKind = LinkRow['kind'];
export type OtherTicket = Pick<TicketRow, 'id' | 'number' | 'subject' | 'status' | 'type'>;

/** Lock rows in id order, whoever asks and in whichever order, so two writers never deadlock. */
export async function lockTicketsInOrder(executor: Executor, ids: string[]): Promise<Map<string, TicketRow>> {
  const rows = await executor
    .select()
    .from(tickets)
    .where(inArray(tickets.id, ids))
    .orderBy(asc(tickets.id))
    .for('update');
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Links that must not form cycles (parent_of, duplicate_of): adding one takes a transaction-scoped
 * advisory lock for the organisation first, so two concurrent links cannot close a cycle together.
 */
export async function lockLinkGraph(executor: Executor, organisationId: string): Promise<void> {
  await executor.execute(sql`select pg_advisory_xact_lock(hashtext(${`ticket_links:${organisationId}`}))`);
}

/** Whether a new `kind` link from → to would close a cycle: `to` already reaches `from` (or is it). */
export async function wouldCycle(
  executor: Executor,
  kind: LinkKind,
  fromId: string,
  toId: string,
): Promise<boolean> {
  if (fromId === toId) return true;
  const result = await executor.execute<{ found: boolean }>(sql`
    with recursive reach(id) as (
      select to_ticket_id from ticket_links where kind = ${kind} and from_ticket_id = ${toId}
      union
      select l.to_ticket_id from ticket_links l join reach on l.from_ticket_id = reach.id where l.kind = ${kind}
    )
    select exists (select 1 from reach where id = ${fromId}) as found`);
  return result.rows[0]?.found === true;
}

/** A link of this kind between the two, in the given direction (or either, when `eitherWay`). */
export async function findLinkBetween(
  executor: Executor,
  kind: LinkKind,
  fromId: string,
  toId: string,
  eitherWay: boolean,
): Promise<LinkRow | null> {
  const forward = and(eq(ticketLinks.fromTicketId, fromId), eq(ticketLinks.toTicketId, toId));
  const backward = and(eq(ticketLinks.fromTicketId, toId), eq(ticketLinks.toTicketId, fromId));
  const [row] = await executor
    .select()
    .from(ticketLinks)
    .where(and(eq(ticketLinks.kind, kind), eitherWay ? or(forward, backward) : forward))
    .limit(1);
  return row ?? null;
}

export async function insertLink(
  executor: Executor,
  row: typeof ticketLinks.$inferInsert,
): Promise<LinkRow | null> {
  const [inserted] = await executor.insert(ticketLinks).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function deleteLink(executor: Executor, id: string): Promise<void> {
  await executor.delete(ticketLinks).where(eq(ticketLinks.id, id));
}

/** The ticket at the other end of a link, as seen from `ticketId`. */
const otherEnd = (ticketId: string): SQL =>
  sql`case when ${ticketLinks.fromTicketId} = ${ticketId} then ${ticketLinks.toTicketId} else ${ticketLinks.fromTicketId} end`;

const otherColumns = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  status: tickets.status,
  type: tickets.type,
};

/** Links of a ticket in both directions whose other ticket the actor can see; oldest first. */
export async function listLinkRows(
  executor: Executor,
  actor: Actor,
  ticketId: string,
  options: { limit: number; cursor: CursorKey | null; linkId?: string },
): Promise<{ link: LinkRow; other: OtherTicket }[]> {
  const { cursor } = options;
  const after = cursor
    ? or(
        gt(ticketLinks.createdAt, new Date(String(cursor.v))),
        and(eq(ticketLinks.createdAt, new Date(String(cursor.v))), gt(ticketLinks.id, cursor.id)),
      )
    : undefined;
  return await executor
    .select({ link: ticketLinks, other: otherColumns })
    .from(ticketLinks)
    .innerJoin(tickets, eq(tickets.id, otherEnd(ticketId)))
    .where(
      and(
        or(eq(ticketLinks.fromTicketId, ticketId), eq(ticketLinks.toTicketId, ticketId)),
        options.linkId ? eq(ticketLinks.id, options.linkId) : undefined,
        ticketVisibility(actor),
        after,
      ),
    )
    .orderBy(asc(ticketLinks.createdAt), asc(ticketLinks.id))
    .limit(options.limit + 1);
}
