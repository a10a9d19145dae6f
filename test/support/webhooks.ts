import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { publishEvent } from '../../src/features/outbox/index.js';
import { type Context, SYSTEM_ACTOR } from '../../src/platform/actor.js';
import type { TestServer } from './app.js';
import { type Caller, call } from './http.js';
import type { ReceivedRequest } from './webhook-receiver.js';

const system = (): Context => ({ actor: SYSTEM_ACTOR, requestId: 'test-request', now: new Date() });

/** Publish a domain event the way features do: in a transaction, through the outbox. */
export async function publishTestEvent(
  server: TestServer,
  type: string,
  organisationId: string | null = null,
  payload: Record<string, unknown> = {},
): Promise<number> {
  return await server.database.db.transaction((tx) =>
    publishEvent(tx, system(), {
      type,
      aggregateType: 'thing',
      aggregateId: 'thing-1',
      organisationId,
      payload,
    }),
  );
}

export async function createWebhook(server: TestServer, admin: Caller, body: Record<string, unknown>) {
  const response = await call(server.app, admin, 'POST', '/api/v1/webhooks', { name: 'hook', ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { id: response.body.webhook.id as string, secret: response.body.secret as string };
}

/** The delivery log of a webhook, newest first, as an administrator sees it. */
export async function deliveryLog(server: TestServer, admin: Caller, webhookId: string, query = '') {
  const response = await call(
    server.app,
    admin,
    'GET',
    `/api/v1/webhooks/${webhookId}/deliveries?limit=100${query}`,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items as any[];
}

export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Long enough for a duplicate (or a wrongly routed event) to have arrived. */
export const settle = (ms = 700) => new Promise((resolve) => setTimeout(resolve, ms));

/** Recompute the signature independently of the server's code: HMAC-SHA256 of "<timestamp>.<body>". */
export function expectSigned(request: ReceivedRequest, secret: string): void {
  const timestamp = String(request.headers['x-tend-timestamp']);
  const hmac = createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex');
  expect(request.headers['x-tend-signature']).toBe(`sha256=${hmac}`);
  expect(Math.abs(Number(timestamp) - request.at / 1000)).toBeLessThan(5);
}

/** Wait until every published event has been dispatched (so none reaches the next test's webhooks). */
export async function outboxDrained(server: TestServer): Promise<void> {
  await eventually(
    async () =>
      (
        await server.database.pool.query(
          'select count(*)::int as n from outbox_events where published_at is null',
        )
      ).rows[0].n as number,
    (pending) => pending === 0,
  );
}
