import type { Mailbox } from '../../../../contracts/channels.js';
import type { MailboxInput } from './api';

/** The mailbox form's values, and how they map from and to the API. */
type Imap = {
  host: string;
  port: number | string;
  tls: 'implicit' | 'starttls';
  user: string;
  password: string;
  folder: string;
  after: 'move' | 'flag';
  moveTo: string;
};

export type MailboxValues = {
  address: string;
  name: string;
  organisationId: string;
  teamId: string;
  ticketType: MailboxInput['ticketType'] & string;
  unknownSenders: 'create' | 'reject';
  language: 'en' | 'de' | 'fr';
  smtp: boolean;
  webhook: boolean;
  active: boolean;
  imapEnabled: boolean;
  imap: Imap;
};

export const TICKET_TYPES = ['incident', 'service_request', 'question', 'problem'] as const;
export const LANGUAGES = ['en', 'de', 'fr'] as const;

export function initialValues(mailbox: Mailbox | null): MailboxValues {
  const imap = mailbox?.routes.imap;
  return {
    address: mailbox?.address ?? '',
    name: mailbox?.name ?? '',
    organisationId: mailbox?.organisationId ?? '',
    teamId: mailbox?.teamId ?? '',
    ticketType: mailbox?.ticketType ?? 'incident',
    unknownSenders: mailbox?.unknownSenders ?? 'create',
    language: (mailbox?.language as MailboxValues['language']) ?? 'en',
    smtp: mailbox?.routes.smtp ?? true,
    webhook: mailbox?.routes.webhook ?? true,
    active: mailbox?.active ?? true,
    imapEnabled: Boolean(imap),
    imap: {
      host: imap?.host ?? '',
      port: imap?.port ?? 993,
      tls: imap?.tls ?? 'implicit',
      user: imap?.user ?? '',
      password: '',
      folder: imap?.folder ?? 'INBOX',
      after: imap?.after ?? 'flag',
      moveTo: imap?.moveTo ?? '',
    },
  };
}

export function toInput(values: MailboxValues): MailboxInput {
  const { imapEnabled, imap, organisationId, teamId, ...rest } = values;
  return {
    ...rest,
    organisationId: organisationId || null,
    teamId: teamId || null,
    imap: imapEnabled
      ? {
          host: imap.host.trim(),
          port: Number(imap.port),
          tls: imap.tls,
          user: imap.user,
          folder: imap.folder || 'INBOX',
          after: imap.after,
          moveTo: imap.after === 'move' ? imap.moveTo : null,
          // Left empty on an edit: keep the stored password.
          ...(imap.password ? { password: imap.password } : {}),
        }
      : null,
  };
}
