import type { Tx } from '../../db/client.js';
import type { MailboxRow } from '../../db/schema/index.js';
import type { Actor, Context } from '../../platform/actor.js';
import {
  createRequesterFromMail,
  findOrganisationByDomain,
  findUserByEmail,
  organisationScopeFor,
  type UserRow,
} from '../directory/index.js';
import { firstHeader } from './headers.js';
import type { MailAddress, ParsedMail } from './parse.js';

/**
 * Who wrote a message. A known user acts as themself, within their own tenant scope, exactly as
 * through the portal; nobody gets more reach by writing mail than by signing in.
 */
export async function actorOf(tx: Tx, user: UserRow): Promise<Actor> {
  return {
    kind: 'user',
    userId: user.id,
    role: user.role,
    organisationId: user.organisationId,
    scopes: 'all',
    tokenId: null,
    organisations: await organisationScopeFor(tx, user),
  };
}

/**
 * The intake acting for a sender where the portal has no equivalent (opening a ticket with the
 * email channel and the mailbox's queue, storing the original): the system, recorded as the
 * sender, limited to the sender's tenant scope.
 */
export function onBehalfOf(actor: Actor): Actor {
  return { ...actor, kind: 'system' };
}

export function contextFor(actor: Actor, now: Date, requestId: string | null): Context {
  return { actor, requestId, now };
}

/** The receiving server's verdict, when it says DMARC failed: the From address is not to be trusted. */
export function senderSpoofed(mail: ParsedMail): boolean {
  const results = (mail.headers.get('authentication-results') ?? []).join(' ');
  return (
    /\bdmarc=fail\b/i.test(results) ||
    /\bdmarc=fail\b/i.test(firstHeader(mail.headers, 'arc-authentication-results') ?? '')
  );
}

function addressIn(value: string | null): MailAddress | null {
  const address = value ? /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[^\s<>"'(),;:]+/.exec(value)?.[0] : undefined;
  return address ? { address: address.toLowerCase(), name: '' } : null;
}

/** From; without a usable one, Reply-To, Sender or the return path. */
export function senderOf(mail: ParsedMail): MailAddress | null {
  return (
    mail.from ??
    mail.replyTo ??
    addressIn(firstHeader(mail.headers, 'sender')) ??
    addressIn(firstHeader(mail.headers, 'return-path'))
  );
}

export async function knownSender(tx: Tx, address: string): Promise<UserRow | null> {
  const user = await findUserByEmail(tx, address);
  return user?.active ? user : null;
}

export type SenderResult = { user: UserRow; created: boolean } | { rejected: string };

function nameOf(sender: MailAddress): string {
  const name = sender.name.replace(/[\r\n\t]+/g, ' ').trim();
  return name !== '' ? name : sender.address.split('@')[0]!;
}

/**
 * A known active user; else a new requester in the organisation that owns the sender's domain,
 * or in the mailbox's default organisation — unless the mailbox rejects unknown senders.
 */
export async function resolveSender(
  tx: Tx,
  ctx: Context,
  sender: MailAddress,
  mailbox: MailboxRow,
): Promise<SenderResult> {
  const existing = await findUserByEmail(tx, sender.address);
  if (existing) return existing.active ? { user: existing, created: false } : { rejected: 'sender_inactive' };
  const domain = sender.address.split('@')[1] ?? '';
  const owner = await findOrganisationByDomain(tx, domain);
  const organisationId = owner?.id ?? (mailbox.unknownSenders === 'create' ? mailbox.organisationId : null);
  if (!organisationId) return { rejected: 'unknown_sender' };
  const user = await createRequesterFromMail(tx, ctx, {
    organisationId,
    name: nameOf(sender),
    email: sender.address,
  });
  return { user, created: true };
}
