import type { Executor } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';

/** An audit entry and a domain event for a window or feed change, in the caller's transaction. */
export async function recordMaintenanceChange(
  executor: Executor,
  ctx: Context,
  change: {
    action: string;
    entityType: 'maintenance_window' | 'calendar_feed';
    entityId: string;
    organisationId: string;
    before: unknown;
    after: unknown;
  },
): Promise<void> {
  await recordAudit(executor, ctx, change);
  await publishEvent(executor, ctx, {
    type: change.action,
    aggregateType: change.entityType,
    aggregateId: change.entityId,
    organisationId: change.organisationId,
    payload: {
      [change.entityType === 'maintenance_window' ? 'window' : 'feed']: change.after ?? change.before,
    },
  });
}
