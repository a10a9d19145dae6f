import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { type MailboxRow, teamServedOrganisations } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import {
  type AttachmentDeps,
  addMessage,
  changeTicket,
  loadTicket,
  openTicket,
  type TicketRow,
} from '../tickets/index.js';
import { skippedNote, storeFiles, storeOriginal } from './files.js';
import { sanitizeMailHtml } from './html.js';
import type { ParsedMail } from './parse.js';
import { visibleText } from './visible.js';

/**
 * What a message does to tickets, always through the tickets feature's own use cases (so the
 * lifecycle, SLA hooks, history, audit and events are exactly those of the portal). `deps.db` is
 * the intake's transaction: the ticket work and the message's recorded outcome commit together.
 */
export interface Delivered {
  ticketId: string;
  ticketMessageId: string | null;
  emlAttachmentId: string;
  html: string | null;
}

const SUBJECT_MAX = 300;
const TEXT_MAX = 100_000;

function isForward(subject: string): boolean {
  return /^(fwd?|fw|wg|tr|rv|vs)\s*:/i.test(subject.trim());
}

/** The words of the message worth showing: quotes and signatures cut, unless it is a forward. */
export function bodyOf(mail: ParsedMail, extra = ''): string {
  const text = mail.text.trim();
  const visible = isForward(mail.subject) ? text : visibleText(text);
  const intro = mail.unreadable
    ? '[This message could not be read as MIME; its text is shown as received and the original is attached.]\n\n'
    : '';
  const body = `${intro}${visible || '(no text)'}${extra}`;
  return body.length > TEXT_MAX ? `${body.slice(0, TEXT_MAX - 20)}\n[… truncated]` : body;
}

async function teamServing(executor: Executor, mailbox: MailboxRow, organisationId: string) {
  if (!mailbox.teamId) return undefined;
  const [row] = await executor
    .select({ teamId: teamServedOrganisations.teamId })
    .from(teamServedOrganisations)
    .where(
      and(
        eq(teamServedOrganisations.teamId, mailbox.teamId),
        eq(teamServedOrganisations.organisationId, organisationId),
      ),
    );
  return row?.teamId;
}

function htmlOf(mail: ParsedMail, urlsByCid: Map<string, string>): string | null {
  return mail.html ? sanitizeMailHtml(mail.html, (cid) => urlsByCid.get(cid) ?? null) : null;
}

/** A new ticket for the sender, on the mailbox's defaults, with the message's files and original. */
export async function openFromMail(
  deps: AttachmentDeps,
  ctx: Context,
  input: {
    mail: ParsedMail;
    raw: Buffer;
    mailbox: MailboxRow;
    requester: { id: string; organisationId: string };
  },
): Promise<Delivered> {
  const { mail, mailbox, requester } = input;
  const subject = (mail.subject || '(no subject)').slice(0, SUBJECT_MAX);
  const teamId = await teamServing(deps.db, mailbox, requester.organisationId);
  const ticket = await openTicket(deps, ctx, {
    subject,
    description: bodyOf(mail),
    type: mailbox.ticketType,
    impact: 'medium',
    urgency: 'medium',
    tags: [],
    requesterId: requester.id,
    channel: 'email',
    ...(teamId ? { teamId } : {}),
  });
  const files = await storeFiles(deps, ctx, ticket.id, mail.files, 'public');
  if (files.skipped.length > 0) await noteSkipped(deps, ctx, ticket.id, files.skipped);
  const emlAttachmentId = await storeOriginal(deps, ctx, ticket.id, input.raw, subject);
  return { ticketId: ticket.id, ticketMessageId: null, emlAttachmentId, html: htmlOf(mail, files.urlsByCid) };
}

async function noteSkipped(deps: AttachmentDeps, ctx: Context, ticketId: string, skipped: string[]) {
  await addMessage(deps, ctx, ticketId, {
    body: skippedNote(skipped).trim(),
    visibility: 'internal',
    channel: 'email',
  });
}

/**
 * A reply by someone who may write on the ticket: a public message as them (a requester's reply
 * reopens a waiting or resolved ticket, exactly as in the portal), with its files.
 */
export async function replyFromMail(
  deps: AttachmentDeps,
  as: { author: Context; system: Context },
  ticketId: string,
  mail: ParsedMail,
  raw: Buffer,
): Promise<Delivered> {
  const files = await storeFiles(deps, as.author, ticketId, mail.files, 'public');
  const emlAttachmentId = await storeOriginal(deps, as.system, ticketId, raw, mail.subject);
  const message = await addMessage(deps, as.author, ticketId, {
    body: bodyOf(mail, skippedNote(files.skipped)),
    visibility: 'public',
    channel: 'email',
    attachmentIds: files.ids,
  });
  return { ticketId, ticketMessageId: message.id, emlAttachmentId, html: htmlOf(mail, files.urlsByCid) };
}

/**
 * Mail on a ticket from someone who may not write on it (an unknown or unverified sender), or a
 * delivery report: an internal note for the agents, its files internal too, and the ticket tagged.
 */
export async function noteFromMail(
  deps: AttachmentDeps,
  ctx: Context,
  input: { ticketId: string; mail: ParsedMail; raw: Buffer; heading: string; tag: string },
): Promise<Delivered> {
  const { ticketId, mail } = input;
  const files = await storeFiles(deps, ctx, ticketId, mail.files, 'internal');
  const emlAttachmentId = await storeOriginal(deps, ctx, ticketId, input.raw, mail.subject);
  const message = await addMessage(deps, ctx, ticketId, {
    body: `${input.heading}\n\n${bodyOf(mail, skippedNote(files.skipped))}`,
    visibility: 'internal',
    channel: 'email',
  });
  await tagTicket(deps, ctx, ticketId, input.tag);
  return { ticketId, ticketMessageId: message.id, emlAttachmentId, html: htmlOf(mail, files.urlsByCid) };
}

/** Flag a ticket for the agents with a tag (visible in queues and filters). */
export async function tagTicket(deps: AttachmentDeps, ctx: Context, ticketId: string, tag: string) {
  const row: TicketRow = await loadTicket(deps.db, ctx, ticketId);
  if (row.tags.includes(tag) || row.tags.length >= 30) return;
  await changeTicket(deps, ctx, ticketId, row.version, { tags: [...row.tags, tag] });
}
