import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedPortUrl,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../../test/support/webhook-receiver.js';
import { postJson } from './sender.js';

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => receiver?.close());

const headers = { 'content-type': 'application/json', 'x-test': 'yes' };

describe('posting a webhook', () => {
  it('sends the body and headers as given; a 2xx is success', async () => {
    receiver.respondWith(() => ({ status: 204 }));
    const result = await postJson(`${receiver.url}/hook`, headers, '{"a":1}', 5000);
    expect(result).toMatchObject({ ok: true, statusCode: 204, error: null });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const last = receiver.requests.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', path: '/hook', body: '{"a":1}' });
    expect(last.headers['x-test']).toBe('yes');
    expect(last.headers['content-type']).toBe('application/json');
  });

  it('records the status and the start of the body of a failure', async () => {
    receiver.respondWith(() => ({ status: 500, body: `database\n down ${'x'.repeat(1000)}` }));
    const result = await postJson(receiver.url, headers, '{}', 5000);
    expect(result.ok).toBe(false);
    expect(result.statusCode).toBe(500);
    expect(result.error).toMatch(/^HTTP 500: database down x+$/);
    expect(result.error!.length).toBeLessThan(320);
  });

  it('never follows a redirect: a 3xx is a failure naming where it pointed', async () => {
    const before = receiver.requests.length;
    receiver.respondWith((request) =>
      request.path === '/moved'
        ? { status: 302, headers: { location: `${receiver.url}/elsewhere` } }
        : { status: 200 },
    );
    const result = await postJson(`${receiver.url}/moved`, headers, '{}', 5000);
    expect(result).toMatchObject({ ok: false, statusCode: 302 });
    expect(result.error).toBe(`redirect (HTTP 302 to ${receiver.url}/elsewhere) not followed`);
    expect(receiver.requests.slice(before).map((request) => request.path)).toEqual(['/moved']);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    receiver.respondWith(() => ({ status: 200, delayMs: 2000 }));
    const result = await postJson(receiver.url, headers, '{}', 300);
    expect(result).toMatchObject({ ok: false, statusCode: null, error: 'no response within 0.3 s' });
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(1500);
  });

  it('reports a refused connection', async () => {
    const result = await postJson(await closedPortUrl(), headers, '{}', 5000);
    expect(result).toMatchObject({ ok: false, statusCode: null });
    expect(result.error).toMatch(/ECONNREFUSED/);
  });
});
