import { sql } from 'drizzle-orm';
import { afterCommit, type Executor } from '../../db/client.js';
import { outboxEvents } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';

export interface DomainEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  organisationId?: string | null;
  payload: Record<string, unknown>;
}

export const OUTBOX_DISPATCH_TASK = 'outbox.dispatch';

/**
 * Append an event in the caller's transaction and, as soon as it commits, wake the dispatcher (a
 * graphile-worker job with a fixed key, so a burst of events queues one dispatch, not many).
 * The wake-up waits for the commit because queueing the keyed job locks its row: inside the
 * transaction, every concurrent writer queued behind that lock until the previous one committed
 * (ticket creation ran one at a time). If the process dies between commit and wake-up, the
 * dispatcher's every-minute schedule publishes the event. Returns the event's id (ascending: the
 * order events are dispatched in).
 */
export async function publishEvent(executor: Executor, ctx: Context, event: DomainEvent): Promise<number> {
  const [row] = await executor
    .insert(outboxEvents)
    .values({
      at: ctx.now,
      type: event.type,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      organisationId: event.organisationId ?? null,
      payload: { ...event.payload, actorId: ctx.actor.userId, requestId: ctx.requestId },
    })
    .returning({ id: outboxEvents.id });
  await afterCommit(executor, wakeDispatcher);
  return row!.id;
}

/**
 * Queue the keyed dispatch job. graphile-worker's keyed add_job silently does nothing when a worker
 * locks the pending keyed job between its two statements; that worker may then have looked for
 * events before ours was there, and the event would wait for the cron safety net. So when no job
 * was added or updated, add one without a key.
 */
async function wakeDispatcher(executor: Executor): Promise<void> {
  const keyed = await executor.execute<{ id: string | null }>(
    sql`select id from graphile_worker.add_job(${OUTBOX_DISPATCH_TASK}, '{}'::json, job_key => ${OUTBOX_DISPATCH_TASK}, job_key_mode => 'preserve_run_at')`,
  );
  if (keyed.rows[0]?.id == null)
    await executor.execute(sql`select graphile_worker.add_job(${OUTBOX_DISPATCH_TASK}, '{}'::json)`);
}
