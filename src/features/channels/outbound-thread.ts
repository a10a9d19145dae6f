import type { Db } from '../../db/client.js';
import { isLanguage, type Language, type TicketThread } from '../notifications/index.js';
import { threadMailOfTicket } from './inbound.repo.js';
import { findMailbox } from './mailboxes.repo.js';
import { outboundMessageId, ticketRootMessageId } from './threading.js';

export interface OutboundThreadSettings {
  /** The domain of our Message-IDs. */
  replyDomain: string;
  /** `support+{ticket}@example.com`, or null: the plus address of the ticket's mailbox. */
  replyAddress: string | null;
  language: Language;
}

function plusAddress(address: string, number: string): string {
  const [local, domain] = address.split('@');
  return `${local}+${number}@${domain}`;
}

/**
 * How mail about a ticket threads in the requester's client: it answers the latest mail they sent
 * (or the ticket's own root id), references the mail that opened it, comes in the mailbox's
 * language, and its Reply-To (a plus address with the ticket number) routes answers back.
 */
export function ticketThreads(db: Db, settings: OutboundThreadSettings) {
  return async (ticketId: string, number: string): Promise<TicketThread> => {
    const { opener, first, latest } = await threadMailOfTicket(db, ticketId);
    const mailboxId = opener?.mailboxId ?? first?.mailboxId;
    const mailbox = mailboxId ? await findMailbox(db, mailboxId) : null;
    const root = ticketRootMessageId(ticketId, settings.replyDomain);
    const ids = [first?.messageId, ...latest.map((row) => row.messageId)]
      .filter((id): id is string => Boolean(id))
      .map((id) => `<${id}>`);
    const references = [...new Set(first?.messageId ? ids : [root, ...ids])];
    return {
      inReplyTo: references.at(-1) ?? root,
      references,
      replyTo: settings.replyAddress
        ? settings.replyAddress.replace('{ticket}', number)
        : mailbox
          ? plusAddress(mailbox.address, number)
          : null,
      language: isLanguage(mailbox?.language) ? mailbox.language : settings.language,
      autoAnswer: opener ? opener.autoAnswer : true,
    };
  };
}

export function messageIdFor(domain: string) {
  return (ticketId: string, unique: string) => outboundMessageId(ticketId, unique, domain);
}
