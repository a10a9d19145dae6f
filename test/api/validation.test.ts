import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { expectErrorShape } from '../support/errors.js';
import { givenCustomer, givenProvider, PASSWORD } from '../support/factories.js';
import { call, login } from '../support/http.js';

/** Bad input is a 4xx in the one error shape, naming the field; never a 500, never stored. */
let server: TestServer;
let admin: { cookie: string; csrfToken: string };
let customerId: string;

beforeAll(async () => {
  server = await startTestServer();
  const provider = await givenProvider(server.database.db);
  customerId = (await givenCustomer(server.database.db)).id;
  admin = await login(server.app, provider.admin.email, PASSWORD);
});
afterAll(async () => server?.close());

type Method = 'GET' | 'POST' | 'PATCH';

async function rejected(method: Method, url: string, payload: unknown, field: string | null, status = 400) {
  const response = await call(server.app, admin, method, url, payload);
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expectErrorShape(response.body);
  if (field !== null) {
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.details.fields.map((entry: any) => entry.path)).toContain(field);
  }
  return response.body.error;
}

const newUser = (overrides: Record<string, unknown> = {}) => ({
  organisationId: customerId,
  name: 'Val Idation',
  email: `val-${randomUUID()}@example.test`,
  role: 'requester',
  password: PASSWORD,
  ...overrides,
});

describe('request bodies', () => {
  it.each([
    [
      'an unknown field',
      'POST',
      '/api/v1/organisations',
      { name: 'X', domains: [], colour: 'red' },
      'body.colour',
    ],
    [
      'an unknown field on update',
      'PATCH',
      '/api/v1/organisations/:customer',
      { kind: 'provider' },
      'body.kind',
    ],
    ['a number for a string', 'POST', '/api/v1/organisations', { name: 42 }, 'body.name'],
    ['an empty name', 'POST', '/api/v1/organisations', { name: '   ' }, 'body.name'],
    ['a string for a boolean', 'PATCH', '/api/v1/organisations/:customer', { active: 'yes' }, 'body.active'],
    [
      'a bad domain in a list',
      'PATCH',
      '/api/v1/organisations/:customer',
      { domains: ['ok.example', 'not a domain'] },
      'body.domains.1',
    ],
    [
      'a missing organisation',
      'POST',
      '/api/v1/users',
      newUser({ organisationId: undefined }),
      'body.organisationId',
    ],
    ['a missing email', 'POST', '/api/v1/users', newUser({ email: undefined }), 'body.email'],
    ['a bad email', 'POST', '/api/v1/users', newUser({ email: 'not-an-email' }), 'body.email'],
    ['a short password', 'POST', '/api/v1/users', newUser({ password: 'short' }), 'body.password'],
    ['an unknown role', 'POST', '/api/v1/users', newUser({ role: 'superuser' }), 'body.role'],
    [
      'a malformed organisation id',
      'POST',
      '/api/v1/users',
      newUser({ organisationId: 'nope' }),
      'body.organisationId',
    ],
    ['an unknown tier', 'POST', '/api/v1/teams', { name: 'T', tier: 'L9' }, 'body.tier'],
    [
      'a malformed member id',
      'POST',
      '/api/v1/teams',
      { name: 'T', tier: 'L1', memberIds: ['x'] },
      'body.memberIds.0',
    ],
    ['a body that is an array', 'POST', '/api/v1/organisations', [{ name: 'X' }], 'body'],
    [
      'a short new password',
      'POST',
      '/api/v1/auth/password',
      { currentPassword: PASSWORD, newPassword: 'short' },
      'body.newPassword',
    ],
    [
      'an unknown token scope',
      'POST',
      '/api/v1/auth/tokens',
      { name: 'x', scopes: ['root'] },
      'body.scopes.0',
    ],
  ] as const)('rejects %s', async (_what, method, url, payload, field) => {
    await rejected(method, url.replace(':customer', customerId), payload, field);
  });

  it('names every missing required field at once', async () => {
    const error = await rejected('POST', '/api/v1/users', {}, 'body.organisationId');
    const paths = error.details.fields.map((entry: any) => entry.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.organisationId', 'body.name', 'body.email', 'body.role']),
    );
  });

  it('names each unknown field on its own', async () => {
    const error = await rejected(
      'POST',
      '/api/v1/organisations',
      { name: 'X', colour: 'red', size: 3 },
      'body.colour',
    );
    expect(error.details.fields.map((entry: any) => entry.path).sort()).toEqual(['body.colour', 'body.size']);
  });

  it('answers 400 (not 500) for a body that is not JSON, and for an empty JSON body', async () => {
    for (const payload of ['{"name": "X",', 'not json at all', '']) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: {
          cookie: admin.cookie,
          'x-csrf-token': admin.csrfToken,
          'content-type': 'application/json',
        },
        payload,
      });
      expect(response.statusCode, payload).toBe(400);
      expectErrorShape(response.json());
    }
  });

  it.each([
    ['application/x-www-form-urlencoded', 'name=X', [415]],
    ['text/plain', 'name=X', [400, 415]],
    ['application/xml', '<organisation name="X"/>', [415]],
  ])('refuses a %s body as a client error', async (contentType, payload, statuses) => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': contentType },
      payload,
    });
    expect(statuses).toContain(response.statusCode);
    expectErrorShape(response.json());
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await call(server.app, admin, 'POST', '/api/v1/organisations', {
      name: 'X',
      domains: [],
      pad: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
    expectErrorShape(response.body);
  });
});

