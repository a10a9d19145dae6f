import type { z } from 'zod';
import type { createLink, newLinkKind, TicketLink } from '../../contracts/ticket-links.js';
import { formatTicketNumber } from '../../core/tickets/index.js';
import type { Executor } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';
import {
  deleteLink,
  findLinkBetween,
  insertLink,
  type LinkKind,
  type LinkRow,
  listLinkRows,
  lockLinkGraph,
  lockTicketsInOrder,
  type OtherTicket,
  wouldCycle,
} from './links.repo.js';
import type { TicketRow } from './presenters.js';
import { authorizeTicket } from './tickets.policy.js';
import { addHistory, findTicket } from './tickets.repo.js';
import { loadTicket, type TicketDeps } from './tickets.service.js';

const RELATION: Record<LinkKind, { outgoing: TicketLink['relation']; incoming: TicketLink['relation'] }> = {
  duplicate_of: { outgoing: 'duplicate_of', incoming: 'duplicated_by' },
  related: { outgoing: 'related', incoming: 'related' },
  parent_of: { outgoing: 'parent_of', incoming: 'child_of' },
  caused_by: { outgoing: 'caused_by', incoming: 'causes' },
};

export function presentLink(link: LinkRow, other: OtherTicket, ticketId: string): TicketLink {
  return {
    id: link.id,
    kind: link.kind,
    relation: RELATION[link.kind][link.fromTicketId === ticketId ? 'outgoing' : 'incoming'],
    fromTicketId: link.fromTicketId,
    toTicketId: link.toTicketId,
    ticket: {
      id: other.id,
      number: formatTicketNumber(other.number),
      subject: other.subject,
      status: other.status,
      type: other.type,
    },
    createdBy: link.createdBy,
    createdAt: link.createdAt.toISOString(),
  };
}

/**
 * Two tickets the caller can see (the second named in the body at `otherPath`), locked in id
 * order; `[this, other]`.
 */
export async function lockPair(
  tx: Executor,
  ctx: Context,
  ref: string,
  otherRef: string,
  otherPath: string,
): Promise<[TicketRow, TicketRow]> {
  const self = await loadTicket(tx, ctx, ref);
  const other = await findTicket(tx, ctx.actor, otherRef);
  if (!other) throw validationError([{ path: otherPath, message: 'is not a ticket you can see' }]);
  const locked = await lockTicketsInOrder(tx, [self.id, other.id]);
  return [locked.get(self.id)!, locked.get(other.id)!];
}

function unprocessable(code: string, message: string): AppError {
  return new AppError('unprocessable', code, message);
}

/** The stored direction: `child_of` is the other ticket's `parent_of`. */
function normalise(kind: z.infer<typeof newLinkKind>, self: TicketRow, other: TicketRow) {
  if (kind === 'child_of') return { kind: 'parent_of' as const, from: other, to: self };
  return { kind, from: self, to: other };
}

async function checkLinkRules(tx: Executor, kind: LinkKind, from: TicketRow, to: TicketRow): Promise<void> {
  if (from.id === to.id) throw unprocessable('links.self', 'a ticket cannot be linked to itself');
  if (from.organisationId !== to.organisationId)
    throw unprocessable('links.cross_organisation', 'linked tickets must belong to the same organisation');
  if (kind === 'caused_by' && (from.type !== 'incident' || to.type !== 'problem'))
    throw unprocessable(
      'links.caused_by_types',
      `caused-by links go from an incident to a problem, not from a ${from.type} to a ${to.type}`,
    );
  if (kind === 'related' && (await findLinkBetween(tx, 'related', from.id, to.id, true)))
    throw conflict('links.exists', 'these tickets are already linked');
  if (kind === 'parent_of' || kind === 'duplicate_of') {
    await lockLinkGraph(tx, from.organisationId);
    if (await wouldCycle(tx, kind, from.id, to.id))
      throw unprocessable(
        'links.cycle',
        kind === 'parent_of'
          ? `${formatTicketNumber(to.number)} is already ${formatTicketNumber(from.number)} or one of its ancestors`
          : 'the other ticket is already (through others) a duplicate of this one',
      );
  }
}

