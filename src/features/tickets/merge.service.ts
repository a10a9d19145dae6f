import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { mergeTicket } from '../../contracts/ticket-links.js';
import { formatTicketNumber } from '../../core/tickets/index.js';
import type { Executor } from '../../db/client.js';
import { ticketMessages } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';
import { moveAttachments } from './attachments.repo.js';
import { applyTransition } from './lifecycle.service.js';
import { insertLink } from './links.repo.js';
import { lockPair } from './links.service.js';
import type { TicketRow } from './presenters.js';
import { authorizeTicket } from './tickets.policy.js';
import { addHistory, updateTicketRow } from './tickets.repo.js';
import { loadTicket, present, type TicketDeps } from './tickets.service.js';
import { insertWatchers, watcherIds } from './watchers.repo.js';

function mergeProblem(duplicate: TicketRow, target: TicketRow): AppError | null {
  const refuse = (code: string, message: string) => new AppError('unprocessable', code, message);
  if (duplicate.id === target.id)
    return refuse('tickets.merge_self', 'a ticket cannot be merged into itself');
  if (duplicate.organisationId !== target.organisationId)
    return refuse('tickets.merge_cross_organisation', 'only tickets of the same organisation can be merged');
  if (target.status === 'closed')
    return refuse(
      'tickets.merge_into_closed',
      `${formatTicketNumber(target.number)} is closed; merge into an open ticket`,
    );
  if (duplicate.status === 'closed')
    return refuse('tickets.merge_closed', `${formatTicketNumber(duplicate.number)} is already closed`);
  return null;
}

/**
 * Everything the duplicate gathered moves to the target: messages (remembering where they came
 * from), attachments, and its watchers — its requester among them, so they keep seeing their request.
 */
async function moveConversation(tx: Executor, ctx: Context, duplicate: TicketRow, target: TicketRow) {
  const messages = await tx
    .update(ticketMessages)
    .set({ ticketId: target.id, movedFromTicketId: duplicate.id })
    .where(eq(ticketMessages.ticketId, duplicate.id))
    .returning({ id: ticketMessages.id });
  const attachments = await moveAttachments(tx, duplicate.id, target.id);
  const people = new Set(await watcherIds(tx, duplicate.id));
  people.add(duplicate.requesterId);
  people.delete(target.requesterId);
  const watchers = await insertWatchers(tx, target.id, [...people], ctx.now);
  return { messages: messages.length, attachments, watchers: watchers.length };
}

async function recordMerge(
  tx: Executor,
  ctx: Context,
  duplicate: TicketRow,
  target: TicketRow,
  entry: { reason: string | null; moved: Record<string, number> },
) {
  const into = { intoTicketId: target.id, intoNumber: formatTicketNumber(target.number) };
  const from = { fromTicketId: duplicate.id, fromNumber: formatTicketNumber(duplicate.number) };
  // History is shown to customers too: no counts there (they would include internal notes).
  await addHistory(tx, ctx, duplicate.id, 'merged', { ...into, reason: entry.reason });
  await addHistory(tx, ctx, target.id, 'merged_in', { ...from, reason: entry.reason });
  await recordAudit(tx, ctx, {
    action: 'ticket.merged',
    entityType: 'ticket',
    entityId: duplicate.id,
    organisationId: duplicate.organisationId,
    after: { ...into, ...entry },
  });
  const merge = { ...from, ...into, ...entry };
  for (const [ticket, type] of [
    [duplicate, 'ticket.merged'],
    [target, 'ticket.updated'],
  ] as const) {
    await publishEvent(tx, ctx, {
      type,
      aggregateType: 'ticket',
      aggregateId: ticket.id,
      organisationId: ticket.organisationId,
      payload: { ticketId: ticket.id, merge },
    });
  }
}

/** Merge a duplicate into the ticket that stays: the conversation moves, the duplicate closes. */
export async function mergeTickets(
  deps: TicketDeps,
  ctx: Context,
  ref: string,
  input: z.infer<typeof mergeTicket>,
) {
  return await deps.db.transaction(async (tx) => {
    await loadTicket(tx, ctx, ref); // 404 before 403
    authorizeTicket(ctx.actor, 'ticket.link');
    const [duplicate, target] = await lockPair(tx, ctx, ref, input.into, 'body.into');
    const problem = mergeProblem(duplicate, target);
    if (problem) throw problem;
    const moved = await moveConversation(tx, ctx, duplicate, target);
    await insertLink(tx, {
      id: uuidv7(ctx.now.getTime()),
      kind: 'duplicate_of',
      fromTicketId: duplicate.id,
      toTicketId: target.id,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    const marked = (await updateTicketRow(tx, duplicate.id, null, {
      mergedIntoId: target.id,
      updatedAt: ctx.now,
    }))!;
    const reason = `merged into ${formatTicketNumber(target.number)}${input.reason ? `: ${input.reason}` : ''}`;
    const closed = await applyTransition(tx, deps, ctx, marked, 'closed', reason);
    const after = (await updateTicketRow(tx, target.id, null, { updatedAt: ctx.now }))!;
    await recordMerge(tx, ctx, duplicate, target, { reason: input.reason ?? null, moved });
    return { ticket: closed.ticket, into: present(deps, ctx, after), moved };
  });
}
