import type { Db } from '../../db/client.js';
import type { JobDefinition } from '../../jobs/worker.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import { nextRetryDelayMs } from './backoff.js';
import {
  type ClaimedDelivery,
  claimDelivery,
  giveUpIfInactive,
  overdueDeliveryIds,
  recordAttempt,
} from './deliveries.repo.js';
import { enqueueDelivery, WEBHOOK_DELIVER_TASK, WEBHOOK_SWEEP_TASK } from './scheduling.js';
import { type AttemptResult, postJson } from './sender.js';
import { signatureOf } from './signature.js';

export interface DeliverySettings {
  /** Wait after each failed attempt; `length + 1` attempts in all, then the delivery gives up. */
  retryDelaysMs: readonly number[];
  /** Per attempt, for the whole exchange. */
  timeoutMs: number;
}

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  settings: DeliverySettings;
}

/** An attempt in flight holds its delivery this much longer than the timeout allows it to take. */
const LEASE_MARGIN_MS = 60_000;
/** A delivery due this long ago and not attempted has lost its job; the sweep queues it again. */
const OVERDUE_GRACE_MS = 2 * 60_000;
const SWEEP_BATCH = 500;

export function requestHeaders(delivery: ClaimedDelivery, timestamp: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Tend-Webhooks/1',
    'x-tend-event': delivery.eventType,
    'x-tend-delivery': String(delivery.id),
    'x-tend-attempt': String(delivery.attempt),
    'x-tend-timestamp': timestamp,
    'x-tend-signature': signatureOf(delivery.secret, timestamp, delivery.body),
  };
}

async function finish(deps: DeliveryDeps, delivery: ClaimedDelivery, startedAt: Date, result: AttemptResult) {
  const finishedAt = deps.clock.now();
  const delay = result.ok ? null : nextRetryDelayMs(delivery.attempt, deps.settings.retryDelaysMs);
  const nextAttemptAt = delay === null ? null : new Date(finishedAt.getTime() + delay);
  const status = result.ok ? 'succeeded' : nextAttemptAt ? 'failed' : 'gave_up';
  await deps.db.transaction(async (tx) => {
    const recorded = await recordAttempt(tx, {
      delivery,
      startedAt,
      finishedAt,
      result,
      status,
      nextAttemptAt,
    });
    if (recorded && nextAttemptAt) await enqueueDelivery(tx, delivery.id, nextAttemptAt);
  });
  return status;
}

/**
 * One attempt of one delivery: claim it, POST the signed body, record what happened and, after a
 * failure, queue the next attempt with backoff (or give up). Nothing to do — delivered already,
 * given up, webhook deleted or another attempt in flight — is fine: the job just ends.
 */
export async function attemptDelivery(deps: DeliveryDeps, deliveryId: number, log: Logger): Promise<void> {
  const startedAt = deps.clock.now();
  const lease = new Date(startedAt.getTime() + deps.settings.timeoutMs + LEASE_MARGIN_MS);
  const delivery = await claimDelivery(deps.db, deliveryId, startedAt, lease);
  if (!delivery) {
    await giveUpIfInactive(deps.db, deliveryId, startedAt);
    return;
  }
  const timestamp = String(Math.floor(startedAt.getTime() / 1000));
  const headers = requestHeaders(delivery, timestamp);
  const result = await postJson(delivery.url, headers, delivery.body, deps.settings.timeoutMs);
  const status = await finish(deps, delivery, startedAt, result);
  const details = { deliveryId, attempt: delivery.attempt, statusCode: result.statusCode, status };
  if (result.ok) log.debug(details, 'webhook delivered');
  else log.info({ ...details, error: result.error }, 'webhook attempt failed');
}

/** Queue again the deliveries whose jobs were lost (a safety net, run by cron). */
export async function sweepOverdueDeliveries(deps: DeliveryDeps): Promise<number> {
  const now = deps.clock.now();
  return await deps.db.transaction(async (tx) => {
    const ids = await overdueDeliveryIds(tx, now, OVERDUE_GRACE_MS, SWEEP_BATCH);
    for (const id of ids) await enqueueDelivery(tx, id, now);
    return ids.length;
  });
}

export function webhookJobs(deps: DeliveryDeps): JobDefinition[] {
  return [
    {
      name: WEBHOOK_SWEEP_TASK,
      async handler(_payload, { log }) {
        const requeued = await sweepOverdueDeliveries(deps);
        if (requeued > 0) log.warn({ requeued }, 'webhook deliveries without a job queued again');
      },
    },
    {
      name: WEBHOOK_DELIVER_TASK,
      async handler(payload, { log }) {
        const deliveryId = Number((payload as { deliveryId?: unknown } | null)?.deliveryId);
        if (!Number.isSafeInteger(deliveryId)) {
          log.warn({ payload }, 'webhook delivery job without a delivery id; ignored');
          return;
        }
        await attemptDelivery(deps, deliveryId, log);
      },
    },
  ];
}
