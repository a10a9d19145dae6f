import { type SQL, sql } from 'drizzle-orm';
import { afterCommit, type Db, type Executor } from '../../db/client.js';
import { coalescerFor } from '../../db/coalesce.js';
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
 * Append an event in the caller's transaction; once it commits, announce it on the live channel
 * and wake the dispatcher (a graphile-worker job with a fixed key, so a burst of events queues one
 * dispatch, not many) — see `eventsCommitted`. Returns the event's id (ascending: the order events
 * are dispatched in).
 */
export async function publishEvent(executor: Executor, ctx: Context, event: DomainEvent): Promise<number> {
  const { rows } = await executor.execute<{ id: number }>(sql`${eventInsert(ctx, event)} returning id`);
  const id = Number(rows[0]!.id);
  await eventsCommitted(executor, [id]);
  return id;
}

/** The INSERT of an event (no RETURNING), for `publishEvent` or a caller's combined statement. */
export function eventInsert(ctx: Context, event: DomainEvent): SQL {
  const payload = { ...event.payload, actorId: ctx.actor.userId, requestId: ctx.requestId };
  return sql`insert into outbox_events (at, type, aggregate_type, aggregate_id, organisation_id, payload)
    values (${ctx.now}, ${event.type}, ${event.aggregateType}, ${event.aggregateId},
            ${event.organisationId ?? null}, ${JSON.stringify(payload)}::jsonb)`;
}

/**
 * After the events' transaction commits (at once when `executor` is not a transaction): announce
 * them on tend_live (pg_notify) and wake the dispatcher, in one statement.
 * Why after the commit, not in the writing transaction: a transaction that notifies holds
 * PostgreSQL's notification lock from its commit until the commit is on disk, so every writer
 * that published an event committed one at a time (ticket creation: 0.4× the rate without it);
 * and queueing the keyed job locks its row until commit, so writers queued behind that too.
 * Still nothing is announced before it is visible, nor for a rolled-back transaction (the hook
 * never runs, and a rolled-back savepoint's event is not in the table). Concurrent requests of a
 * process share one such statement (db/coalesce.ts). If the process dies between commit and
 * announcement, live clients miss the notice (they resync on reconnect) and the dispatcher's
 * every-minute schedule still publishes the event.
 */
export async function eventsCommitted(executor: Executor, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await afterCommit(executor, (db) => coalescerFor(db, 'outbox.announce', announceAndWake).add(ids));
}

async function announceAndWake(db: Db, ids: number[]): Promise<void> {
  const { rows } = await db.execute<{ id: string | null }>(sql`
    with wake as (
      select id from graphile_worker.add_job(${OUTBOX_DISPATCH_TASK}, '{}'::json, job_key => ${OUTBOX_DISPATCH_TASK}, job_key_mode => 'preserve_run_at')
    )
    select (select id from wake) as id,
      (select count(pg_notify(${LIVE_CHANNEL}, notice)) from (
        select ${liveNoticeJson(sql`e`)} as notice from outbox_events e
        where e.id = any(${sql.param(ids)}::bigint[]) order by e.id) notices) as announced`);
  if (rows[0]?.id == null) await addUnkeyedDispatch(db);
}

/**
 * graphile-worker's keyed add_job silently does nothing when a worker locks the pending keyed job
 * between its two statements; that worker may then have looked for events before ours was there,
 * and the event would wait for the cron safety net. So when no job was added or updated, add one
 * without a key.
 */
async function addUnkeyedDispatch(db: Db): Promise<void> {
  await db.execute(sql`select graphile_worker.add_job(${OUTBOX_DISPATCH_TASK}, '{}'::json)`);
}
