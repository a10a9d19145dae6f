import { z } from 'zod';
import { id, instant, listQuery, page, queryBoolean } from './common.js';

/** `ticket.created`, a prefix `ticket.*`, or `*` for every event. */
export const webhookEventPattern = z
  .string()
  .max(100)
  .regex(
    /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/,
    'must be an event type (ticket.created), a prefix (ticket.*) or *',
  );

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.hostname !== '' &&
      url.username === '' &&
      url.password === ''
    );
  } catch {
    return false;
  }
}

export const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(isHttpUrl, 'must be an http:// or https:// URL without user name or password');

export const webhookDeliveryStatus = z.enum(['pending', 'succeeded', 'failed', 'gave_up']);
export type WebhookDeliveryStatus = z.infer<typeof webhookDeliveryStatus>;

export const webhook = z.object({
  id,
  name: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  organisationId: id.nullable().describe('only events of this organisation; null: all organisations'),
  active: z.boolean(),
  secretPrefix: z.string().describe('the first characters of the signing secret, to recognise it'),
  createdBy: id.nullable(),
  createdAt: instant,
  updatedAt: instant,
});
export type Webhook = z.infer<typeof webhook>;

const eventTypes = z.array(webhookEventPattern).min(1).max(50);

export const createWebhook = z.strictObject({
  name: z.string().trim().min(1).max(200),
  url: webhookUrl,
  eventTypes: eventTypes.default(['*']),
  organisationId: id.nullable().default(null),
  active: z.boolean().default(true),
});

export const updateWebhook = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    url: webhookUrl,
    eventTypes,
    organisationId: id.nullable(),
    active: z.boolean(),
  })
  .partial();

export const webhookWithSecret = z.object({
  webhook,
  secret: z.string().describe('the signing secret: shown now, never retrievable again'),
});

export const listWebhooksQuery = listQuery.extend({ active: queryBoolean.optional() });
export const webhookPage = page(webhook);

export const webhookDeliveryAttempt = z.object({
  attempt: z.number().int(),
  at: instant,
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const webhookDelivery = z.object({
  id: z.string(),
  webhookId: id,
  eventId: z.string(),
  eventType: z.string(),
  status: webhookDeliveryStatus,
  attemptCount: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastDurationMs: z.number().int().nullable(),
  nextAttemptAt: instant.nullable().describe('when the next attempt is due (pending or failed)'),
  createdAt: instant,
  deliveredAt: instant.nullable(),
  attempts: z.array(webhookDeliveryAttempt).describe('every attempt, oldest first'),
});
export type WebhookDelivery = z.infer<typeof webhookDelivery>;

export const listWebhookDeliveriesQuery = listQuery.extend({ status: webhookDeliveryStatus.optional() });
export const webhookDeliveryPage = page(webhookDelivery);

export const webhookDeliveryParams = z.strictObject({
  id,
  deliveryId: z.string().regex(/^[1-9][0-9]{0,14}$/, 'must be a delivery id'),
});
