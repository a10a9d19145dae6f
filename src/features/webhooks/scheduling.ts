import type { Executor } from '../../db/client.js';
import { enqueueJob } from '../../jobs/queue.js';
import { insertDeliveries } from './deliveries.repo.js';
import { type DeliverableEvent, deliveryBody } from './events.js';

export const WEBHOOK_DELIVER_TASK = 'webhooks.deliver';
export const WEBHOOK_SWEEP_TASK = 'webhooks.sweep';

/**
 * Queue the next attempt of a delivery. One job key per delivery: a retry scheduled while another
 * is pending replaces it rather than adding a second.
 */
export async function enqueueDelivery(executor: Executor, deliveryId: number, runAt: Date): Promise<void> {
  await enqueueJob(
    executor,
    WEBHOOK_DELIVER_TASK,
    { deliveryId },
    // The job's own retries only cover crashes (e.g. the database going away mid-attempt);
    // failed HTTP attempts are rescheduled by the job itself, with our backoff.
    { jobKey: `${WEBHOOK_DELIVER_TASK}:${deliveryId}`, runAt, maxAttempts: 5 },
  );
}

/**
 * A delivery of the event to each webhook, and a job for each, in the caller's transaction.
 * Pairs that already exist (the event handled before) are skipped: an event reaches a webhook once.
 */
export async function scheduleDeliveries(
  executor: Executor,
  event: DeliverableEvent,
  webhookIds: string[],
  now: Date,
): Promise<number[]> {
  const body = deliveryBody(event);
  const ids = await insertDeliveries(
    executor,
    webhookIds.map((webhookId) => ({
      webhookId,
      eventId: event.id,
      eventType: event.type,
      body,
      nextAttemptAt: now,
      createdAt: now,
    })),
  );
  for (const id of ids) await enqueueDelivery(executor, id, now);
  return ids;
}
