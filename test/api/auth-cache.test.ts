import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { givenCustomer, givenProvider, givenTeam, givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';

/**
 * The caller cache (features/auth/caller-cache.ts) on two servers sharing one database: a
 * remembered session or token costs no query, and is forgotten at once by the server that made a
 * change and within moments by the other one (and after hand-written SQL) through the database's
 * notifications. While the LISTEN connection is down nothing is remembered.
 */
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...inner: unknown[]) => unknown).apply(this, args);
} as typeof query;

let database: TestDatabase;
let one: TestServer;
let two: TestServer;
let adminSession: Caller;
let agent: { id: string; email: string };
let customerId: string;
let teamId: string;

const env = { TEND_AUTH_CACHE_SECONDS: '30' };

async function queriesOf(server: TestServer, caller: Caller, url: string) {
  const before = statements;
  const response = await call(server.app, caller, 'GET', url);
  return { status: response.status, queries: statements - before };
}

/** Retry until `check` passes (notifications arrive asynchronously), at most ~3 s. */
async function eventually(check: () => Promise<void>) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt >= 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function remembered(server: TestServer, caller: Caller) {
  await eventually(async () => {
    await queriesOf(server, caller, '/api/v1/auth/whoami');
    expect((await queriesOf(server, caller, '/api/v1/auth/whoami')).queries).toBe(0);
  });
}

async function newToken(session: Caller, name: string) {
  const created = await call(one.app, session, 'POST', '/api/v1/auth/tokens', {
    name,
    scopes: ['read'],
    expiresInDays: 1,
  });
  expect(created.status).toBe(201);
  return { id: created.body.token.id as string, caller: { token: created.body.secret as string } };
}

beforeAll(async () => {
  database = await createTestDatabase();
  one = await startTestServer({ database, env });
  two = await startTestServer({ database, env });
  const { admin } = await givenProvider(database.db);
  adminSession = await login(one.app, admin.email, PASSWORD);
  customerId = (await givenCustomer(database.db)).id;
  agent = await givenUser(database.db, 'agent', null);
  teamId = (await givenTeam(database.db, 'L1', [customerId], [agent.id])).id;
});
afterAll(async () => {
  await one?.close();
  await two?.close();
  await database?.drop();
});

describe('the caller cache', () => {
  it('answers a remembered token or session without a query', async () => {
    const { caller } = await newToken(adminSession, 'cached');
    await remembered(one, caller);
    await remembered(two, caller);
    await remembered(two, adminSession);
    const me = await call(two.app, caller, 'GET', '/api/v1/auth/whoami');
    expect(me.body).toMatchObject({ method: 'token', role: 'admin', scopes: ['read'] });
  });

  it('a revoked token stops at once on the server that revoked it, and soon on the other', async () => {
    const token = await newToken(adminSession, 'revoke me');
    await remembered(one, token.caller);
    await remembered(two, token.caller);
    const revoked = await call(one.app, adminSession, 'DELETE', `/api/v1/auth/tokens/${token.id}`);
    expect(revoked.status).toBe(204);
    expect((await queriesOf(one, token.caller, '/api/v1/auth/whoami')).status).toBe(401);
    await eventually(async () => {
      expect((await queriesOf(two, token.caller, '/api/v1/auth/whoami')).status).toBe(401);
    });
  });

  it('follows changes made by hand in the database (a deactivated user, an expired token)', async () => {
    const user = await givenUser(database.db, 'service_manager', null);
    const session = await login(one.app, user.email, PASSWORD);
    const token = await newToken(adminSession, 'expire me');
    await remembered(two, session);
    await remembered(two, token.caller);
    await database.pool.query('update users set active = false where id = $1', [user.id]);
    await database.pool.query(
      `update api_tokens set expires_at = now() - interval '1 second' where id = $1`,
      [token.id],
    );
    await eventually(async () => {
      expect((await queriesOf(two, session, '/api/v1/auth/whoami')).status).toBe(401);
      expect((await queriesOf(two, token.caller, '/api/v1/auth/whoami')).status).toBe(401);
    });
  });

  it("an agent's organisation scope follows team membership on both servers", async () => {
    const session = await login(two.app, agent.email, PASSWORD);
    const ticket = await call(one.app, adminSession, 'POST', '/api/v1/tickets', {
      subject: 'Scope check',
      description: 'Who can see this?',
      requesterId: (await givenUser(database.db, 'requester', customerId)).id,
    });
    expect(ticket.status).toBe(201);
    await remembered(two, session);
    expect((await call(two.app, session, 'GET', `/api/v1/tickets/${ticket.body.id}`)).status).toBe(200);
    const moved = await call(one.app, adminSession, 'PATCH', `/api/v1/teams/${teamId}`, { memberIds: [] });
    expect(moved.status).toBe(200);
    await eventually(async () => {
      expect((await call(two.app, session, 'GET', `/api/v1/tickets/${ticket.body.id}`)).status).toBe(404);
    });
  });

  it('keeps remembered callers after opening a ticket, forgets them after other writes', async () => {
    const requesterId = (await givenUser(database.db, 'requester', customerId)).id;
    await remembered(one, adminSession);
    const opened = await call(one.app, adminSession, 'POST', '/api/v1/tickets', {
      subject: 'Kept',
      description: 'Opening a ticket changes no caller.',
      requesterId,
    });
    expect(opened.status).toBe(201);
    expect((await queriesOf(one, adminSession, '/api/v1/auth/whoami')).queries).toBe(0);
    await newToken(adminSession, 'forget after me');
    expect((await queriesOf(one, adminSession, '/api/v1/auth/whoami')).queries).toBeGreaterThan(0);
  });

  it('a session that logged out on one server is refused by the other', async () => {
    const user = await givenUser(database.db, 'agent', null);
    const session = await login(one.app, user.email, PASSWORD);
    await remembered(two, session);
    expect((await call(one.app, session, 'POST', '/api/v1/auth/logout')).status).toBe(204);
    await eventually(async () => {
      expect((await queriesOf(two, session, '/api/v1/auth/whoami')).status).toBe(401);
    });
  });

  it('remembers nothing while its LISTEN connection is down, and again once it is back', async () => {
    const { caller } = await newToken(adminSession, 'gap');
    await remembered(two, caller);
    await database.pool.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = 'tend-listen' and datname = current_database()`,
    );
    await eventually(async () => {
      expect((await queriesOf(two, caller, '/api/v1/auth/whoami')).queries).toBeGreaterThan(0);
    });
    // Reconnected (after about a second): remembered again.
    await remembered(two, caller);
  });
});
