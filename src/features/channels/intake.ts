import { canReopen } from '../../core/tickets/index.js';
import type { Db, Tx } from '../../db/client.js';
import type { MailboxRow } from '../../db/schema/index.js';
import { type Context, SYSTEM_ACTOR } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { type AttachmentDeps, loadTicket, type TicketDeps, type TicketRow } from '../tickets/index.js';
import { type Delivered, noteFromMail, openFromMail, replyFromMail, tagTicket } from './deliver.js';
import { countFromSender } from './inbound.repo.js';
import { classify, readBounce } from './loops.js';
import { findMailboxForRecipient } from './mailboxes.repo.js';
import type { MailAddress, ParsedMail } from './parse.js';
import {
  actorOf,
  contextFor,
  knownSender,
  onBehalfOf,
  resolveSender,
  senderOf,
  senderSpoofed,
} from './senders.js';
import { findThread, isOurMessageId, threadHints } from './threading.js';

/** What became of a message; `review` ones wait for a person (see the review list). */
export interface Outcome {
  status: 'created' | 'appended' | 'ignored' | 'review';
  reason: string | null;
  flagged: boolean;
  delivered: Delivered | null;
}

export interface IntakeSettings {
  tickets: TicketDeps;
  attachmentMaxBytes: number;
  /** Messages per sender per hour that may open or continue tickets; more are ignored. */
  senderLimitPerHour: number;
}

interface Step {
  tx: Tx;
  deps: AttachmentDeps;
  settings: IntakeSettings;
  mailbox: MailboxRow;
  mail: ParsedMail;
  raw: Buffer;
  now: Date;
  requestId: string | null;
}

const ignored = (reason: string, flagged = false): Outcome => ({
  status: 'ignored',
  reason,
  flagged,
  delivered: null,
});

export const REVIEW_TAG = 'email-review';
export const BOUNCE_TAG = 'email-bounce';

/** Decide and do, inside the caller's transaction, what this message means for the desk. */
export async function decide(
  tx: Tx,
  settings: IntakeSettings,
  input: { mailbox: MailboxRow; mail: ParsedMail; raw: Buffer; now: Date; requestId: string | null },
): Promise<Outcome> {
  const deps: AttachmentDeps = {
    ...settings.tickets,
    db: tx as unknown as Db,
    attachmentMaxBytes: settings.attachmentMaxBytes,
  };
  const step: Step = { tx, deps, settings, ...input };
  const { mail } = input;
  if (mail.messageId && isOurMessageId(mail.messageId)) return ignored('own_message');
  const kind = classify(mail);
  if (kind === 'bounce') return await bounce(step);
  if (kind === 'auto_reply') return ignored('auto_reply');
  const sender = senderOf(mail);
  if (!sender) return { status: 'review', reason: 'no_sender', flagged: true, delivered: null };
  // Mail from one of our own mailboxes (a forwarding loop) is never taken in.
  if (await findMailboxForRecipient(tx, sender.address)) return ignored('own_message');
  const since = new Date(input.now.getTime() - 3600_000);
  if ((await countFromSender(tx, sender.address, since)) >= settings.senderLimitPerHour)
    return ignored('rate_limited');
  const ticketId = await findThread(tx, threadHints(mail, input.mailbox.address));
  return ticketId ? await append(step, ticketId, sender) : await create(step, sender, null);
}

function system(step: Step): Context {
  return contextFor(SYSTEM_ACTOR, step.now, step.requestId);
}

async function create(step: Step, sender: MailAddress, because: string | null): Promise<Outcome> {
  const resolved = await resolveSender(step.tx, system(step), sender, step.mailbox);
  if ('rejected' in resolved) return ignored(resolved.rejected);
  const ctx = contextFor(onBehalfOf(await actorOf(step.tx, resolved.user)), step.now, step.requestId);
  const delivered = await openFromMail(step.deps, ctx, { ...step, requester: resolved.user });
  const spoofed = senderSpoofed(step.mail);
  const flagged = spoofed || step.mail.unreadable;
  if (flagged) await tagTicket(step.deps, ctx, delivered.ticketId, REVIEW_TAG);
  const reason = spoofed ? 'sender_unverified' : step.mail.unreadable ? 'unreadable' : because;
  return { status: 'created', reason, flagged, delivered };
}

