import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenCustomer, givenProvider, givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';

/**
 * Every change leaves an audit entry (who, what, which, before/after, request id, when) in the same
 * transaction. Reading, filtering, append-only and secrets: audit-log.test.ts.
 */
const START = '2030-03-01T09:00:00.000Z';
const clock = fixedClock(START);
let server: TestServer;
let admin: Caller;
let adminId: string;
let customerId: string;

beforeAll(async () => {
  server = await startTestServer({ clock });
  const provider = await givenProvider(server.database.db);
  adminId = provider.admin.id;
  customerId = (await givenCustomer(server.database.db)).id;
  admin = await login(server.app, provider.admin.email, PASSWORD);
});
afterAll(async () => server?.close());

let requestCounter = 0;
/** A call with its own request id, one second after the previous one. */
async function change(caller: Caller, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  clock.advance(1000);
  const requestId = `test-req-${++requestCounter}`;
  const response = await call(server.app, caller, method, url, payload, { 'x-request-id': requestId });
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  expect(response.headers['x-request-id']).toBe(requestId);
  return { body: response.body, requestId, at: clock.now().toISOString() };
}

async function auditOf(query: Record<string, string>) {
  const response = await call(
    server.app,
    admin,
    'GET',
    `/api/v1/audit?${new URLSearchParams({ limit: '100', ...query })}`,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items as any[];
}

async function entryFor(requestId: string) {
  const entries = (await auditOf({})).filter((entry) => entry.requestId === requestId);
  expect(entries, requestId).toHaveLength(1);
  return entries[0];
}

describe('every change is recorded', () => {
  it('records an organisation update with actor, action, entity, before/after, request id and time', async () => {
    clock.advance(1000);
    const response = await call(
      server.app,
      admin,
      'PATCH',
      `/api/v1/organisations/${customerId}`,
      { name: 'Renamed Ltd' },
      { 'x-request-id': 'test-req-123' },
    );
    expect(response.status).toBe(200);
    const entries = await auditOf({ entityId: customerId, action: 'organisation.updated' });
    const entry = entries.find((candidate) => candidate.requestId === 'test-req-123');
    expect(entry).toMatchObject({
      actorId: adminId,
      actorType: 'user',
      action: 'organisation.updated',
      entityType: 'organisation',
      entityId: customerId,
      organisationId: customerId,
      at: clock.now().toISOString(),
    });
    expect(entry.before.name).not.toBe('Renamed Ltd');
    expect(entry.after.name).toBe('Renamed Ltd');
  });

  const cases: [string, string, () => Promise<{ id: string; requestId: string; at: string }>][] = [
    [
      'organisation.created',
      'organisation',
      async () => {
        const done = await change(admin, 'POST', '/api/v1/organisations', {
          name: 'Audited Org',
          domains: [],
        });
        return { id: done.body.id, ...done };
      },
    ],
    [
      'user.created',
      'user',
      async () => {
        const done = await change(admin, 'POST', '/api/v1/users', {
          organisationId: customerId,
          name: 'Aud Ited',
          email: 'aud@example.test',
          role: 'requester',
          password: PASSWORD,
        });
        return { id: done.body.id, ...done };
      },
    ],
    [
      'user.updated',
      'user',
      async () => {
        const user = await givenUser(server.database.db, 'requester', customerId);
        return {
          id: user.id,
          ...(await change(admin, 'PATCH', `/api/v1/users/${user.id}`, { name: 'New Name' })),
        };
      },
    ],
    [
      'user.deactivated',
      'user',
      async () => {
        const user = await givenUser(server.database.db, 'requester', customerId);
        return { id: user.id, ...(await change(admin, 'POST', `/api/v1/users/${user.id}/deactivate`)) };
      },
    ],
    [
      'user.reactivated',
      'user',
      async () => {
        const user = await givenUser(server.database.db, 'requester', customerId);
        await change(admin, 'POST', `/api/v1/users/${user.id}/deactivate`);
        return { id: user.id, ...(await change(admin, 'POST', `/api/v1/users/${user.id}/reactivate`)) };
      },
    ],
    [
      'team.created',
      'team',
      async () => {
        const done = await change(admin, 'POST', '/api/v1/teams', {
          name: 'Audited Team',
          tier: 'L2',
          servedOrganisationIds: [customerId],
        });
        return { id: done.body.id, ...done };
      },
    ],
    [
      'team.updated',
      'team',
      async () => {
        const team = await change(admin, 'POST', '/api/v1/teams', { name: 'Team To Change', tier: 'L1' });
        return {
          id: team.body.id,
          ...(await change(admin, 'PATCH', `/api/v1/teams/${team.body.id}`, { tier: 'L3' })),
        };
      },
    ],
    [
      'api_token.created',
      'api_token',
      async () => {
        const done = await change(admin, 'POST', '/api/v1/auth/tokens', {
          name: 'audited',
          scopes: ['read'],
        });
        return { id: done.body.token.id, ...done };
      },
    ],
    [
      'api_token.revoked',
      'api_token',
      async () => {
        const token = await change(admin, 'POST', '/api/v1/auth/tokens', {
          name: 'to revoke',
          scopes: ['read'],
        });
        return {
          id: token.body.token.id,
          ...(await change(admin, 'DELETE', `/api/v1/auth/tokens/${token.body.token.id}`)),
        };
      },
    ],
    [
      'auth.password_changed',
      'user',
      async () => {
        const user = await givenUser(server.database.db, 'agent', null);
        const session = await login(server.app, user.email, PASSWORD);
        return {
          id: user.id,
          ...(await change(session, 'POST', '/api/v1/auth/password', {
            currentPassword: PASSWORD,
            newPassword: 'another long password',
          })),
        };
      },
    ],
  ];

  it.each(cases)('%s on a %s', async (action, entityType, act) => {
    const done = await act();
    const entry = await entryFor(done.requestId);
    expect(entry).toMatchObject({ action, entityType, entityId: done.id, at: done.at, actorType: 'user' });
    expect(entry.actorId).toEqual(expect.any(String));
    if (action.endsWith('.updated') || action.endsWith('activated')) {
      expect(entry.before).not.toBeNull();
      expect(entry.after).not.toEqual(entry.before);
    }
    if (action.endsWith('.created')) expect(entry.after.id).toBe(done.id);
  });

  it('records a change made with an API token as done by the token, for its user', async () => {
    const created = await change(admin, 'POST', '/api/v1/auth/tokens', { name: 'writer', scopes: ['write'] });
    const done = await change({ token: created.body.secret }, 'POST', '/api/v1/organisations', {
      name: 'By Token',
      domains: [],
    });
    expect(await entryFor(done.requestId)).toMatchObject({
      actorType: 'token',
      actorId: adminId,
      action: 'organisation.created',
    });
  });

  it('records sign-ins, failed sign-ins and sign-outs', async () => {
    const user = await givenUser(server.database.db, 'agent', null);
    clock.advance(1000);
    await call(server.app, null, 'POST', '/api/v1/auth/login', {
      email: user.email,
      password: 'wrong password!',
    });
    const session = await login(server.app, user.email, PASSWORD);
    await change(session, 'POST', '/api/v1/auth/logout');
    const actions = (await auditOf({ entityId: user.id })).map((entry) => entry.action);
    expect(actions).toEqual(['auth.logout', 'auth.login', 'auth.login_failed', 'user.created']);
  });

  it('records nothing for a change that was refused', async () => {
    const before = await auditOf({});
    const user = await givenUser(server.database.db, 'requester', customerId);
    const session = await login(server.app, user.email, PASSWORD);
    const refused = await call(server.app, session, 'PATCH', `/api/v1/organisations/${customerId}`, {
      name: 'Hijacked',
    });
    expect(refused.status).toBe(403);
    const after = await auditOf({});
    expect(after.filter((entry) => entry.action === 'organisation.updated')).toHaveLength(
      before.filter((entry) => entry.action === 'organisation.updated').length,
    );
  });
});
