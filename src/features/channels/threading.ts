import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { inboundMessages, tickets } from '../../db/schema/index.js';
import type { ParsedMail } from './parse.js';

/**
 * Which ticket a message continues: the ids it replies to (ours name the ticket; others are
 * messages we received before), then a ticket number in a plus address (`support+T-10234@…`, our
 * Reply-To), then one in the subject (`[T-10234]`). Merged tickets lead to the one they went into.
 */

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const OUR_ID = new RegExp(`^tend\\.(${UUID})\\.`, 'i');

/** The Message-ID of a mail we send about a ticket: `<tend.<ticket id>.<unique>@<domain>>`. */
export function outboundMessageId(ticketId: string, unique: string, domain: string): string {
  return `<tend.${ticketId}.${unique}@${domain}>`;
}

/** The id clients thread all of a ticket's mail under, when the ticket did not start as a mail. */
export function ticketRootMessageId(ticketId: string, domain: string): string {
  return outboundMessageId(ticketId, 'ticket', domain);
}

export function isOurMessageId(id: string): boolean {
  return OUR_ID.test(id);
}

export interface ThreadHints {
  /** Referenced ids, most recent first. */
  messageIds: string[];
  /** Ticket numbers from plus addresses, then from the subject. */
  numbers: number[];
}

function plusNumbers(mail: ParsedMail, mailboxAddress: string): number[] {
  const [local, domain] = mailboxAddress.toLowerCase().split('@');
  const recipients = [
    ...mail.to.map((entry) => entry.address),
    ...mail.cc.map((entry) => entry.address),
    ...['delivered-to', 'x-original-to', 'envelope-to'].flatMap((key) => mail.headers.get(key) ?? []),
  ];
  const pattern = new RegExp(
    `^${escapeRegExp(local ?? '')}\\+t-?(\\d{1,12})@${escapeRegExp(domain ?? '')}$`,
    'i',
  );
  return recipients.flatMap((address) => {
    const match = pattern.exec(address.trim().replace(/^<|>$/g, ''));
    return match ? [Number(match[1])] : [];
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function threadHints(mail: ParsedMail, mailboxAddress: string): ThreadHints {
  const messageIds = [...new Set([...mail.inReplyTo, ...[...mail.references].reverse()])];
  const subjectNumbers = [...mail.subject.matchAll(/\[T-?(\d{1,12})\]/gi)].map((match) => Number(match[1]));
  return { messageIds, numbers: [...new Set([...plusNumbers(mail, mailboxAddress), ...subjectNumbers])] };
}

async function followMerges(executor: Executor, ticketId: string): Promise<string | null> {
  let current: string | null = ticketId;
  for (let hop = 0; hop < 5 && current; hop++) {
    const [row]: { id: string; mergedIntoId: string | null }[] = await executor
      .select({ id: tickets.id, mergedIntoId: tickets.mergedIntoId })
      .from(tickets)
      .where(eq(tickets.id, current));
    if (!row) return null;
    if (!row.mergedIntoId) return row.id;
    current = row.mergedIntoId;
  }
  return current;
}

async function byMessageIds(executor: Executor, ids: string[]): Promise<string | null> {
  for (const id of ids) {
    const ours = OUR_ID.exec(id)?.[1];
    if (ours) return ours.toLowerCase();
  }
  if (ids.length === 0) return null;
  const rows = await executor
    .select({ messageId: inboundMessages.messageId, ticketId: inboundMessages.ticketId })
    .from(inboundMessages)
    .where(and(inArray(inboundMessages.messageId, ids.slice(0, 100)), isNotNull(inboundMessages.ticketId)))
    .orderBy(desc(inboundMessages.receivedAt));
  for (const id of ids) {
    const found = rows.find((row) => row.messageId === id);
    if (found?.ticketId) return found.ticketId;
  }
  return null;
}

async function byNumbers(executor: Executor, numbers: number[]): Promise<string | null> {
  for (const number of numbers) {
    if (!Number.isSafeInteger(number)) continue;
    const [row] = await executor.select({ id: tickets.id }).from(tickets).where(eq(tickets.number, number));
    if (row) return row.id;
  }
  return null;
}

/** The id of the ticket this message belongs to, or null for a new conversation. */
export async function findThread(executor: Executor, hints: ThreadHints): Promise<string | null> {
  const fromIds = await byMessageIds(executor, hints.messageIds);
  const viaIds = fromIds ? await followMerges(executor, fromIds) : null;
  if (viaIds) return viaIds;
  const fromNumbers = await byNumbers(executor, hints.numbers);
  return fromNumbers ? await followMerges(executor, fromNumbers) : null;
}
