import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from './directory.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Outgoing webhooks: domain events POSTed to a subscriber's URL, signed with the webhook's secret.
 * The secret is kept as is (it must be available to sign); the API shows it only on create/rotate.
 */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    /** Event types, `ticket.*` prefixes, or `*` for every event. */
    eventTypes: text('event_types').array().notNull().default(sql`'{*}'::text[]`),
    /** Only events of this organisation (a customer's own webhook); null: every organisation. */
    organisationId: uuid('organisation_id').references(() => organisations.id),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [index('webhooks_org').on(table.organisationId)],
);

export const webhookDeliveryStatuses = ['pending', 'succeeded', 'failed', 'gave_up'] as const;

/**
 * One event for one webhook: at most one row per (webhook, event), however often the subscriber
 * runs. An attempt in flight holds `locked_until` (a lease: a crashed attempt can run again later).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    /** The outbox event (no foreign key: the log outlives pruned events). */
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    eventType: text('event_type').notNull(),
    /** The exact JSON sent (and signed), the same bytes on every attempt. */
    body: text('body').notNull(),
    status: text('status', { enum: webhookDeliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastDurationMs: integer('last_duration_ms'),
    nextAttemptAt: at('next_attempt_at'),
    lockedUntil: at('locked_until'),
    createdAt: at('created_at').notNull(),
    deliveredAt: at('delivered_at'),
  },
  (table) => [
    unique('webhook_deliveries_once').on(table.webhookId, table.eventId),
    index('webhook_deliveries_log').on(table.webhookId, table.id),
    index('webhook_deliveries_status').on(table.webhookId, table.status, table.id),
    // Deliveries still to be made, for the sweep that re-queues any whose job was lost.
    index('webhook_deliveries_open').on(table.nextAttemptAt).where(sql`status in ('pending', 'failed')`),
    check(
      'webhook_deliveries_status_check',
      sql`${table.status} in ('pending', 'succeeded', 'failed', 'gave_up')`,
    ),
  ],
);

/** Every attempt of a delivery, for the log: when, how long, what the receiver answered. */
export const webhookDeliveryAttempts = pgTable(
  'webhook_delivery_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: bigint('delivery_id', { mode: 'number' })
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    at: at('at').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (table) => [index('webhook_delivery_attempts_delivery').on(table.deliveryId, table.attempt)],
);
