import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webhookSubscriber } from '../../src/features/webhooks/index.js';
import { silentLogger } from '../../src/platform/logger.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenCustomer, givenProvider, PASSWORD } from '../support/factories.js';
import { type Caller, login } from '../support/http.js';
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
 * Events published to the outbox reach subscribed URLs through the running worker: signed, once,
 * retried with backoff (a short schedule here: 0.3 s, 0.6 s, 0.6 s, so 4 attempts), and logged.
 */
const DELAYS_MS = [300, 600, 600];
let server: TestServer;
let receiver: WebhookReceiver;
let admin: Caller;
let customerId: string;
let otherCustomerId: string;

beforeAll(async () => {
  server = await startTestServer({
    worker: true,
    env: { TEND_WEBHOOK_RETRY_DELAYS: DELAYS_MS.map((ms) => ms / 1000).join(',') },
  });
  const db = server.database.db;
  const provider = await givenProvider(db);
  admin = await login(server.app, provider.admin.email, PASSWORD);
  customerId = (await givenCustomer(db)).id;
  otherCustomerId = (await givenCustomer(db)).id;
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await outboxDrained(server);
  // Each test's webhooks see only that test's events.
  await server.database.pool.query('delete from webhooks');
  receiver.respondWith(() => ({ status: 200, body: 'ok' }));
  receiver.requests.length = 0;
});
afterAll(async () => {
  await receiver?.close();
  await server?.close();
});

const publish = (type: string, organisationId: string | null = null, payload: Record<string, unknown> = {}) =>
  publishTestEvent(server, type, organisationId, payload);
const createHook = (path: string, body: Record<string, unknown> = {}) =>
  createWebhook(server, admin, { name: path, url: `${receiver.url}${path}`, ...body });
const deliveries = (webhookId: string, query = '') => deliveryLog(server, admin, webhookId, query);

describe('delivering events', () => {
  it('POSTs an event once, with the envelope, headers and a signature that verifies', async () => {
    const hook = await createHook('/one');
    const eventId = await publish('thing.happened', customerId, { n: 1 });
    const [request] = await receiver.waitForRequests(1);
    await settle();
    expect(receiver.requests).toHaveLength(1);
    expect(request).toMatchObject({ method: 'POST', path: '/one' });
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Tend-Webhooks/1',
      'x-tend-event': 'thing.happened',
      'x-tend-attempt': '1',
    });
    expectSigned(request!, hook.secret);
    expect(() => expectSigned(request!, `${hook.secret}x`)).toThrow();
    const body = JSON.parse(request!.body);
    expect(body).toEqual({
      id: String(eventId),
      type: 'thing.happened',
      occurredAt: expect.stringMatching(/Z$/),
      organisationId: customerId,
      data: { n: 1, actorId: null, requestId: 'test-request' },
    });
    const [delivery] = await eventually(
      () => deliveries(hook.id),
      (items) => items[0]?.status === 'succeeded',
    );
    expect(request!.headers['x-tend-delivery']).toBe(delivery.id);
    expect(delivery).toMatchObject({
      eventId: String(eventId),
      eventType: 'thing.happened',
      attemptCount: 1,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
      deliveredAt: expect.stringMatching(/Z$/),
      attempts: [{ attempt: 1, statusCode: 200, error: null, durationMs: expect.any(Number) }],
    });
  });

  it('retries a failing receiver with backoff until it answers: 500, 500, 200', async () => {
    const hook = await createHook('/flaky');
    receiver.respondWith((_request, index) =>
      index < 2 ? { status: 500, body: 'try later' } : { status: 200 },
    );
    await publish('thing.flaky');
    const requests = await receiver.waitForRequests(3);
    const [delivery] = await eventually(
      () => deliveries(hook.id),
      (items) => items[0]?.status === 'succeeded',
    );
    expect(
      delivery.attempts.map((attempt: any) => [attempt.attempt, attempt.statusCode, attempt.error]),
    ).toEqual([
      [1, 500, 'HTTP 500: try later'],
      [2, 500, 'HTTP 500: try later'],
      [3, 200, null],
    ]);
    expect(delivery).toMatchObject({ attemptCount: 3, lastStatusCode: 200, lastError: null });
    // The backoff is respected: each retry waited at least its delay.
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(DELAYS_MS[0]! - 20);
    expect(requests[2]!.at - requests[1]!.at).toBeGreaterThanOrEqual(DELAYS_MS[1]! - 20);
    // One delivery, the same body each time, each attempt signed afresh.
    expect(new Set(requests.map((request) => request.headers['x-tend-delivery']))).toEqual(
      new Set([delivery.id]),
    );
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);
    expect(requests.map((request) => request.headers['x-tend-attempt'])).toEqual(['1', '2', '3']);
    for (const request of requests) expectSigned(request, hook.secret);
    await settle();
    expect(receiver.requests).toHaveLength(3);
  });

  it('gives up after the last attempt when the receiver is down', async () => {
    const hook = await createHook('/down', { url: await closedPortUrl() });
    await publish('thing.lost');
    const [delivery] = await eventually(
      () => deliveries(hook.id),
      (items) => items[0]?.status === 'gave_up',
    );
    expect(delivery.attemptCount).toBe(DELAYS_MS.length + 1);
    expect(delivery.nextAttemptAt).toBeNull();
    expect(delivery.deliveredAt).toBeNull();
    expect(delivery.attempts).toHaveLength(DELAYS_MS.length + 1);
    for (const attempt of delivery.attempts) {
      expect(attempt.statusCode).toBeNull();
      expect(attempt.error).toMatch(/ECONNREFUSED/);
    }
    const times = delivery.attempts.map((attempt: any) => Date.parse(attempt.at));
    const gaps = times.slice(1).map((time: number, index: number) => time - times[index]);
    gaps.forEach((gap: number, index: number) => {
      expect(gap).toBeGreaterThanOrEqual(DELAYS_MS[index]!);
    });
    expect((await deliveries(hook.id, '&status=gave_up')).map((item) => item.id)).toEqual([delivery.id]);
    expect(await deliveries(hook.id, '&status=succeeded')).toEqual([]);
  });
});