describe('path parameters', () => {
  it.each([
    ['GET', '/api/v1/organisations/:id', 'organisation'],
    ['PATCH', '/api/v1/organisations/:id', 'organisation'],
    ['GET', '/api/v1/users/:id', 'user'],
    ['PATCH', '/api/v1/users/:id', 'user'],
    ['POST', '/api/v1/users/:id/deactivate', 'user'],
    ['GET', '/api/v1/teams/:id', 'team'],
    ['PATCH', '/api/v1/teams/:id', 'team'],
  ] as const)(
    '%s %s: 400 for a malformed id, 404 for a well-formed unknown one',
    async (method, path, entity) => {
      const payload = method === 'PATCH' ? { name: 'Renamed' } : undefined;
      await rejected(method, path.replace(':id', 'not-a-uuid'), payload, 'params.id');
      await rejected(method, path.replace(':id', "1' or '1'='1"), payload, 'params.id');
      const missing = await rejected(method, path.replace(':id', randomUUID()), payload, null, 404);
      expect(missing.code).toBe(`${entity}.not_found`);
    },
  );
});

describe('query parameters', () => {
  it.each([
    ['/api/v1/users?limit=101', 'query.limit'],
    ['/api/v1/users?limit=0', 'query.limit'],
    ['/api/v1/users?limit=ten', 'query.limit'],
    ['/api/v1/users?sort=password', 'query.sort'],
    ['/api/v1/users?role=root', 'query.role'],
    ['/api/v1/users?active=maybe', 'query.active'],
    ['/api/v1/users?organisationId=abc', 'query.organisationId'],
    ['/api/v1/users?colour=red', 'query.colour'],
    ['/api/v1/teams?tier=L0', 'query.tier'],
    ['/api/v1/organisations?kind=vendor', 'query.kind'],
    ['/api/v1/audit?from=yesterday', 'query.from'],
    ['/api/v1/users?cursor=%%%', 'query.cursor'],
    ['/api/v1/users?cursor=bm90LWpzb24', 'query.cursor'],
  ])('GET %s → 400 naming %s', async (url, field) => {
    await rejected('GET', url, undefined, field);
  });

  const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
  it.each([
    ['users', 'name', { v: 'a', id: 'not-a-uuid' }],
    ['users', 'createdAt', { v: 'not a time', id: randomUUID() }],
    ['users', 'createdAt', { v: 12, id: randomUUID() }],
    ['organisations', '-createdAt', { v: '2026-13-45', id: randomUUID() }],
    ['teams', 'tier', { v: null, id: 'x' }],
    ['users', 'name', { v: { nested: true }, id: randomUUID() }],
    ['users', 'name', [1, 2]],
  ])('a forged %s cursor for sort=%s (%j) → 400 naming query.cursor', async (list, sort, key) => {
    await rejected('GET', `/api/v1/${list}?sort=${sort}&cursor=${forged(key)}`, undefined, 'query.cursor');
  });

  it('a forged audit cursor → 400 naming query.cursor', async () => {
    await rejected('GET', `/api/v1/audit?cursor=${forged({ v: 'x', id: 'x' })}`, undefined, 'query.cursor');
  });

  it('accepts the maximum limit of 100', async () => {
    expect((await call(server.app, admin, 'GET', '/api/v1/users?limit=100')).status).toBe(200);
  });
});
