import { sql } from 'drizzle-orm';
import { afterCommit, type Executor } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { LIVE_CHANNEL, liveNoticeJson } from './live-notice.js';

export interface DomainEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  organisationId?: string | null;
  payload: Record<string, unknown>;
}

export const OUTBOX_DISPATCH_TASK = 'outbox.dispatch';

/**
 * Append an event in the caller's transaction and announce it on the live channel (pg_notify in
 * the same statement: PostgreSQL delivers the notification to every listening process only when
 * the transaction commits, so nothing is announced before it is visible and a rollback announces
 * nothing). As soon as it commits, wake the dispatcher (a graphile-worker job with a fixed key, so
 * a burst of events queues one dispatch, not many).
 * The wake-up waits for the commit because queueing the keyed job locks its row: inside the
 * transaction, every concurrent writer queued behind that lock until the previous one committed
 * (ticket creation ran one at a time). If the process dies between commit and wake-up, the
 * dispatcher's every-minute schedule publishes the event. Returns the event's id (ascending: the
 * order events are dispatched in).
 */
export async function publishEvent(executor: Executor, ctx: Context, event: DomainEvent): Promise<number> {
  const payload = { ...event.payload, actorId: ctx.actor.userId, requestId: ctx.requestId };
  const { rows } = await executor.execute<{ id: number }>(sql`
    with event as (
      insert into outbox_events (at, type, aggregate_type, aggregate_id, organisation_id, payload)
      values (${ctx.now}, ${event.type}, ${event.aggregateType}, ${event.aggregateId},
              ${event.organisationId ?? null}, ${JSON.stringify(payload)}::jsonb)
      returning *
    )
    select event.id, pg_notify(${LIVE_CHANNEL}, ${liveNoticeJson(sql`event`)}) from event`);
  await afterCommit(executor, wakeDispatcher);
  return Number(rows[0]!.id);
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