describe('who gets which event', () => {
  it('sends each webhook only the event types and organisation it asked for; inactive ones get nothing', async () => {
    const prefix = await createHook('/prefix', { eventTypes: ['ticket.*'] });
    const exact = await createHook('/exact', { eventTypes: ['ticket.closed', 'ticket.reopened'] });
    const ownOrg = await createHook('/own-org', { organisationId: customerId });
    const inactive = await createHook('/inactive', { active: false });
    await publish('ticket.created', customerId);
    await publish('ticket.closed', otherCustomerId);
    await publish('invoice.sent', null);
    await receiver.waitForRequests(4);
    await settle();
    const received = (path: string) =>
      receiver.requests
        .filter((request) => request.path === path)
        .map((request) => request.headers['x-tend-event']);
    expect(received('/prefix').sort()).toEqual(['ticket.closed', 'ticket.created']);
    expect(received('/exact')).toEqual(['ticket.closed']);
    expect(received('/own-org')).toEqual(['ticket.created']);
    expect(received('/inactive')).toEqual([]);
    expect(await deliveries(inactive.id)).toEqual([]);
    expect((await deliveries(prefix.id)).length + (await deliveries(exact.id)).length).toBe(3);
    expect((await deliveries(ownOrg.id)).map((item) => item.eventType)).toEqual(['ticket.created']);
  });

  it('delivers an event once per webhook even when the subscriber handles it again', async () => {
    const hook = await createHook('/once');
    const eventId = await publish('thing.twice');
    await receiver.waitForRequests(1);
    const { rows } = await server.database.pool.query(
      `select id, at, type, aggregate_type, aggregate_id, organisation_id, payload from outbox_events where id = $1`,
      [eventId],
    );
    const row = rows[0];
    const event = {
      id: Number(row.id),
      at: row.at,
      type: row.type,
      aggregateType: row.aggregate_type,
      aggregateId: row.aggregate_id,
      organisationId: row.organisation_id,
      payload: row.payload,
    };
    const subscriber = webhookSubscriber(server.database.db, () => new Date());
    const log = silentLogger();
    await Promise.all([subscriber.handle(event, log), subscriber.handle(event, log)]);
    await subscriber.handle(event, log);
    await settle();
    expect(receiver.requests).toHaveLength(1);
    expect(await deliveries(hook.id)).toHaveLength(1);
  });
});
