import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { webhookDeliveries, webhookDeliveryAttempts, webhooks } from '../../db/schema/index.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import type { AttemptRow, DeliveryRow } from './presenters.js';
import type { AttemptResult } from './sender.js';

export type NewDelivery = typeof webhookDeliveries.$inferInsert;

/** Not in flight: no attempt holds the lease (or its holder died and the lease ran out). */
const notInFlight = (now: Date) =>
  or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, now));

/** New deliveries; an existing (webhook, event) pair is left alone. Returns the ids inserted. */
export async function insertDeliveries(executor: Executor, rows: NewDelivery[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await executor
    .insert(webhookDeliveries)
    .values(rows)
    .onConflictDoNothing({ target: [webhookDeliveries.webhookId, webhookDeliveries.eventId] })
    .returning({ id: webhookDeliveries.id });
  return inserted.map((row) => row.id);
}

export interface ClaimedDelivery {
  id: number;
  eventType: string;
  body: string;
  /** This attempt's number (1 for the first). */
  attempt: number;
  url: string;
  secret: string;
}

/**
 * Take the next attempt of a delivery that is still to be made and whose webhook is active:
 * count it and hold a lease until `leaseUntil`, so a second job for it finds nothing to do.
 */
export async function claimDelivery(
  executor: Executor,
  id: number,
  now: Date,
  leaseUntil: Date,
): Promise<ClaimedDelivery | null> {
  const [row] = await executor
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, lockedUntil: leaseUntil, nextAttemptAt: null })
    .from(webhooks)
    .where(
      and(
        eq(webhookDeliveries.id, id),
        eq(webhooks.id, webhookDeliveries.webhookId),
        eq(webhooks.active, true),
        inArray(webhookDeliveries.status, ['pending', 'failed']),
        notInFlight(now),
      ),
    )
    .returning({
      id: webhookDeliveries.id,
      eventType: webhookDeliveries.eventType,
      body: webhookDeliveries.body,
      attempt: webhookDeliveries.attempts,
      url: webhooks.url,
      secret: webhooks.secret,
    });
  return row ?? null;
}

/** A delivery still to be made for a webhook that was deactivated meanwhile is given up. */
export async function giveUpIfInactive(executor: Executor, id: number, now: Date): Promise<void> {
  await executor
    .update(webhookDeliveries)
    .set({ status: 'gave_up', lastError: 'the webhook is inactive', nextAttemptAt: null })
    .from(webhooks)
    .where(
      and(
        eq(webhookDeliveries.id, id),
        eq(webhooks.id, webhookDeliveries.webhookId),
        eq(webhooks.active, false),
        inArray(webhookDeliveries.status, ['pending', 'failed']),
        notInFlight(now),
      ),
    );
}

export interface AttemptOutcome {
  delivery: ClaimedDelivery;
  startedAt: Date;
  finishedAt: Date;
  result: AttemptResult;
  status: DeliveryRow['status'];
  nextAttemptAt: Date | null;
}

/**
 * Set the delivery's state after an attempt (the lease is released) and log the attempt. False if
 * the delivery is gone (its webhook was deleted during the attempt): nothing to record.
 */
export async function recordAttempt(executor: Executor, outcome: AttemptOutcome): Promise<boolean> {
  const { delivery, result } = outcome;
  const updated = await executor
    .update(webhookDeliveries)
    .set({
      status: outcome.status,
      lastStatusCode: result.statusCode,
      lastError: result.error,
      lastDurationMs: result.durationMs,
      nextAttemptAt: outcome.nextAttemptAt,
      lockedUntil: null,
      ...(result.ok ? { deliveredAt: outcome.finishedAt } : {}),
    })
    .where(eq(webhookDeliveries.id, delivery.id))
    .returning({ id: webhookDeliveries.id });
  if (updated.length === 0) return false;
  await executor.insert(webhookDeliveryAttempts).values({
    deliveryId: delivery.id,
    attempt: delivery.attempt,
    at: outcome.startedAt,
    statusCode: result.statusCode,
    error: result.error,
    durationMs: result.durationMs,
  });
  return true;
}

/**
 * Deliveries that should have been attempted by now but were not: due for longer than `graceMs`
 * with no attempt in flight, or whose attempt's lease ran out (the process died mid-attempt).
 * Their jobs were lost — e.g. the job queue is not part of a backup.
 */
export async function overdueDeliveryIds(
  executor: Executor,
  now: Date,
  graceMs: number,
  limit: number,
): Promise<number[]> {
  const rows = await executor
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        inArray(webhookDeliveries.status, ['pending', 'failed']),
        or(
          and(
            isNull(webhookDeliveries.lockedUntil),
            lt(webhookDeliveries.nextAttemptAt, new Date(now.getTime() - graceMs)),
          ),
          lt(webhookDeliveries.lockedUntil, now),
        ),
      ),
    )
    .orderBy(asc(webhookDeliveries.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

export async function findDelivery(
  executor: Executor,
  webhookId: string,
  id: number,
): Promise<DeliveryRow | null> {
  const rows = await executor
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.webhookId, webhookId)))
    .limit(1);
  return rows[0] ?? null;
}

/** Make a delivery due now (a manual retry), unless an attempt is in flight. */
export async function requeueDelivery(
  executor: Executor,
  webhookId: string,
  id: number,
  now: Date,
): Promise<DeliveryRow | null> {
  const [row] = await executor
    .update(webhookDeliveries)
    .set({ status: 'pending', nextAttemptAt: now })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.webhookId, webhookId), notInFlight(now)))
    .returning();
  return row ?? null;
}

export interface DeliveryFilter {
  status?: DeliveryRow['status'];
  limit: number;
  cursor?: string;
}

/** A webhook's delivery log, newest first; the cursor carries the id. */
export async function listDeliveryRows(executor: Executor, webhookId: string, filter: DeliveryFilter) {
  const cursor = decodeCursor(filter.cursor);
  const rows = await executor
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.webhookId, webhookId),
        filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
        cursor ? lt(webhookDeliveries.id, Number(cursor.id)) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(filter.limit + 1);
  return pageOf(rows, filter.limit, (row) => ({ v: row.id, id: String(row.id) }));
}

/** The attempts of some deliveries, oldest first, by delivery id. */
export async function attemptsOf(
  executor: Executor,
  deliveryIds: number[],
): Promise<Map<number, AttemptRow[]>> {
  const byDelivery = new Map<number, AttemptRow[]>(deliveryIds.map((id) => [id, []]));
  if (deliveryIds.length === 0) return byDelivery;
  const rows = await executor
    .select()
    .from(webhookDeliveryAttempts)
    .where(inArray(webhookDeliveryAttempts.deliveryId, deliveryIds))
    .orderBy(asc(webhookDeliveryAttempts.deliveryId), asc(webhookDeliveryAttempts.attempt));
  for (const row of rows) byDelivery.get(row.deliveryId)?.push(row);
  return byDelivery;
}
