import { and, asc, eq, gt } from 'drizzle-orm';
import { ticketHistory } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { canDo } from './tickets.policy.js';
import { loadTicket, type TicketDeps } from './tickets.service.js';

/** The full history (transitions, field changes, replies, moves), without internal entries for customers. */
export async function ticketHistoryPage(
  deps: TicketDeps,
  ctx: Context,
  ref: string,
  options: { limit: number; cursor?: string },
) {
  const row = await loadTicket(deps.db, ctx, ref);
  const cursor = decodeCursor(options.cursor);
  const rows = await deps.db
    .select()
    .from(ticketHistory)
    .where(
      and(
        eq(ticketHistory.ticketId, row.id),
        canDo(ctx.actor, 'ticket.read_internal') ? undefined : eq(ticketHistory.internal, false),
        cursor ? gt(ticketHistory.id, Number(cursor.id)) : undefined,
      ),
    )
    .orderBy(asc(ticketHistory.id))
    .limit(options.limit + 1);
  const page = pageOf(rows, options.limit, (entry) => ({ v: entry.id, id: String(entry.id) }));
  return {
    items: page.items.map((entry) => ({
      id: String(entry.id),
      at: entry.at.toISOString(),
      actorId: entry.actorId,
      kind: entry.kind,
      data: entry.data as Record<string, unknown>,
    })),
    nextCursor: page.nextCursor,
  };
}