/** The sender as an author who can see the ticket, or null (unknown, unverified, another tenant). */
async function authorOn(step: Step, ticketId: string, sender: MailAddress): Promise<Context | null> {
  if (senderSpoofed(step.mail)) return null;
  const user = await knownSender(step.tx, sender.address);
  if (!user) return null;
  const author = contextFor(await actorOf(step.tx, user), step.now, step.requestId);
  try {
    await loadTicket(step.tx, author, ticketId);
    return author;
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not_found') return null;
    throw error;
  }
}

function acceptsReplyFrom(ticket: TicketRow, author: Context, graceDays: number): boolean {
  if (ticket.status === 'closed') return false;
  const staff = ['admin', 'service_manager', 'agent'].includes(author.actor.role ?? '');
  if (staff || ticket.status !== 'resolved') return true;
  return canReopen(ticket.resolvedAt ?? author.now, author.now, graceDays);
}

async function append(step: Step, ticketId: string, sender: MailAddress): Promise<Outcome> {
  const author = await authorOn(step, ticketId, sender);
  const ticket = await loadTicket(step.tx, system(step), ticketId);
  if (!author) return await unknownOnThread(step, ticket, sender);
  if (!acceptsReplyFrom(ticket, author, step.settings.tickets.closeGraceDays)) {
    if (author.actor.role === 'requester' || author.actor.role === 'customer_manager')
      return await create(step, sender, 'previous_ticket_closed');
    return ignored('ticket_closed', true);
  }
  const as = { author, system: contextFor(onBehalfOf(author.actor), step.now, step.requestId) };
  const delivered = await replyFromMail(step.deps, as, ticketId, step.mail, step.raw);
  return { status: 'appended', reason: null, flagged: false, delivered };
}

async function unknownOnThread(step: Step, ticket: TicketRow, sender: MailAddress): Promise<Outcome> {
  if (ticket.status === 'closed') return ignored('ticket_closed', true);
  const why = senderSpoofed(step.mail)
    ? 'failed sender verification (DMARC)'
    : 'is not a participant of this ticket';
  const heading = `⚑ Email from ${sender.name ? `${sender.name} ` : ''}<${sender.address}>, who ${why}. Review before answering; the requester does not see this note.`;
  const delivered = await noteFromMail(step.deps, system(step), {
    ticketId: ticket.id,
    mail: step.mail,
    raw: step.raw,
    heading,
    tag: REVIEW_TAG,
  });
  return { status: 'appended', reason: 'unknown_sender', flagged: true, delivered };
}

/** A delivery report goes to the ticket whose mail bounced, as an internal note, and flags it. */
async function bounce(step: Step): Promise<Outcome> {
  const report = readBounce(step.mail);
  const ticketId = await findThread(step.tx, { messageIds: report.originalMessageIds, numbers: [] });
  if (!ticketId) return ignored('bounce_unmatched');
  const ticket = await loadTicket(step.tx, system(step), ticketId);
  if (ticket.status === 'closed') return ignored('bounce_ticket_closed');
  const failed = report.recipients.map(
    (entry) => `${entry.address}${entry.status ? ` (${entry.status})` : ''}`,
  );
  const heading = `⚑ Mail about this ticket could not be delivered${failed.length ? ` to ${failed.join(', ')}` : ''}.`;
  const delivered = await noteFromMail(step.deps, system(step), {
    ticketId,
    mail: step.mail,
    raw: step.raw,
    heading,
    tag: BOUNCE_TAG,
  });
  return { status: 'appended', reason: 'bounce', flagged: true, delivered };
}
