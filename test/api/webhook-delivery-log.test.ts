import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { expectErrorShape, expectFieldError } from '../support/errors.js';
import { givenProvider, givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';
import { closedPortUrl, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import {
  createWebhook,
  deliveryLog,
  eventually,
  expectSigned,
  outboxDrained,
  publishTestEvent,
  settle,
} from '../support/webhooks.js';

/**
 * What administrators do with deliveries: read the log (others may not), retry one by hand, send a
 * test event. Retries here wait 0.2 s, then give up after the second attempt.
 */
let server: TestServer;
let receiver: WebhookReceiver;
let admin: Caller;
let agent: Caller;

beforeAll(async () => {
  server = await startTestServer({ worker: true, env: { TEND_WEBHOOK_RETRY_DELAYS: '0.2' } });
  const provider = await givenProvider(server.database.db);
  admin = await login(server.app, provider.admin.email, PASSWORD);
  agent = await login(
    server.app,
    (await givenUser(server.database.db, 'agent', provider.providerId)).email,
    PASSWORD,
  );
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await outboxDrained(server);
  await server.database.pool.query('delete from webhooks');
  receiver.respondWith(() => ({ status: 200, body: 'ok' }));
  receiver.requests.length = 0;
});
afterAll(async () => {
  await receiver?.close();
  await server?.close();
});

const createHook = (body: Record<string, unknown> = {}) =>
  createWebhook(server, admin, { url: `${receiver.url}/hook`, ...body });
const deliveries = (webhookId: string, query = '') => deliveryLog(server, admin, webhookId, query);
const retry = (caller: Caller, webhookId: string, deliveryId: string) =>
  call(server.app, caller, 'POST', `/api/v1/webhooks/${webhookId}/deliveries/${deliveryId}/retry`);
const statusIs = (status: string) => (items: any[]) => items[0]?.status === status;

async function auditActions(entityId: string) {
  const response = await call(server.app, admin, 'GET', `/api/v1/audit?entityId=${entityId}&limit=100`);
  return (response.body.items as any[]).map((entry) => entry.action);
}

describe('retrying by hand', () => {
  it('retries a delivery that gave up, once the receiver is fixed; and redelivers a delivered one', async () => {
    const hook = await createHook({ url: await closedPortUrl() });
    await publishTestEvent(server, 'thing.happened');
    const [given] = await eventually(() => deliveries(hook.id), statusIs('gave_up'));
    expect(given.attemptCount).toBe(2);
    await call(server.app, admin, 'PATCH', `/api/v1/webhooks/${hook.id}`, { url: `${receiver.url}/fixed` });

    const retried = await retry(admin, hook.id, given.id);
    expect(retried.status, JSON.stringify(retried.body)).toBe(202);
    expect(retried.body).toMatchObject({ id: given.id, status: 'pending', attemptCount: 2 });
    const [request] = await receiver.waitForRequests(1);
    expect(request).toMatchObject({ path: '/fixed' });
    expect(request!.headers).toMatchObject({ 'x-tend-delivery': given.id, 'x-tend-attempt': '3' });
    expectSigned(request!, hook.secret);
    const [delivered] = await eventually(() => deliveries(hook.id), statusIs('succeeded'));
    expect(delivered.attempts.map((attempt: any) => attempt.statusCode)).toEqual([null, null, 200]);

    expect((await retry(admin, hook.id, given.id)).status).toBe(202);
    const [, again] = await receiver.waitForRequests(2);
    expect(again!.body).toBe(request!.body);
    await eventually(
      () => deliveries(hook.id),
      (items) => items[0]?.status === 'succeeded' && items[0]?.attemptCount === 4,
    );
    expect(await auditActions(given.id)).toEqual(['webhook.delivery_retried', 'webhook.delivery_retried']);
  });

  it('refuses a retry while an attempt is in flight, or while the webhook is inactive', async () => {
    const hook = await createHook();
    await publishTestEvent(server, 'thing.happened');
    const [delivery] = await eventually(() => deliveries(hook.id), statusIs('succeeded'));
    await server.database.pool.query(
      `update webhook_deliveries set locked_until = now() + interval '1 minute' where id = $1`,
      [delivery.id],
    );
    const busy = await retry(admin, hook.id, delivery.id);
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('webhooks.delivery_in_progress');
    await call(server.app, admin, 'PATCH', `/api/v1/webhooks/${hook.id}`, { active: false });
    const inactive = await retry(admin, hook.id, delivery.id);
    expect(inactive.status).toBe(409);
    expectErrorShape(inactive.body);
    expect(inactive.body.error.code).toBe('webhooks.inactive');
  });

  it('gives up a pending retry when its webhook is deactivated meanwhile', async () => {
    const hook = await createHook();
    receiver.respondWith(() => ({ status: 503 }));
    await publishTestEvent(server, 'thing.happened');
    await receiver.waitForRequests(1);
    await call(server.app, admin, 'PATCH', `/api/v1/webhooks/${hook.id}`, { active: false });
    const [delivery] = await eventually(() => deliveries(hook.id), statusIs('gave_up'));
    expect(delivery).toMatchObject({ attemptCount: 1, lastError: 'the webhook is inactive' });
    await settle(400);
    expect(receiver.requests).toHaveLength(1);
  });

  it('answers 404 for a delivery that is unknown or belongs to another webhook', async () => {
    const hook = await createHook();
    const other = await createHook();
    await publishTestEvent(server, 'thing.happened');
    const [delivery] = await eventually(() => deliveries(hook.id), statusIs('succeeded'));
    for (const [webhookId, deliveryId] of [
      [hook.id, '999999'],
      [other.id, delivery.id],
    ]) {
      const response = await retry(admin, webhookId!, deliveryId!);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('webhook_delivery.not_found');
    }
    expectFieldError(await retry(admin, hook.id, 'abc'), 'params.deliveryId');
  });
});

describe('deleting a webhook', () => {
  it('takes its log with it, even with an attempt in flight, and the attempt ends quietly', async () => {
    const hook = await createHook();
    receiver.respondWith(() => ({ status: 500, delayMs: 400 }));
    await publishTestEvent(server, 'thing.happened');
    await receiver.waitForRequests(1);
    expect((await call(server.app, admin, 'DELETE', `/api/v1/webhooks/${hook.id}`)).status).toBe(204);
    await settle(800);
    const { rows } = await server.database.pool.query(
      `select (select count(*)::int from webhook_deliveries) as deliveries,
              (select count(*)::int from graphile_worker.jobs
                where task_identifier = 'webhooks.deliver') as jobs`,
    );
    expect(rows[0]).toEqual({ deliveries: 0, jobs: 0 });
    expect(receiver.requests).toHaveLength(1);
  });
});

describe('the sweep', () => {
  it('queues again deliveries whose job was lost: overdue, or leased by an attempt that died', async () => {
    const hook = await createHook();
    const insert = (eventId: number, columns: string) =>
      server.database.pool.query(
        `insert into webhook_deliveries
           (webhook_id, event_id, event_type, body, status, attempts, next_attempt_at, locked_until, created_at)
         values ($1, $2, 'thing.orphaned', $3, ${columns}, now())`,
        [hook.id, eventId, JSON.stringify({ id: String(eventId) })],
      );
    await insert(900001, `'failed', 1, now() - interval '10 minutes', null`);
    await insert(900002, `'pending', 1, null, now() - interval '1 minute'`);
    await insert(900003, `'failed', 1, now() + interval '1 hour', null`);
    await server.database.pool.query(`select graphile_worker.add_job('webhooks.sweep')`);
    const requests = await receiver.waitForRequests(2);
    expect(requests.map((request) => JSON.parse(request.body).id).sort()).toEqual(['900001', '900002']);
    for (const request of requests) expectSigned(request, hook.secret);
    const log = await eventually(
      () => deliveries(hook.id),
      (items) => items.filter((item) => item.status === 'succeeded').length === 2,
    );
    expect(log.find((item) => item.eventId === '900003')).toMatchObject({
      status: 'failed',
      attemptCount: 1,
    });
    await settle(300);
    expect(receiver.requests).toHaveLength(2);
  });
});

describe('the test event', () => {
  it('sends webhook.test to this webhook only, right away', async () => {
    const hook = await createHook({ eventTypes: ['ticket.created'] });
    const bystander = await createHook({ url: `${receiver.url}/bystander` });
    const response = await call(server.app, admin, 'POST', `/api/v1/webhooks/${hook.id}/test`);
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    expect(response.body).toMatchObject({ eventType: 'webhook.test', status: 'pending', attemptCount: 0 });
    const [request] = await receiver.waitForRequests(1);
    expect(request!.headers).toMatchObject({
      'x-tend-event': 'webhook.test',
      'x-tend-delivery': response.body.id,
    });
    expectSigned(request!, hook.secret);
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({ id: response.body.eventId, type: 'webhook.test', organisationId: null });
    expect(body.data).toMatchObject({ webhookId: hook.id, message: 'A test event from Tend.' });
    await eventually(() => deliveries(hook.id), statusIs('succeeded'));
    await settle();
    expect(receiver.requests.map((received) => received.path)).toEqual(['/hook']);
    expect(await deliveries(bystander.id)).toEqual([]);
    expect(await auditActions(hook.id)).toContain('webhook.tested');
  });

  it('refuses to test an inactive webhook', async () => {
    const hook = await createHook({ active: false });
    const response = await call(server.app, admin, 'POST', `/api/v1/webhooks/${hook.id}/test`);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('webhooks.inactive');
  });
});

describe('the delivery log', () => {
  it('pages newest first, filters by status, and is for administrators only', async () => {
    const hook = await createHook();
    receiver.respondWith((request) =>
      JSON.parse(request.body).data.n % 2 ? { status: 200 } : { status: 410 },
    );
    for (let n = 1; n <= 5; n++) await publishTestEvent(server, 'thing.counted', null, { n });
    const all = await eventually(
      () => deliveries(hook.id),
      (items) => items.length === 5 && items.every((item) => ['succeeded', 'gave_up'].includes(item.status)),
    );
    // Newest delivery first (events dispatched in parallel passes may be delivered out of order).
    const ids = all.map((item) => Number(item.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(all.map((item) => item.eventId)).size).toBe(5);
    expect((await deliveries(hook.id, '&status=gave_up')).map((item) => item.lastStatusCode)).toEqual([
      410, 410,
    ]);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await call(server.app, admin, 'GET', `/api/v1/webhooks/${hook.id}/deliveries?${query}`);
      walked.push(...page.body.items.map((item: any) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all.map((item) => item.id));

    const refused = await call(server.app, agent, 'GET', `/api/v1/webhooks/${hook.id}/deliveries`);
    expect(refused.status).toBe(403);
    expect((await retry(agent, hook.id, all[0].id)).status).toBe(403);
    expectFieldError(
      await call(server.app, admin, 'GET', `/api/v1/webhooks/${hook.id}/deliveries?status=lost`),
      'query.status',
    );
  });
});
