import { and, arrayOverlaps, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { webhooks } from '../../db/schema/index.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { patternsSelecting, TEST_EVENT_TYPE } from './events.js';
import type { WebhookRow } from './presenters.js';

export type NewWebhook = typeof webhooks.$inferInsert;
export type WebhookChanges = Partial<
  Pick<WebhookRow, 'name' | 'url' | 'eventTypes' | 'organisationId' | 'active' | 'secret' | 'updatedAt'>
>;

export async function insertWebhook(executor: Executor, values: NewWebhook): Promise<WebhookRow> {
  const [row] = await executor.insert(webhooks).values(values).returning();
  return row!;
}

export async function findWebhook(executor: Executor, id: string): Promise<WebhookRow | null> {
  const rows = await executor.select().from(webhooks).where(eq(webhooks.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function updateWebhookRow(
  executor: Executor,
  id: string,
  changes: WebhookChanges,
): Promise<WebhookRow | null> {
  const [row] = await executor.update(webhooks).set(changes).where(eq(webhooks.id, id)).returning();
  return row ?? null;
}

export async function deleteWebhookRow(executor: Executor, id: string): Promise<WebhookRow | null> {
  const [row] = await executor.delete(webhooks).where(eq(webhooks.id, id)).returning();
  return row ?? null;
}

export interface WebhookFilter {
  active?: boolean;
  limit: number;
  cursor?: string;
}

/** Newest first (ids are time-ordered UUIDv7); the cursor carries the id. */
export async function listWebhookRows(executor: Executor, filter: WebhookFilter) {
  const cursor = decodeCursor(filter.cursor);
  const rows = await executor
    .select()
    .from(webhooks)
    .where(
      and(
        filter.active !== undefined ? eq(webhooks.active, filter.active) : undefined,
        cursor ? lt(webhooks.id, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(webhooks.id))
    .limit(filter.limit + 1);
  return pageOf(rows, filter.limit, (row) => ({ v: null, id: row.id }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The active webhooks that want an event: subscribed to its type (or a prefix, or `*`) and, when
 * limited to one organisation, the event is that organisation's. The test event goes only to the
 * webhook it was sent for.
 */
export async function webhooksWanting(
  executor: Executor,
  event: {
    type: string;
    organisationId: string | null;
    aggregateId: string;
    payload?: Record<string, unknown>;
  },
): Promise<string[]> {
  // Events about staff-only things (internal notes, internal attachments) go only to the provider's
  // own webhooks, never to one that an organisation's integration listens on.
  const staffOnly = event.payload?.internal === true;
  if (event.type === TEST_EVENT_TYPE && !UUID.test(event.aggregateId)) return [];
  const conditions: SQL[] =
    event.type === TEST_EVENT_TYPE
      ? [eq(webhooks.id, event.aggregateId)]
      : [
          arrayOverlaps(webhooks.eventTypes, patternsSelecting(event.type)),
          event.organisationId === null || staffOnly
            ? isNull(webhooks.organisationId)
            : or(isNull(webhooks.organisationId), eq(webhooks.organisationId, event.organisationId))!,
        ];
  const rows = await executor
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.active, true), ...conditions));
  return rows.map((row) => row.id);
}
