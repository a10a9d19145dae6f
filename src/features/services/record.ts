import type { Executor } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';

/**
 * Every registry change leaves an audit entry and a domain event in its transaction. Events about
 * environments, components and owners carry their service's id as the aggregate.
 */
export async function recordServiceChange(
  executor: Executor,
  ctx: Context,
  change: {
    action: string;
    entityType: string;
    entityId: string;
    serviceId: string;
    organisationId: string;
    before: unknown;
    after: unknown;
  },
): Promise<void> {
  await recordAudit(executor, ctx, {
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    organisationId: change.organisationId,
    before: change.before,
    after: change.after,
  });
  await publishEvent(executor, ctx, {
    type: change.action,
    aggregateType: 'service',
    aggregateId: change.serviceId,
    organisationId: change.organisationId,
    payload: { [change.entityType]: change.after ?? change.before, entityId: change.entityId },
  });
}
