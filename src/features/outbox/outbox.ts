import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
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
 * Append an event in the caller's transaction and, in the same transaction, wake the dispatcher
 * (a graphile-worker job with a fixed key, so a burst of events queues one dispatch, not many).
 * Returns the event's id (ascending: the order events are dispatched in).
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
  await executor.execute(
    sql`select graphile_worker.add_job(${OUTBOX_DISPATCH_TASK}, '{}'::json, job_key => ${OUTBOX_DISPATCH_TASK}, job_key_mode => 'preserve_run_at')`,
  );
  return row!.id;
}
