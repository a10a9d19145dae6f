import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, teams } from './directory.js';
import { blobs, ticketMessages, tickets } from './tickets.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** IMAP polling settings of a mailbox; the password is kept as is (it is needed to log in), never shown. */
export interface MailboxImap {
  host: string;
  port: number;
  /** Implicit TLS (993) or STARTTLS on a plain port; never an unencrypted login. */
  tls: 'implicit' | 'starttls';
  user: string;
  password: string;
  folder: string;
  /** What happens to a message once it is stored: moved to `moveTo`, or flagged seen + $Tend. */
  after: 'move' | 'flag';
  moveTo: string | null;
}

/**
 * An address mail for the desk arrives at, with the defaults for tickets opened from it, and the
 * routes that may deliver to it (the SMTP listener, IMAP polling, the inbound webhook).
 */
export const mailboxes = pgTable(
  'mailboxes',
  {
    id: uuid('id').primaryKey(),
    address: text('address').notNull(),
    name: text('name').notNull(),
    /** Unknown senders whose domain no organisation owns become requesters here (null: rejected). */
    organisationId: uuid('organisation_id').references(() => organisations.id),
    teamId: uuid('team_id').references(() => teams.id),
    ticketType: text('ticket_type', { enum: ['incident', 'service_request', 'problem', 'question'] })
      .notNull()
      .default('incident'),
    unknownSenders: text('unknown_senders', { enum: ['create', 'reject'] })
      .notNull()
      .default('create'),
    language: text('language').notNull().default('en'),
    smtpEnabled: boolean('smtp_enabled').notNull().default(true),
    webhookEnabled: boolean('webhook_enabled').notNull().default(true),
    imap: jsonb('imap').$type<MailboxImap>(),
    /** The last IMAP poll: when, and what went wrong (null: it worked). */
    imapCheckedAt: at('imap_checked_at'),
    imapError: text('imap_error'),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [uniqueIndex('mailboxes_address').on(sql`lower(${table.address})`)],
);

export const inboundStatuses = ['received', 'created', 'appended', 'ignored', 'review'] as const;

/**
 * Every message that reached a mailbox, stored raw (in `blobs`) and committed before it is
 * acknowledged; unique by Message-ID (or, without one, by the SHA-256 of its bytes), so a message
 * delivered twice is processed once. `received` rows are still to be processed; the others record
 * the outcome, and `review` ones (processing failed) wait for a person.
 */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: uuid('id').primaryKey(),
    dedupeKey: text('dedupe_key').notNull(),
    mailboxId: uuid('mailbox_id').references(() => mailboxes.id, { onDelete: 'set null' }),
    route: text('route', { enum: ['smtp', 'imap', 'webhook'] }).notNull(),
    messageId: text('message_id'),
    blobSha256: text('blob_sha256')
      .notNull()
      .references(() => blobs.sha256),
    size: bigint('size', { mode: 'number' }).notNull(),
    envelopeFrom: text('envelope_from'),
    fromAddress: text('from_address'),
    subject: text('subject'),
    status: text('status', { enum: inboundStatuses }).notNull().default('received'),
    reason: text('reason'),
    flagged: boolean('flagged').notNull().default(false),
    /** False for mail that must get no automatic answer (auto-replies, no-reply senders, suppression). */
    autoAnswer: boolean('auto_answer').notNull().default(true),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    ticketMessageId: uuid('ticket_message_id').references(() => ticketMessages.id),
    emlAttachmentId: uuid('eml_attachment_id'),
    /** The sanitised HTML body (no scripts, no remote content), when the message had one. */
    html: text('html'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    receivedAt: at('received_at').notNull(),
    processedAt: at('processed_at'),
  },
  (table) => [
    uniqueIndex('inbound_messages_dedupe').on(table.dedupeKey),
    index('inbound_messages_pending').on(table.receivedAt).where(sql`status = 'received'`),
    index('inbound_messages_message_id').on(table.messageId),
    index('inbound_messages_sender').on(table.fromAddress, table.receivedAt),
    index('inbound_messages_ticket').on(table.ticketId, table.receivedAt),
    index('inbound_messages_list').on(table.receivedAt, table.id),
  ],
);

export type InboundMessageRow = typeof inboundMessages.$inferSelect;
export type MailboxRow = typeof mailboxes.$inferSelect;
