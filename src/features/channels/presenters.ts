import type { Mailbox } from '../../contracts/channels.js';
import type { InboundMessageRow, MailboxRow } from '../../db/schema/index.js';

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** Never the IMAP password: only whether one is set. */
export function presentMailbox(row: MailboxRow): Mailbox {
  const imap = row.imap;
  return {
    id: row.id,
    address: row.address,
    name: row.name,
    organisationId: row.organisationId,
    teamId: row.teamId,
    ticketType: row.ticketType,
    unknownSenders: row.unknownSenders,
    language: row.language,
    routes: {
      smtp: row.smtpEnabled,
      webhook: row.webhookEnabled,
      imap: imap
        ? {
            host: imap.host,
            port: imap.port,
            tls: imap.tls,
            user: imap.user,
            folder: imap.folder,
            after: imap.after,
            moveTo: imap.moveTo,
            passwordSet: imap.password !== '',
            checkedAt: iso(row.imapCheckedAt),
            error: row.imapError,
          }
        : null,
    },
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentInbound(row: InboundMessageRow) {
  return {
    id: row.id,
    mailboxId: row.mailboxId,
    route: row.route,
    messageId: row.messageId,
    fromAddress: row.fromAddress,
    subject: row.subject,
    size: row.size,
    status: row.status,
    reason: row.reason,
    flagged: row.flagged,
    ticketId: row.ticketId,
    ticketMessageId: row.ticketMessageId,
    emlAttachmentId: row.emlAttachmentId,
    attempts: row.attempts,
    lastError: row.lastError,
    receivedAt: row.receivedAt.toISOString(),
    processedAt: iso(row.processedAt),
    rawUrl: `/api/v1/channels/email/messages/${row.id}/raw`,
  };
}

export function presentInboundDetail(row: InboundMessageRow) {
  return { ...presentInbound(row), html: row.html };
}
