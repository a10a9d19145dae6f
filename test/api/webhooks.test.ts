import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { expectErrorShape, expectFieldError } from '../support/errors.js';
import { givenCustomer, givenProvider, givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';

/**
 * Managing webhooks: administrators only, the secret shown once, URLs and event patterns checked,
 * every change audited without the secret. Deliveries themselves: webhook-deliveries.test.ts.
 */
let server: TestServer;
let admin: Caller;
let customerId: string;
const others: Record<string, Caller> = {};

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  const provider = await givenProvider(db);
  admin = await login(server.app, provider.admin.email, PASSWORD);
  customerId = (await givenCustomer(db)).id;
  for (const [role, organisationId] of [
    ['service_manager', provider.providerId],
    ['agent', provider.providerId],
    ['customer_manager', customerId],
    ['requester', customerId],
  ] as const) {
    const user = await givenUser(db, role, organisationId);
    others[role] = await login(server.app, user.email, PASSWORD);
  }
});
afterAll(async () => server?.close());

const UNKNOWN = '01900000-0000-7000-8000-000000000000';

async function createHook(body: Record<string, unknown> = {}) {
  const response = await call(server.app, admin, 'POST', '/api/v1/webhooks', {
    name: 'CRM',
    url: 'https://crm.example.com/hooks/tend',
    ...body,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { webhook: any; secret: string };
}

async function auditFor(entityId: string) {
  const response = await call(server.app, admin, 'GET', `/api/v1/audit?entityId=${entityId}&limit=100`);
  return response.body.items as any[];
}

describe('creating and reading webhooks', () => {
  it('creates a webhook with defaults and shows the generated secret once', async () => {
    const { webhook, secret } = await createHook();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).toMatchObject({
      name: 'CRM',
      url: 'https://crm.example.com/hooks/tend',
      eventTypes: ['*'],
      organisationId: null,
      active: true,
      secretPrefix: secret.slice(0, 10),
    });
    const one = await call(server.app, admin, 'GET', `/api/v1/webhooks/${webhook.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(webhook);
    const list = await call(server.app, admin, 'GET', '/api/v1/webhooks?limit=100');
    expect(list.body.items.map((item: any) => item.id)).toContain(webhook.id);
    for (const response of [one, list]) expect(JSON.stringify(response.body)).not.toContain(secret);
  });

  it('limits a webhook to event types, prefixes and one organisation', async () => {
    const { webhook } = await createHook({
      eventTypes: ['ticket.*', 'ticket.closed', 'ticket.*'],
      organisationId: customerId,
      active: false,
    });
    expect(webhook).toMatchObject({
      eventTypes: ['ticket.*', 'ticket.closed'],
      organisationId: customerId,
      active: false,
    });
    const inactive = await call(server.app, admin, 'GET', '/api/v1/webhooks?active=false&limit=100');
    expect(inactive.body.items.every((item: any) => item.active === false)).toBe(true);
    expect(inactive.body.items.map((item: any) => item.id)).toContain(webhook.id);
  });

  it('pages through webhooks newest first', async () => {
    for (let n = 0; n < 3; n++) await createHook({ name: `page ${n}` });
    const first = await call(server.app, admin, 'GET', '/api/v1/webhooks?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await call(
      server.app,
      admin,
      'GET',
      `/api/v1/webhooks?limit=2&cursor=${first.body.nextCursor}`,
    );
    const ids = [...first.body.items, ...second.body.items].map((item: any) => item.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(new Set(ids).size).toBe(ids.length);
    expectFieldError(await call(server.app, admin, 'GET', '/api/v1/webhooks?cursor=forged'), 'query.cursor');
  });

  it('refuses bad input naming the field', async () => {
    const bad = (body: Record<string, unknown>) =>
      call(server.app, admin, 'POST', '/api/v1/webhooks', { name: 'x', url: 'https://ok.example', ...body });
    expectFieldError(await bad({ url: 'ftp://files.example.com/' }), 'body.url');
    expectFieldError(await bad({ url: 'not a url' }), 'body.url');
    expectFieldError(await bad({ url: 'https://user:pw@host.example/' }), 'body.url');
    expectFieldError(await bad({ url: `https://x.example/${'a'.repeat(2000)}` }), 'body.url');
    expectFieldError(await bad({ eventTypes: ['Ticket Created'] }), 'body.eventTypes.0');
    expectFieldError(await bad({ eventTypes: [] }), 'body.eventTypes');
    expectFieldError(await bad({ name: '  ' }), 'body.name');
    expectFieldError(await bad({ organisationId: UNKNOWN }), 'body.organisationId');
    expectFieldError(await bad({ secret: 'mine' }), 'body.secret');
    expectFieldError(await call(server.app, admin, 'POST', '/api/v1/webhooks', { name: 'x' }), 'body.url');
  });
});

describe('changing webhooks', () => {
  it('updates what was sent and audits before and after, never the secret', async () => {
    const { webhook, secret } = await createHook();
    const response = await call(server.app, admin, 'PATCH', `/api/v1/webhooks/${webhook.id}`, {
      url: 'http://new.example/hook',
      eventTypes: ['ticket.created'],
      active: false,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'CRM', url: 'http://new.example/hook', active: false });
    expectFieldError(
      await call(server.app, admin, 'PATCH', `/api/v1/webhooks/${webhook.id}`, {
        url: 'javascript:alert(1)',
      }),
      'body.url',
    );
    const entries = await auditFor(webhook.id);
    expect(entries.map((entry) => entry.action)).toEqual(['webhook.updated', 'webhook.created']);
    expect(entries[0].before.url).toBe('https://crm.example.com/hooks/tend');
    expect(entries[0].after.url).toBe('http://new.example/hook');
    expect(JSON.stringify(entries)).not.toContain(secret);
  });

  it('rotates the secret: the new one is shown once, the old one is gone', async () => {
    const { webhook, secret } = await createHook();
    const rotated = await call(server.app, admin, 'POST', `/api/v1/webhooks/${webhook.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    expect(rotated.body.webhook.secretPrefix).toBe(rotated.body.secret.slice(0, 10));
    const entries = await auditFor(webhook.id);
    expect(entries[0].action).toBe('webhook.secret_rotated');
    expect(JSON.stringify(entries)).not.toContain(secret);
    expect(JSON.stringify(entries)).not.toContain(rotated.body.secret);
  });

  it('deletes a webhook (audited); afterwards it is not found', async () => {
    const { webhook } = await createHook();
    const deleted = await call(server.app, admin, 'DELETE', `/api/v1/webhooks/${webhook.id}`);
    expect(deleted.status).toBe(204);
    expect((await call(server.app, admin, 'GET', `/api/v1/webhooks/${webhook.id}`)).status).toBe(404);
    expect((await call(server.app, admin, 'DELETE', `/api/v1/webhooks/${webhook.id}`)).status).toBe(404);
    const entries = await auditFor(webhook.id);
    expect(entries[0]).toMatchObject({ action: 'webhook.deleted', after: null });
    expect(entries[0].before.id).toBe(webhook.id);
  });
});

describe('who may manage webhooks', () => {
  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    for (const [method, path] of [
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['POST', '/rotate-secret'],
      ['POST', '/test'],
      ['GET', '/deliveries'],
      ['POST', '/deliveries/1/retry'],
    ] as const) {
      const response = await call(
        server.app,
        admin,
        method,
        `/api/v1/webhooks/${UNKNOWN}${path}`,
        method === 'PATCH' ? { name: 'x' } : undefined,
      );
      expect(response.status, `${method} ${path}`).toBe(404);
      expectErrorShape(response.body);
      expect(response.body.error.code).toBe('webhook.not_found');
    }
    expectFieldError(await call(server.app, admin, 'GET', '/api/v1/webhooks/nope'), 'params.id');
  });

  it('refuses every other role with 403, and reveals nothing', async () => {
    const { webhook } = await createHook();
    for (const [role, caller] of Object.entries(others)) {
      for (const [method, path, body] of [
        ['GET', '/api/v1/webhooks', undefined],
        ['POST', '/api/v1/webhooks', { name: 'x', url: 'https://x.example' }],
        ['GET', `/api/v1/webhooks/${webhook.id}`, undefined],
        ['PATCH', `/api/v1/webhooks/${webhook.id}`, { active: false }],
        ['DELETE', `/api/v1/webhooks/${webhook.id}`, undefined],
        ['POST', `/api/v1/webhooks/${webhook.id}/rotate-secret`, undefined],
        ['POST', `/api/v1/webhooks/${webhook.id}/test`, undefined],
        ['GET', `/api/v1/webhooks/${webhook.id}/deliveries`, undefined],
      ] as const) {
        const response = await call(server.app, caller, method, path, body);
        expect(response.status, `${role} ${method} ${path}`).toBe(403);
        expect(response.body.error.code).toBe('webhooks.forbidden');
      }
    }
    expect((await call(server.app, admin, 'GET', `/api/v1/webhooks/${webhook.id}`)).body.active).toBe(true);
  });

  it('needs the admin scope on API tokens, for reading too', async () => {
    const token = async (scopes: string[]) =>
      (await call(server.app, admin, 'POST', '/api/v1/auth/tokens', { name: 'hooks', scopes })).body.secret;
    const writer = { token: await token(['read', 'write']) };
    const administrator = { token: await token(['admin']) };
    const refused = await call(server.app, writer, 'GET', '/api/v1/webhooks');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('auth.insufficient_scope');
    expect((await call(server.app, administrator, 'GET', '/api/v1/webhooks')).status).toBe(200);
    const made = await call(server.app, administrator, 'POST', '/api/v1/webhooks', {
      name: 'by token',
      url: 'https://x.example/hook',
    });
    expect(made.status).toBe(201);
    expect((await auditFor(made.body.webhook.id))[0].actorType).toBe('token');
  });
});

describe('which webhooks an event goes to', () => {
  it('keeps staff-only events (internal notes) away from an organisation’s webhooks', async () => {
    const { webhooksWanting } = await import('../../src/features/webhooks/webhooks.repo.js');
    const global = (await createHook({ name: 'provider CRM', eventTypes: ['ticket.*'] })).webhook;
    const customers = (
      await createHook({ name: 'customer ITSM', eventTypes: ['ticket.*'], organisationId: customerId })
    ).webhook;
    const base = { type: 'ticket.noted', organisationId: customerId, aggregateId: UNKNOWN };
    const forNote = await webhooksWanting(server.database.db, { ...base, payload: { internal: true } });
    expect(forNote).toContain(global.id);
    expect(forNote).not.toContain(customers.id);
    const forReply = await webhooksWanting(server.database.db, {
      ...base,
      type: 'ticket.replied',
      payload: {},
    });
    expect(forReply).toEqual(expect.arrayContaining([global.id, customers.id]));
  });
});
