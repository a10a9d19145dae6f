import type { Context } from '../../platform/actor.js';
import { AppError, conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { recordAudit } from '../audit/index.js';
import { loadTicket } from '../tickets/index.js';
import { authorizeChannel } from './channels.policy.js';
import {
  findInbound,
  type InboundFilter,
  inboundOfTicket,
  listInboundRows,
  readRaw,
  updateInbound,
} from './inbound.repo.js';
import { type InboundDeps, processInbound, receiveMessage } from './inbound.service.js';
import { findMailboxForRecipient } from './mailboxes.repo.js';
import { presentInbound, presentInboundDetail } from './presenters.js';

/** The inbound webhook: a raw message for a mailbox that accepts webhook delivery. */
export async function deliverRawMessage(
  deps: InboundDeps,
  ctx: Context,
  input: { mailbox: string; raw: Buffer | undefined },
) {
  authorizeChannel(ctx.actor, 'inbound.deliver');
  if (!input.raw || input.raw.length === 0)
    throw validationError([{ path: 'body', message: 'is empty; send the raw message (message/rfc822)' }]);
  const mailbox = await findMailboxForRecipient(deps.db, input.mailbox);
  if (!mailbox?.active || !mailbox.webhookEnabled)
    throw new AppError(
      'not_found',
      'mailboxes.not_found',
      'no active mailbox with this address accepts webhook delivery',
    );
  return await receiveMessage(
    deps,
    { raw: input.raw, mailbox, route: 'webhook', envelopeFrom: null },
    ctx.requestId,
  );
}

export async function listInboundForAdmin(
  deps: InboundDeps,
  ctx: Context,
  query: Omit<InboundFilter, 'cursor'> & { cursor?: string },
) {
  authorizeChannel(ctx.actor, 'inbound.read');
  const cursor = decodeCursor(query.cursor);
  if (cursor && Number.isNaN(new Date(String(cursor.v)).getTime()))
    throw validationError([{ path: 'query.cursor', message: 'is not a cursor this server issued' }]);
  const rows = await listInboundRows(deps.db, { ...query, cursor });
  const page = pageOf(rows, query.limit, (row) => ({ v: row.receivedAt.toISOString(), id: row.id }));
  return { items: page.items.map(presentInbound), nextCursor: page.nextCursor };
}

export async function getInboundForAdmin(deps: InboundDeps, ctx: Context, id: string) {
  authorizeChannel(ctx.actor, 'inbound.read');
  const row = await findInbound(deps.db, id);
  if (!row) throw notFound('inbound_message');
  return presentInboundDetail(row);
}

/**
 * The mail a ticket was made of, with each message's sanitised HTML, for staff who can see the
 * ticket (not for customers: notes from unknown senders and bounces are among them).
 */
export async function ticketEmailsForStaff(deps: InboundDeps, ctx: Context, ref: string) {
  if (!['admin', 'service_manager', 'agent'].includes(ctx.actor.role ?? ''))
    throw forbidden('channels.forbidden', 'only staff may read the mail of a ticket');
  const ticket = await loadTicket(deps.db, ctx, ref);
  const rows = await inboundOfTicket(deps.db, ticket.id);
  return { items: rows.map(presentInboundDetail) };
}

/** The message exactly as received: always a download, never rendered. */
export async function rawInboundForAdmin(deps: InboundDeps, ctx: Context, id: string) {
  authorizeChannel(ctx.actor, 'inbound.read');
  const row = await findInbound(deps.db, id);
  const data = row ? await readRaw(deps.db, row) : null;
  if (!row || !data) throw notFound('inbound_message');
  return {
    data,
    headers: {
      'content-type': 'message/rfc822',
      'content-disposition': `attachment; filename="message-${row.id}.eml"`,
      'content-security-policy': "sandbox; default-src 'none'",
      'x-content-type-options': 'nosniff',
    },
  };
}

/** Try again a message that went to review or was ignored (say, after its sender's domain was added). */
export async function reprocessInboundForAdmin(deps: InboundDeps, ctx: Context, id: string) {
  authorizeChannel(ctx.actor, 'inbound.reprocess');
  const before = await findInbound(deps.db, id);
  if (!before) throw notFound('inbound_message');
  if (before.status !== 'review' && before.status !== 'ignored')
    throw conflict('inbound.not_reprocessable', `a ${before.status} message cannot be processed again`);
  await deps.db.transaction(async (tx) => {
    await updateInbound(tx, id, { status: 'received', attempts: 0, reason: null, processedAt: null });
    await recordAudit(tx, ctx, {
      action: 'inbound_message.reprocessed',
      entityType: 'inbound_message',
      entityId: id,
      before: { status: before.status, reason: before.reason },
    });
  });
  return presentInboundDetail(await processInbound(deps, id, ctx.requestId));
}
