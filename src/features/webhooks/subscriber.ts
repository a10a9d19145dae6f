import type { Db } from '../../db/client.js';
import type { EventSubscriber } from '../outbox/index.js';
import { scheduleDeliveries } from './scheduling.js';
import { webhooksWanting } from './webhooks.repo.js';

/**
 * Every outbox event, whatever its type: a delivery (and its job) for each webhook that wants it.
 * Quick (two statements and a job per webhook) and idempotent: run twice, it adds nothing.
 */
export function webhookSubscriber(db: Db, now: () => Date): EventSubscriber {
  return {
    name: 'webhooks',
    types: '*',
    async handle(event, log) {
      // Most events interest no webhook: ask first, outside a transaction (one statement, not three).
      if ((await webhooksWanting(db, event)).length === 0) return;
      await db.transaction(async (tx) => {
        const webhookIds = await webhooksWanting(tx, event);
        if (webhookIds.length === 0) return;
        const created = await scheduleDeliveries(tx, event, webhookIds, now());
        if (created.length > 0)
          log.debug(
            { eventId: event.id, type: event.type, deliveries: created.length },
            'webhook deliveries queued',
          );
      });
    },
  };
}
