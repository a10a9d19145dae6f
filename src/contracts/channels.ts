import { z } from 'zod';
import { email, id, instant, listQuery, page, queryBoolean } from './common.js';
import { ticketType } from './tickets.js';

/** Email channel: mailboxes (admin), the raw-message intake, and the record of received mail. */

const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9.-]+$/i, 'must be a host name or IP address');

export const mailboxImapInput = z.strictObject({
  host,
  port: z.number().int().min(1).max(65535).default(993),
  tls: z.enum(['implicit', 'starttls']).default('implicit').describe('implicit TLS (993) or STARTTLS'),
  user: z.string().min(1).max(320),
  password: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .describe('kept to log in; never shown again (leave out on an update to keep the current one)'),
  folder: z.string().min(1).max(200).default('INBOX'),
  after: z
    .enum(['move', 'flag'])
    .default('flag')
    .describe('once stored: move to moveTo, or mark seen and flag $Tend (flagged mail is not taken again)'),
  moveTo: z.string().min(1).max(200).nullable().default(null),
});

export const mailboxImap = z.object({
  host: z.string(),
  port: z.number().int(),
  tls: z.enum(['implicit', 'starttls']),
  user: z.string(),
  folder: z.string(),
  after: z.enum(['move', 'flag']),
  moveTo: z.string().nullable(),
  passwordSet: z.boolean(),
  checkedAt: instant.nullable().describe('the last poll'),
  error: z.string().nullable().describe('what went wrong at the last poll (null: it worked)'),
});

export const mailbox = z.object({
  id,
  address: z.string(),
  name: z.string(),
  organisationId: id
    .nullable()
    .describe('unknown senders whose domain no organisation owns become requesters here'),
  teamId: id.nullable().describe('the queue of new tickets (when it serves the requester’s organisation)'),
  ticketType,
  unknownSenders: z.enum(['create', 'reject']),
  language: z.string().describe('language of the mail Tend sends about tickets from this mailbox'),
  routes: z.object({
    smtp: z.boolean().describe('the built-in SMTP listener accepts mail for this address'),
    webhook: z.boolean().describe('POST /api/v1/channels/email/inbound accepts mail for this address'),
    imap: mailboxImap.nullable(),
  }),
  active: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
});
export type Mailbox = z.infer<typeof mailbox>;

const language = z.enum(['en', 'de', 'fr']);

export const createMailbox = z.strictObject({
  address: email,
  name: z.string().trim().min(1).max(200),
  organisationId: id.nullable().default(null),
  teamId: id.nullable().default(null),
  ticketType: ticketType.default('incident'),
  unknownSenders: z.enum(['create', 'reject']).default('create'),
  language: language.default('en'),
  smtp: z.boolean().default(true),
  webhook: z.boolean().default(true),
  imap: mailboxImapInput.nullable().default(null),
  active: z.boolean().default(true),
});

export const updateMailbox = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    organisationId: id.nullable(),
    teamId: id.nullable(),
    ticketType,
    unknownSenders: z.enum(['create', 'reject']),
    language,
    smtp: z.boolean(),
    webhook: z.boolean(),
    imap: mailboxImapInput.nullable(),
    active: z.boolean(),
  })
  .partial();

export const mailboxPage = page(mailbox);

export const inboundQuery = z.strictObject({
  mailbox: z.string().trim().min(3).max(320).describe('the mailbox address the message was sent to'),
});

export const inboundResult = z.object({
  action: z.enum(['created', 'appended', 'ignored']),
  ticketId: id.nullable(),
  reason: z
    .string()
    .nullable()
    .describe(
      'why (ignored: duplicate, auto_reply, rate_limited, unknown_sender…; flagged: unknown_sender, bounce…)',
    ),
});

export const inboundStatus = z.enum(['received', 'created', 'appended', 'ignored', 'review']);

export const inboundMessage = z.object({
  id,
  mailboxId: id.nullable(),
  route: z.enum(['smtp', 'imap', 'webhook']),
  messageId: z.string().nullable(),
  fromAddress: z.string().nullable(),
  subject: z.string().nullable(),
  size: z.number().int(),
  status: inboundStatus,
  reason: z.string().nullable(),
  flagged: z.boolean(),
  ticketId: id.nullable(),
  ticketMessageId: id.nullable(),
  emlAttachmentId: id.nullable().describe('the original, downloadable as .eml from the ticket'),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  receivedAt: instant,
  processedAt: instant.nullable(),
  rawUrl: z.string().describe('the message as received (message/rfc822)'),
});

export const inboundMessageDetail = inboundMessage.extend({
  html: z.string().nullable().describe('the HTML body, sanitised: no scripts, no remote content'),
});

export const listInboundQuery = listQuery.extend({
  status: inboundStatus.optional(),
  flagged: queryBoolean.optional(),
  mailboxId: id.optional(),
});
export const inboundMessagePage = page(inboundMessage);

export const ticketEmails = z.object({ items: z.array(inboundMessageDetail) });
