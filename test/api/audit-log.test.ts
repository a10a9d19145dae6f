import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import type { MailMessage } from '../../src/platform/mailer.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenCustomer, givenProvider, givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';

/**
 * The audit log as a record: only admins read it (filters, pages, newest first), the database refuses
 * to rewrite it, and no secret ever lands in it. What each change records: audit.test.ts.
 */
const START = '2030-03-01T09:00:00.000Z';
const clock = fixedClock(START);
let server: TestServer;
let admin: Caller;
let adminId: string;
let customerId: string;
const mails: MailMessage[] = [];

beforeAll(async () => {
  const mailer = {
    send: async (mail: MailMessage) => {
      mails.push(mail);
      return { messageId: null };
    },
    close() {},
  };
  server = await startTestServer({ clock, worker: true, mailer });
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

describe('reading the audit log', () => {
  it('filters by action, entity type, entity, actor and time, newest first', async () => {
    const org = await change(admin, 'POST', '/api/v1/organisations', { name: 'Filter Me', domains: [] });
    const from = new Date(clock.now().getTime() + 1).toISOString();
    const first = await change(admin, 'PATCH', `/api/v1/organisations/${org.body.id}`, {
      name: 'Filter Me 2',
    });
    const second = await change(admin, 'PATCH', `/api/v1/organisations/${org.body.id}`, {
      name: 'Filter Me 3',
    });
    const to = new Date(clock.now().getTime() + 1).toISOString();
    const byEntity = await auditOf({ entityType: 'organisation', entityId: org.body.id });
    expect(byEntity.map((entry) => entry.requestId)).toEqual([
      second.requestId,
      first.requestId,
      org.requestId,
    ]);
    const byAction = await auditOf({ action: 'organisation.updated', entityId: org.body.id });
    expect(byAction.map((entry) => entry.requestId)).toEqual([second.requestId, first.requestId]);
    const inWindow = await auditOf({ from, to });
    expect(inWindow.map((entry) => entry.requestId)).toEqual([second.requestId, first.requestId]);
    const upTo = await auditOf({ entityId: org.body.id, to: second.at });
    expect(upTo.map((entry) => entry.requestId)).toEqual([first.requestId, org.requestId]);
    const byActor = await auditOf({ actorId: adminId });
    expect(byActor.length).toBeGreaterThan(3);
    expect(byActor.every((entry) => entry.actorId === adminId)).toBe(true);
    expect(await auditOf({ actorId: adminId, entityType: 'nothing' })).toEqual([]);
  });

  it('pages through the log without duplicates or gaps', async () => {
    for (let index = 0; index < 20; index++) {
      await change(admin, 'POST', '/api/v1/organisations', { name: `Paged ${index}`, domains: [] });
    }
    const { rows } = await server.database.pool.query(
      'select id::text as id from audit_log order by audit_log.id desc',
    );
    expect(rows.length).toBeGreaterThan(20);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { limit: '7', ...(cursor ? { cursor } : {}) };
      const response = await call(server.app, admin, 'GET', `/api/v1/audit?${new URLSearchParams(query)}`);
      seen.push(...response.body.items.map((entry: any) => entry.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(rows.map((row) => row.id));
  });

  it.each(['service_manager', 'agent', 'customer_manager', 'requester'] as const)(
    'refuses a %s (403)',
    async (role) => {
      const user = await givenUser(
        server.database.db,
        role,
        role.startsWith('customer') || role === 'requester' ? customerId : null,
      );
      const response = await call(
        server.app,
        await login(server.app, user.email, PASSWORD),
        'GET',
        '/api/v1/audit',
      );
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('audit.forbidden');
    },
  );

  it('needs the admin scope on an API token, even an administrator’s', async () => {
    const readOnly = await change(admin, 'POST', '/api/v1/auth/tokens', {
      name: 'ro',
      scopes: ['read', 'write'],
    });
    expect((await call(server.app, { token: readOnly.body.secret }, 'GET', '/api/v1/audit')).status).toBe(
      403,
    );
    const withAdmin = await change(admin, 'POST', '/api/v1/auth/tokens', { name: 'adm', scopes: ['admin'] });
    expect((await call(server.app, { token: withAdmin.body.secret }, 'GET', '/api/v1/audit')).status).toBe(
      200,
    );
  });
});

describe('the log itself', () => {
  it.each([
    ['UPDATE', "update audit_log set action = 'forged'"],
    ['DELETE', 'delete from audit_log'],
    ['TRUNCATE', 'truncate audit_log'],
  ])('refuses %s at the database level', async (_what, statement) => {
    const before = await server.database.pool.query(
      'select count(*)::int as n, max(id) as last from audit_log',
    );
    await expect(server.database.pool.query(statement)).rejects.toThrow(/append-only/);
    const after = await server.database.pool.query(
      'select count(*)::int as n, max(id) as last from audit_log',
    );
    expect(after.rows[0]).toEqual(before.rows[0]);
    const forged = await server.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'forged'`,
    );
    expect(forged.rows[0].n).toBe(0);
  });

  it('never holds a password, a password hash, a token secret, a reset link or a session secret', async () => {
    const user = await givenUser(server.database.db, 'customer_manager', customerId);
    const loginResponse = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
    });
    const sessionSecret = loginResponse.cookies.find((cookie) => cookie.name === 'tend_session')!.value;
    const session = { cookie: `tend_session=${sessionSecret}`, csrfToken: loginResponse.json().csrfToken };
    const token = await change(session, 'POST', '/api/v1/auth/tokens', { name: 'secret', scopes: ['read'] });
    await change(session, 'POST', '/api/v1/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'the newer secret phrase',
    });
    await change(admin, 'PATCH', `/api/v1/users/${user.id}`, { name: 'Still Secret' });
    await call(server.app, null, 'POST', '/api/v1/auth/password-reset', { email: user.email });
    await expect.poll(() => mails.find((mail) => mail.to === user.email), { timeout: 5000 }).toBeTruthy();
    const resetToken = /token=(\S+)/.exec(mails.find((mail) => mail.to === user.email)!.text)?.[1];
    expect(resetToken).toBeTruthy();
    const hashes = await server.database.pool.query(
      'select password_hash from users where password_hash is not null',
    );
    const { rows } = await server.database.pool.query(
      'select coalesce(json_agg(a), $$[]$$)::text as text from audit_log a',
    );
    const text: string = rows[0].text;
    expect(text).toContain(user.id);
    const secrets = [
      PASSWORD,
      'the newer secret phrase',
      token.body.secret,
      decodeURIComponent(resetToken!),
      sessionSecret,
      session.csrfToken,
    ];
    for (const secret of [...secrets, ...hashes.rows.map((row) => row.password_hash)])
      expect(text).not.toContain(secret);
    for (const word of ['$argon2', 'passwordHash', 'password_hash', 'tokenHash', 'token_hash', 'csrf'])
      expect(text).not.toContain(word);
  });
});
