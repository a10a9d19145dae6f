import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Append-only record of every change (a trigger refuses UPDATE and DELETE). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: at('at').notNull(),
    actorId: uuid('actor_id'),
    actorType: text('actor_type', { enum: ['user', 'token', 'system'] }).notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    organisationId: uuid('organisation_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (table) => [
    index('audit_at').on(table.at, table.id),
    index('audit_entity').on(table.entityType, table.entityId, table.id),
    index('audit_actor').on(table.actorId, table.id),
    index('audit_action').on(table.action, table.id),
    index('audit_org').on(table.organisationId, table.id),
  ],
);

/**
 * Transactional outbox: domain events written in the same transaction as the change they describe,
 * then dispatched by a job. Nothing acknowledged is lost, even if the process dies right after commit.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: at('at').notNull(),
    type: text('type').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    organisationId: uuid('organisation_id'),
    payload: jsonb('payload').notNull(),
    publishedAt: at('published_at'),
    attempts: bigint('attempts', { mode: 'number' }).notNull().default(0),
    lastError: text('last_error'),
  },
  (table) => [index('outbox_unpublished').on(table.id).where(sql`published_at is null`)],
);
