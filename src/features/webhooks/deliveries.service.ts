import type { Db, Executor } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { conflict, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';
import {
  attemptsOf,
  type DeliveryFilter,
  findDelivery,
  listDeliveryRows,
  requeueDelivery,
} from './deliveries.repo.js';
import { TEST_EVENT_TYPE } from './events.js';
import { type DeliveryRow, presentDelivery, type WebhookRow } from './presenters.js';
import { enqueueDelivery, scheduleDeliveries } from './scheduling.js';
import { authorize } from './webhooks.policy.js';
import { findWebhook } from './webhooks.repo.js';

async function existingWebhook(executor: Executor, id: string): Promise<WebhookRow> {
  const row = await findWebhook(executor, id);
  if (!row) throw notFound('webhook');
  return row;
}

function requireActive(webhook: WebhookRow): void {
  if (!webhook.active)
    throw conflict('webhooks.inactive', 'the webhook is inactive; activate it first', { field: 'active' });
}

async function presentOne(executor: Executor, row: DeliveryRow) {
  const attempts = await attemptsOf(executor, [row.id]);
  return presentDelivery(row, attempts.get(row.id) ?? []);
}

export async function listDeliveriesForAdmin(
  db: Db,
  ctx: Context,
  webhookId: string,
  filter: DeliveryFilter,
) {
  authorize(ctx.actor, 'webhook.read');
  await existingWebhook(db, webhookId);
  const page = await listDeliveryRows(db, webhookId, filter);
  const attempts = await attemptsOf(
    db,
    page.items.map((row) => row.id),
  );
  return {
    items: page.items.map((row) => presentDelivery(row, attempts.get(row.id) ?? [])),
    nextCursor: page.nextCursor,
  };
}

/**
 * A `webhook.test` event, written to the outbox like any other (so it has an id and shows in the
 * log), delivered to this webhook only, right away.
 */
export async function sendTestEvent(db: Db, ctx: Context, webhookId: string) {
  authorize(ctx.actor, 'webhook.write');
  return await db.transaction(async (tx) => {
    const webhook = await existingWebhook(tx, webhookId);
    requireActive(webhook);
    const event = {
      type: TEST_EVENT_TYPE,
      aggregateType: 'webhook',
      aggregateId: webhook.id,
      organisationId: webhook.organisationId,
      payload: { webhookId: webhook.id, name: webhook.name, message: 'A test event from Tend.' },
    };
    const eventId = await publishEvent(tx, ctx, event);
    // The payload exactly as published (the outbox adds who and which request).
    const payload = { ...event.payload, actorId: ctx.actor.userId, requestId: ctx.requestId };
    const delivered = {
      id: eventId,
      type: event.type,
      at: ctx.now,
      organisationId: event.organisationId,
      payload,
    };
    const [deliveryId] = await scheduleDeliveries(tx, delivered, [webhook.id], ctx.now);
    const row = (await findDelivery(tx, webhook.id, deliveryId!))!;
    await recordAudit(tx, ctx, {
      action: 'webhook.tested',
      entityType: 'webhook',
      entityId: webhook.id,
      organisationId: webhook.organisationId,
      after: { eventId: String(eventId), deliveryId: String(row.id) },
    });
    return await presentOne(tx, row);
  });
}

/**
 * Attempt a delivery again now, whatever its state (a failed one sooner, a given-up or delivered
 * one once more) — unless an attempt is in flight.
 */
export async function retryDeliveryForAdmin(db: Db, ctx: Context, webhookId: string, deliveryId: number) {
  authorize(ctx.actor, 'webhook.write');
  return await db.transaction(async (tx) => {
    const webhook = await existingWebhook(tx, webhookId);
    const before = await findDelivery(tx, webhookId, deliveryId);
    if (!before) throw notFound('webhook_delivery');
    requireActive(webhook);
    const after = await requeueDelivery(tx, webhookId, deliveryId, ctx.now);
    if (!after)
      throw conflict('webhooks.delivery_in_progress', 'an attempt is in progress; try again shortly');
    await enqueueDelivery(tx, deliveryId, ctx.now);
    await recordAudit(tx, ctx, {
      action: 'webhook.delivery_retried',
      entityType: 'webhook_delivery',
      entityId: String(deliveryId),
      organisationId: webhook.organisationId,
      before: { status: before.status, attemptCount: before.attempts },
      after: { status: after.status, attemptCount: after.attempts },
    });
    return await presentOne(tx, after);
  });
}
