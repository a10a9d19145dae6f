import type { Db } from '../../db/client.js';
import type { MailboxRow } from '../../db/schema/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import { decodeRawHeader, firstHeader, readRawHeaders } from './headers.js';
import {
  countAttempt,
  findInbound,
  type InboundMessageRow,
  type InboundRoute,
  lockInbound,
  pendingInboundIds,
  readRaw,
  storeInbound,
  updateInbound,
} from './inbound.repo.js';
import { decide, type IntakeSettings, type Outcome } from './intake.js';
import { mayAutoAnswer } from './loops.js';
import { findMailbox } from './mailboxes.repo.js';
import { parseMail } from './parse.js';
import { senderSpoofed } from './senders.js';

/**
 * The one pipeline every route (SMTP listener, IMAP poller, inbound webhook) uses: store the raw
 * message and commit (only then is it acknowledged), then process it in one transaction that also
 * records the outcome. A message is processed at most once (its row is locked and must still be
 * `received`); a failure is retried a few times and then left for review, never retried forever;
 * and nothing a message contains can throw out of here.
 */
export interface InboundDeps extends IntakeSettings {
  db: Db;
  clock: Clock;
  log: Logger;
}

export const MAX_ATTEMPTS = 3;

export interface IntakeResult {
  action: 'created' | 'appended' | 'ignored';
  ticketId: string | null;
  reason: string | null;
}

/** How the endpoint reports a row: review items and duplicates are "ignored", with the reason. */
export function resultOf(row: InboundMessageRow, duplicate: boolean): IntakeResult {
  if (duplicate) return { action: 'ignored', ticketId: row.ticketId, reason: 'duplicate' };
  if (row.status === 'created' || row.status === 'appended')
    return { action: row.status, ticketId: row.ticketId, reason: row.reason };
  if (row.status === 'review')
    return {
      action: 'ignored',
      ticketId: row.ticketId,
      reason: `review: ${row.reason ?? 'processing failed'}`,
    };
  if (row.status === 'received') return { action: 'ignored', ticketId: null, reason: 'queued' };
  return { action: 'ignored', ticketId: row.ticketId, reason: row.reason };
}

export interface Arrival {
  raw: Buffer;
  mailbox: MailboxRow;
  route: InboundRoute;
  envelopeFrom: string | null;
}

/** Store (committed) without processing: what the SMTP listener acknowledges before it processes. */
export async function acceptMessage(deps: InboundDeps, arrival: Arrival) {
  return await storeInbound(deps.db, {
    raw: arrival.raw,
    mailboxId: arrival.mailbox.id,
    route: arrival.route,
    envelopeFrom: arrival.envelopeFrom,
    now: deps.clock.now(),
  });
}

/** Store, then process at once; a duplicate of a processed message is reported, not redone. */
export async function receiveMessage(deps: InboundDeps, arrival: Arrival, requestId: string | null = null) {
  const { row, duplicate } = await acceptMessage(deps, arrival);
  const run = await runInbound(deps, row.id, requestId);
  // A redelivery of a message stored but never processed (a crash) reports what it did with it.
  return resultOf(run.row, duplicate && !run.mine);
}

function outcomeChanges(outcome: Outcome, now: Date) {
  return {
    status: outcome.status,
    reason: outcome.reason,
    flagged: outcome.flagged,
    ticketId: outcome.delivered?.ticketId ?? null,
    ticketMessageId: outcome.delivered?.ticketMessageId ?? null,
    emlAttachmentId: outcome.delivered?.emlAttachmentId ?? null,
    html: outcome.delivered?.html ?? null,
    processedAt: now,
    lastError: null,
  };
}

type Run = { row: InboundMessageRow; mine: boolean };

async function processOnce(deps: InboundDeps, id: string, requestId: string | null): Promise<Run> {
  return await deps.db.transaction(async (tx) => {
    const row = await lockInbound(tx, id);
    if (row?.status !== 'received') return { row: row!, mine: false };
    const raw = (await readRaw(tx, row)) ?? Buffer.alloc(0);
    const mail = await parseMail(raw);
    const now = deps.clock.now();
    const mailbox = row.mailboxId ? await findMailbox(tx, row.mailboxId) : null;
    const outcome: Outcome = mailbox?.active
      ? await decide(tx, deps, { mailbox, mail, raw, now, requestId })
      : { status: 'ignored', reason: 'mailbox_inactive', flagged: false, delivered: null };
    const updated = await updateInbound(tx, id, {
      ...outcomeChanges(outcome, now),
      fromAddress: mail.from?.address ?? null,
      subject: mail.subject.slice(0, 1000),
      // No automatic answer to a forged sender either (it would go to the real owner of the address).
      autoAnswer: mayAutoAnswer(mail) && !senderSpoofed(mail),
    });
    return { row: updated, mine: true };
  });
}

/** What the review list shows of a message whose processing failed. */
async function recordFailure(deps: InboundDeps, row: InboundMessageRow, error: unknown, final: boolean) {
  const message = error instanceof Error ? error.message : String(error);
  const raw = await readRaw(deps.db, row).catch(() => null);
  const headers = raw ? readRawHeaders(raw) : new Map<string, string[]>();
  const from = /[^\s<>"']+@[^\s<>"']+/.exec(firstHeader(headers, 'from') ?? '')?.[0]?.toLowerCase() ?? null;
  const noNul = (text: string) => text.replaceAll('\u0000', '');
  return await updateInbound(deps.db, row.id, {
    lastError: noNul(message).slice(0, 2000),
    fromAddress: from && noNul(from),
    subject: noNul(decodeRawHeader(firstHeader(headers, 'subject') ?? '')).slice(0, 1000),
    ...(final
      ? { status: 'review', reason: 'processing_failed', flagged: true, processedAt: deps.clock.now() }
      : {}),
  });
}

/**
 * Process a stored message: counted attempts (committed first, so a message that kills the
 * process cannot loop), each in its own transaction; after MAX_ATTEMPTS it goes to review.
 */
export async function processInbound(deps: InboundDeps, id: string, requestId: string | null = null) {
  return (await runInbound(deps, id, requestId)).row;
}

/** `mine`: this call did the processing (rather than finding it done by another). */
async function runInbound(deps: InboundDeps, id: string, requestId: string | null): Promise<Run> {
  for (;;) {
    const counted = await countAttempt(deps.db, id);
    if (!counted) return { row: (await findInbound(deps.db, id))!, mine: false };
    if (counted.attempts > MAX_ATTEMPTS)
      return { row: await recordFailure(deps, counted, 'too many attempts', true), mine: true };
    try {
      return await processOnce(deps, id, requestId);
    } catch (error) {
      const final = counted.attempts >= MAX_ATTEMPTS;
      deps.log.warn({ err: error, inboundId: id, attempt: counted.attempts }, 'inbound message failed');
      const row = await recordFailure(deps, counted, error, final).catch(() => null);
      if (final) return { row: row ?? counted, mine: true };
    }
  }
}

/** The safety net: messages stored but never processed (a crash in between), oldest first. */
export async function processPending(deps: InboundDeps, batch = 20, minAgeMs = 30_000): Promise<number> {
  const olderThan = new Date(deps.clock.now().getTime() - minAgeMs);
  const ids = await pendingInboundIds(deps.db, olderThan, batch);
  for (const id of ids) await processInbound(deps, id);
  return ids.length;
}
