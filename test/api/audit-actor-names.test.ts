import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenCustomer, givenProvider, PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';

/**
 * The audit log names its actors: a reader sees "Ada Admin", not a UUID. The name is the user's as
 * it is now (a renamed user's old entries show the new name); the system has none.
 */
let server: TestServer;
let admin: Caller;
let adminId: string;

beforeAll(async () => {
  server = await startTestServer();
  const provider = await givenProvider(server.database.db);
  adminId = provider.admin.id;
  admin = await login(server.app, provider.admin.email, PASSWORD);
});
afterAll(async () => server?.close());

async function entriesFor(query: Record<string, string>) {
  const response = await call(
    server.app,
    admin,
    'GET',
    `/api/v1/audit?${new URLSearchParams({ limit: '100', ...query })}`,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items as { actorName: string | null; actorType: string; action: string }[];
}

describe('actor names in the audit log', () => {
  it('names the user who made a change, also through their API token, and follows a rename', async () => {
    await call(server.app, admin, 'PATCH', `/api/v1/users/${adminId}`, { name: 'Ada Admin' });
    const session = await call(server.app, admin, 'POST', '/api/v1/organisations', {
      name: 'Named By Session',
      domains: [],
    });
    expect(session.status).toBe(201);
    const token = await call(server.app, admin, 'POST', '/api/v1/auth/tokens', {
      name: 'writer',
      scopes: ['write'],
    });
    const byToken = await call(server.app, { token: token.body.secret }, 'POST', '/api/v1/organisations', {
      name: 'Named By Token',
      domains: [],
    });
    expect(byToken.status).toBe(201);

    const created = await entriesFor({ action: 'organisation.created', actorId: adminId });
    expect(created.map(({ actorType, actorName }) => [actorType, actorName])).toEqual([
      ['token', 'Ada Admin'],
      ['user', 'Ada Admin'],
    ]);

    await call(server.app, admin, 'PATCH', `/api/v1/users/${adminId}`, { name: 'Ada Lovelace' });
    const renamed = await entriesFor({ action: 'organisation.created', actorId: adminId });
    expect(renamed.map((entry) => entry.actorName)).toEqual(['Ada Lovelace', 'Ada Lovelace']);
  });

  it('has no name for the system', async () => {
    await givenCustomer(server.database.db, 'Seeded By The System');
    const [entry] = await entriesFor({ action: 'organisation.created', entityType: 'organisation' }).then(
      (entries) => entries.filter((candidate) => candidate.actorType === 'system'),
    );
    expect(entry).toMatchObject({ actorType: 'system', actorName: null });
  });
});
