import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { expectErrorShape } from '../support/errors.js';
import { givenCustomer, givenProvider, givenUser, PASSWORD } from '../support/factories.js';
import { call, login } from '../support/http.js';

/**
 * Validation the schemas cannot do (it needs the data: uniqueness, organisation kinds, references),
 * and the one error shape on failures that never reach a handler. See validation.test.ts for the rest.
 */
let server: TestServer;
let admin: { cookie: string; csrfToken: string };
let providerId: string;
let customerId: string;
let requester: { id: string; email: string };
let agentId: string;

beforeAll(async () => {
  server = await startTestServer();
  const provider = await givenProvider(server.database.db);
  providerId = provider.providerId;
  customerId = (await givenCustomer(server.database.db)).id;
  requester = await givenUser(server.database.db, 'requester', customerId);
  agentId = (await givenUser(server.database.db, 'agent', null)).id;
  admin = await login(server.app, provider.admin.email, PASSWORD);
});
afterAll(async () => server?.close());

async function rejected(
  method: 'POST' | 'PATCH',
  url: string,
  payload: unknown,
  field: string | null,
  status = 400,
) {
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

describe('rules the schema cannot see', () => {
  it('refuses a second user with the same email, in any case (409 users.email_taken)', async () => {
    const error = await rejected(
      'POST',
      '/api/v1/users',
      newUser({ email: requester.email.toUpperCase() }),
      null,
      409,
    );
    expect(error.code).toBe('users.email_taken');
    const other = await call(server.app, admin, 'POST', '/api/v1/users', newUser());
    expect(other.status).toBe(201);
    const renamed = await rejected(
      'PATCH',
      `/api/v1/users/${other.body.id}`,
      { email: requester.email },
      null,
      409,
    );
    expect(renamed.code).toBe('users.email_taken');
  });

  it.each([
    ['requester', 'the provider', () => providerId],
    ['customer_manager', 'the provider', () => providerId],
    ['agent', 'a customer', () => customerId],
    ['admin', 'a customer', () => customerId],
  ])('refuses a %s in %s organisation (400 naming body.role)', async (role, _kind, organisation) => {
    await rejected('POST', '/api/v1/users', newUser({ role, organisationId: organisation() }), 'body.role');
  });

  it('refuses to move a user to a role that does not fit their organisation', async () => {
    await rejected('PATCH', `/api/v1/users/${requester.id}`, { role: 'agent' }, 'body.role');
  });

  it('refuses a team serving a non-customer or unknown organisation, or with a non-staff member', async () => {
    const provider = await rejected(
      'POST',
      '/api/v1/teams',
      { name: 'Bad', tier: 'L1', servedOrganisationIds: [providerId] },
      'body.servedOrganisationIds.0',
    );
    expect(provider.details.fields).toHaveLength(1);
    await rejected(
      'POST',
      '/api/v1/teams',
      { name: 'Bad', tier: 'L1', servedOrganisationIds: [customerId, randomUUID()] },
      'body.servedOrganisationIds.1',
    );
    const member = await rejected(
      'POST',
      '/api/v1/teams',
      { name: 'Bad', tier: 'L1', memberIds: [agentId, requester.id] },
      'body.memberIds.1',
    );
    expect(member.details.fields.map((entry: any) => entry.path)).toEqual(['body.memberIds.1']);
    const team = await call(server.app, admin, 'POST', '/api/v1/teams', {
      name: 'Good',
      tier: 'L1',
      servedOrganisationIds: [customerId],
    });
    expect(team.status).toBe(201);
    await rejected(
      'PATCH',
      `/api/v1/teams/${team.body.id}`,
      { servedOrganisationIds: [providerId] },
      'body.servedOrganisationIds.0',
    );
    const teams = await call(server.app, admin, 'GET', '/api/v1/teams?q=bad');
    expect(teams.body.items).toEqual([]);
  });

  it('stores nothing from a rejected request', async () => {
    const before = await server.database.pool.query('select count(*)::int as n from audit_log');
    await call(server.app, admin, 'POST', '/api/v1/users', newUser({ role: 'agent' }));
    await call(server.app, admin, 'POST', '/api/v1/organisations', { name: 'X', extra: 1 });
    const after = await server.database.pool.query('select count(*)::int as n from audit_log');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});

describe('the error shape on every kind of failure', () => {
  it.each([
    ['unauthenticated', null, 'GET', '/api/v1/users', 401],
    ['unknown route', 'admin', 'GET', '/api/v1/nothing-here', 404],
    ['wrong method', 'admin', 'PUT', '/api/v1/users', 404],
    ['bad login body', null, 'POST', '/api/v1/auth/login', 400],
  ] as const)('%s', async (_what, who, method, url, status) => {
    const response = await server.app.inject({
      method,
      url,
      headers: who ? { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken } : {},
      payload: method === 'POST' ? { email: 'x' } : undefined,
    });
    expect(response.statusCode).toBe(status);
    expectErrorShape(response.json());
  });
});