/** History on both tickets, one audit entry, an event for each ticket. */
export async function recordLinkChange(
  tx: Executor,
  ctx: Context,
  action: 'linked' | 'unlinked',
  link: LinkRow,
  from: TicketRow,
  to: TicketRow,
): Promise<void> {
  for (const [self, other] of [
    [from, to],
    [to, from],
  ] as const) {
    const presented = presentLink(link, other, self.id);
    await addHistory(tx, ctx, self.id, 'link', {
      action,
      linkId: link.id,
      relation: presented.relation,
      ticketId: other.id,
      number: presented.ticket.number,
    });
    await publishEvent(tx, ctx, {
      type: 'ticket.updated',
      aggregateType: 'ticket',
      aggregateId: self.id,
      organisationId: self.organisationId,
      payload: { ticketId: self.id, link: presented, action },
    });
  }
  await recordAudit(tx, ctx, {
    action: `ticket.${action}`,
    entityType: 'ticket',
    entityId: from.id,
    organisationId: from.organisationId,
    ...(action === 'linked' ? { after: link } : { before: link }),
  });
}

export async function linkTickets(
  deps: TicketDeps,
  ctx: Context,
  ref: string,
  input: z.infer<typeof createLink>,
) {
  return await deps.db.transaction(async (tx) => {
    await loadTicket(tx, ctx, ref); // 404 before 403: a ticket the caller cannot open does not exist for them
    authorizeTicket(ctx.actor, 'ticket.link');
    const [self, other] = await lockPair(tx, ctx, ref, input.ticket, 'body.ticket');
    const { kind, from, to } = normalise(input.kind, self, other);
    await checkLinkRules(tx, kind, from, to);
    const link = await insertLink(tx, {
      id: uuidv7(ctx.now.getTime()),
      kind,
      fromTicketId: from.id,
      toTicketId: to.id,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    if (!link) throw conflict('links.exists', 'these tickets are already linked this way');
    await recordLinkChange(tx, ctx, 'linked', link, from, to);
    return presentLink(link, other, self.id);
  });
}

export async function unlinkTickets(deps: TicketDeps, ctx: Context, ref: string, linkId: string) {
  await deps.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, ctx, ref);
    authorizeTicket(ctx.actor, 'ticket.link');
    const [found] = await listLinkRows(tx, ctx.actor, ticket.id, { limit: 1, cursor: null, linkId });
    if (!found) throw notFound('link');
    const { link } = found;
    const locked = await lockTicketsInOrder(tx, [link.fromTicketId, link.toTicketId]);
    const [from, to] = [locked.get(link.fromTicketId)!, locked.get(link.toTicketId)!];
    if (link.kind === 'duplicate_of' && from.mergedIntoId === to.id)
      throw unprocessable('links.merged', 'this ticket was merged into the other; the link stays');
    await deleteLink(tx, link.id);
    await recordLinkChange(tx, ctx, 'unlinked', link, from, to);
  });
}

export async function listLinks(
  deps: TicketDeps,
  ctx: Context,
  ref: string,
  options: { limit: number; cursor?: string },
) {
  const ticket = await loadTicket(deps.db, ctx, ref);
  const cursor = decodeCursor(options.cursor);
  if (cursor && Number.isNaN(new Date(String(cursor.v)).getTime()))
    throw validationError([{ path: 'query.cursor', message: 'is not a cursor this server issued' }]);
  const rows = await listLinkRows(deps.db, ctx.actor, ticket.id, { limit: options.limit, cursor });
  const page = pageOf(rows, options.limit, (row) => ({
    v: row.link.createdAt.toISOString(),
    id: row.link.id,
  }));
  return {
    items: page.items.map((row) => presentLink(row.link, row.other, ticket.id)),
    nextCursor: page.nextCursor,
  };
}
