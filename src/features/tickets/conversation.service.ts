import { and, asc, eq, gt, or, type SQL } from 'drizzle-orm';
import { canReopen } from '../../core/tickets/index.js';
import type { Executor } from '../../db/client.js';
import { ticketMessages } from '../../db/schema/index.js';
import { type Context, SYSTEM_ACTOR } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';
import { attachmentIdsByMessage } from './attachments.repo.js';
import { attachToMessage } from './attachments.service.js';
import { applyTransition } from './lifecycle.service.js';
import type { TicketRow } from './presenters.js';
import { authorizeTicket, canDo } from './tickets.policy.js';
import { addHistory, updateTicketRow } from './tickets.repo.js';
import { isStaff } from './tickets.scope.js';
import { loadTicket, present, type TicketDeps, withHookResult } from './tickets.service.js';

export type MessageRow = typeof ticketMessages.$inferSelect;
export type Visibility = 'public' | 'internal';

export interface NewMessage {
  body: string;
  visibility: Visibility;
  channel?: MessageRow['channel'];
  /** Files the author uploaded to this ticket beforehand, sent with this message. */
  attachmentIds?: readonly string[];
}

/**
 * A requester's reply wakes a ticket waiting for them and reopens a resolved one (within the
 * grace period); a staff reply starts work on a new ticket. Closed tickets take no replies.
 */
function statusAfterReply(
  deps: TicketDeps,
  ctx: Context,
  row: TicketRow,
  visibility: Visibility,
): TicketRow['status'] | null {
  if (row.status === 'closed')
    throw new AppError('unprocessable', 'tickets.closed', 'this ticket is closed; open a new ticket instead');
  if (visibility === 'internal') return null;
  if (isStaff(ctx.actor)) return row.status === 'new' ? 'open' : null;
  if (row.status === 'resolved' && !canReopen(row.resolvedAt ?? ctx.now, ctx.now, deps.closeGraceDays)) {
    throw new AppError(
      'unprocessable',
      'tickets.reopen_window_closed',
      'this ticket was resolved too long ago to reopen; open a new ticket instead',
    );
  }
  return row.status === 'pending_customer' || row.status === 'resolved' ? 'open' : null;
}

/** A reply's status change is a consequence the lifecycle defines, not a move the author chose. */
function asLifecycle(ctx: Context): Context {
  return { ...ctx, actor: { ...SYSTEM_ACTOR, userId: ctx.actor.userId } };
}

async function recordReply(
  tx: Executor,
  ctx: Context,
  row: TicketRow,
  visibility: Visibility,
): Promise<TicketRow> {
  if (visibility !== 'public' || !isStaff(ctx.actor) || ctx.actor.kind === 'system') {
    return (await updateTicketRow(tx, row.id, null, { updatedAt: ctx.now }))!;
  }
  return (await updateTicketRow(tx, row.id, null, {
    updatedAt: ctx.now,
    publicReplyCount: row.publicReplyCount + 1,
    firstResponseAt: row.firstResponseAt ?? ctx.now,
  }))!;
}

export async function addMessage(deps: TicketDeps, ctx: Context, ref: string, input: NewMessage) {
  return await deps.db.transaction(async (tx) => {
    let row = await loadTicket(tx, ctx, ref, true);
    if (input.visibility === 'internal') authorizeTicket(ctx.actor, 'ticket.note');
    const nextStatus = statusAfterReply(deps, ctx, row, input.visibility);
    const channel =
      input.channel ?? (isStaff(ctx.actor) ? 'agent' : ctx.actor.kind === 'token' ? 'api' : 'portal');
    const [message] = await tx
      .insert(ticketMessages)
      .values({
        id: uuidv7(ctx.now.getTime()),
        ticketId: row.id,
        authorId: ctx.actor.userId,
        visibility: input.visibility,
        body: input.body,
        channel,
        createdAt: ctx.now,
      })
      .returning();
    const attachmentIds = await attachToMessage(tx, ctx, row.id, message!, input.attachmentIds);
    await addHistory(
      tx,
      ctx,
      row.id,
      input.visibility === 'public' ? 'reply' : 'note',
      { messageId: message!.id, ...(attachmentIds.length ? { attachmentIds } : {}) },
      input.visibility === 'internal',
    );
    row = await recordReply(tx, ctx, row, input.visibility);
    if (nextStatus) {
      const reason = isStaff(ctx.actor) ? 'agent replied' : 'requester replied';
      row = (await applyTransition(tx, deps, asLifecycle(ctx), row, nextStatus, reason)).after;
    }
    if (input.visibility === 'public' && ctx.actor.kind !== 'system') {
      row = withHookResult(
        row,
        await deps.hooks?.afterReply(tx, ctx, row, isStaff(ctx.actor) ? 'staff' : 'customer'),
      );
    }
    await recordAudit(tx, ctx, {
      action: input.visibility === 'public' ? 'ticket.replied' : 'ticket.noted',
      entityType: 'ticket',
      entityId: row.id,
      organisationId: row.organisationId,
      after: { messageId: message!.id },
    });
    // Internal notes raise an event without their text, flagged internal, so customer-facing
    // subscribers (webhooks for an organisation) can leave them out.
    const payload =
      input.visibility === 'public'
        ? { ticket: present(deps, ctx, row), message: presentMessage(message!, attachmentIds) }
        : { ticketId: row.id, messageId: message!.id, internal: true };
    await publishEvent(tx, ctx, {
      type: input.visibility === 'public' ? 'ticket.replied' : 'ticket.noted',
      aggregateType: 'ticket',
      aggregateId: row.id,
      organisationId: row.organisationId,
      payload,
    });
    return presentMessage(message!, attachmentIds);
  });
}

export function presentMessage(row: MessageRow, attachmentIds: string[] = []) {
  return {
    id: row.id,
    ticketId: row.ticketId,
    authorId: row.authorId,
    visibility: row.visibility,
    body: row.body,
    channel: row.channel,
    movedFromTicketId: row.movedFromTicketId,
    attachmentIds,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Oldest first. Requesters never receive internal notes. */
export async function listMessages(
  deps: TicketDeps,
  ctx: Context,
  ref: string,
  options: { limit: number; cursor?: string },
) {
  const row = await loadTicket(deps.db, ctx, ref);
  const cursor = decodeCursor(options.cursor);
  const after: SQL | undefined = cursor
    ? or(
        gt(ticketMessages.createdAt, new Date(String(cursor.v))),
        and(eq(ticketMessages.createdAt, new Date(String(cursor.v))), gt(ticketMessages.id, cursor.id)),
      )
    : undefined;
  const rows = await deps.db
    .select()
    .from(ticketMessages)
    .where(
      and(
        eq(ticketMessages.ticketId, row.id),
        canDo(ctx.actor, 'ticket.read_internal') ? undefined : eq(ticketMessages.visibility, 'public'),
        after,
      ),
    )
    .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id))
    .limit(options.limit + 1);
  const page = pageOf(rows, options.limit, (message) => ({
    v: message.createdAt.toISOString(),
    id: message.id,
  }));
  const files = await attachmentIdsByMessage(
    deps.db,
    row.id,
    page.items.map((message) => message.id),
  );
  return {
    items: page.items.map((message) => presentMessage(message, files.get(message.id))),
    nextCursor: page.nextCursor,
  };
}
