import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { JobDefinition } from '../../jobs/worker.js';
import type { Logger } from '../../platform/logger.js';
import { OUTBOX_DISPATCH_TASK } from './outbox.js';

export interface OutboxEvent {
  id: number;
  at: Date;
  type: string;
  aggregateType: string;
  aggregateId: string;
  organisationId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Reacts to domain events (notifications, webhooks, SLA recomputation…). Runs after the change
 * committed, at least once per event: subscribers must be idempotent (key on event.id) and quick —
 * slow work (HTTP calls, mail) belongs in a job the subscriber enqueues.
 */
export interface EventSubscriber {
  name: string;
  /** Event types it wants, or '*' for all. */
  types: string[] | '*';
  handle(event: OutboxEvent, log: Logger): Promise<void>;
}

const BATCH = 200;
const MAX_ATTEMPTS = 20;

type EventRow = {
  id: number;
  /** Raw SQL through Drizzle leaves timestamptz as text. */
  at: Date | string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  organisation_id: string | null;
  payload: Record<string, unknown>;
  attempts: number;
};

function toEvent(row: EventRow): OutboxEvent {
  return {
    id: row.id,
    at: new Date(row.at),
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    organisationId: row.organisation_id,
    payload: row.payload,
  };
}

async function deliver(
  subscribers: EventSubscriber[],
  event: OutboxEvent,
  log: Logger,
): Promise<string | null> {
  for (const subscriber of subscribers) {
    if (subscriber.types !== '*' && !subscriber.types.includes(event.type)) continue;
    try {
      await subscriber.handle(event, log);
    } catch (error) {
      return `${subscriber.name}: ${(error as Error).message}`;
    }
  }
  return null;
}

/**
 * One pass: claim a batch of unpublished events in order (SKIP LOCKED, so parallel workers split
 * the work), hand each to its subscribers, mark it published or count the failure.
 */
export async function dispatchOutbox(
  db: Db,
  subscribers: EventSubscriber[],
  log: Logger,
  now: () => Date,
): Promise<{ published: number; failed: number }> {
  return await db.transaction(async (tx) => {
    const claimed = await tx.execute<EventRow>(sql`
      select id, at, type, aggregate_type, aggregate_id, organisation_id, payload, attempts
      from outbox_events where published_at is null and attempts < ${MAX_ATTEMPTS}
      order by id limit ${BATCH} for update skip locked`);
    const published: number[] = [];
    let failed = 0;
    for (const row of claimed.rows) {
      const failure = await deliver(subscribers, toEvent(row), log);
      if (failure === null) {
        published.push(row.id);
      } else {
        failed++;
        log.warn({ eventId: row.id, type: row.type, failure }, 'event delivery failed; will retry');
        await tx.execute(
          sql`update outbox_events set attempts = attempts + 1, last_error = ${failure} where id = ${row.id}`,
        );
      }
    }
    // One statement for the batch (it commits with the failures' counts, all or nothing as before).
    if (published.length)
      await tx.execute(
        sql`update outbox_events set published_at = ${now()} where id = any(${sql.param(published)}::bigint[])`,
      );
    if (claimed.rows.length === BATCH || failed > 0) {
      // More to do (or retries due): queue another pass, with a pause when it is for retries.
      const delayMs = failed > 0 ? 30_000 : 0;
      await enqueueJob(
        tx,
        OUTBOX_DISPATCH_TASK,
        {},
        { jobKey: `${OUTBOX_DISPATCH_TASK}:next`, runAt: new Date(now().getTime() + delayMs) },
      );
    }
    return { published: published.length, failed };
  });
}

/**
 * Dispatch jobs of one process run one after the other. A dispatch holds its batch's transaction
 * (a pooled connection) while subscribers query on others; every wake-up that found the previous
 * job running queued another, so under a stream of events several ran at once and took the
 * connection pool the process's requests share (new tickets waited for connections). A job that
 * waits here holds no connection, and starts after the one before it ends — so it still sees
 * every event committed before it was queued. Other processes dispatch in parallel (SKIP LOCKED).
 */
export function outboxJobs(db: Db, subscribers: EventSubscriber[], now: () => Date): JobDefinition[] {
  let previous: Promise<unknown> = Promise.resolve();
  return [
    {
      name: OUTBOX_DISPATCH_TASK,
      async handler(_payload, { log }) {
        const mine = previous.then(() => dispatchOutbox(db, subscribers, log, now));
        previous = mine.catch(() => undefined);
        await mine;
      },
    },
  ];
}
