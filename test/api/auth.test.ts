import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenProvider, givenUser, PASSWORD } from '../support/factories.js';
import { call, login } from '../support/http.js';

let server: TestServer;
let adminEmail: string;

beforeAll(async () => {
  server = await startTestServer({ env: { TEND_LOGIN_MAX_FAILURES: '3', TEND_LOGIN_LOCKOUT_MINUTES: '15' } });
  adminEmail = (await givenProvider(server.database.db)).admin.email;
});
afterAll(async () => server?.close());

describe('sign-in', () => {
  it('signs in with the right password and sets an HttpOnly, SameSite session cookie', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: adminEmail, password: PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^tend_session=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    const body = response.json();
    expect(body.user.email).toBe(adminEmail);
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.csrfToken).toEqual(expect.any(String));
  });

  it('accepts the email in any case', async () => {
    await expect(login(server.app, adminEmail.toUpperCase(), PASSWORD)).resolves.toBeTruthy();
  });

  it('answers 401 with one message for a wrong password and for an unknown email', async () => {
    const wrong = await call(server.app, null, 'POST', '/api/v1/auth/login', {
      email: adminEmail,
      password: 'nope-nope-nope',
    });
    const unknown = await call(server.app, null, 'POST', '/api/v1/auth/login', {
      email: 'nobody@example.test',
      password: 'whatever-it-is',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('auth.invalid_credentials');
    expect(unknown.body.error).toEqual(wrong.body.error);
  });

  it('locks an account after repeated failures, even for the right password, and says when to retry', async () => {
    const agent = await givenUser(server.database.db, 'agent', null);
    for (let attempt = 0; attempt < 3; attempt++) {
      const failed = await call(server.app, null, 'POST', '/api/v1/auth/login', {
        email: agent.email,
        password: 'wrong-password-1',
      });
      expect(failed.status).toBe(401);
    }
    const locked = await call(server.app, null, 'POST', '/api/v1/auth/login', {
      email: agent.email,
      password: PASSWORD,
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('auth.locked');
    expect(locked.body.error.details.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(locked.headers['retry-after']).toBeDefined();
    const audit = await server.database.pool.query(
      `select action from audit_log where entity_id = $1 order by id`,
      [agent.id],
    );
    expect(audit.rows.map((row) => row.action)).toContain('auth.locked_out');
  });

  it('rejects a deactivated user', async () => {
    const agent = await givenUser(server.database.db, 'agent', null);
    await server.database.pool.query('update users set active = false where id = $1', [agent.id]);
    const response = await call(server.app, null, 'POST', '/api/v1/auth/login', {
      email: agent.email,
      password: PASSWORD,
    });
    expect(response.status).toBe(401);
  });

  it('ends the session on logout', async () => {
    const session = await login(server.app, adminEmail, PASSWORD);
    expect((await call(server.app, session, 'GET', '/api/v1/auth/session')).status).toBe(200);
    expect((await call(server.app, session, 'POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await call(server.app, session, 'GET', '/api/v1/auth/session')).status).toBe(401);
  });
});

describe('CSRF protection for cookie-authenticated writes', () => {
  it('refuses a write without the CSRF header, and with a wrong one', async () => {
    const session = await login(server.app, adminEmail, PASSWORD);
    const body = { name: 'No CSRF Inc', domains: [] };
    const missing = await call(server.app, session, 'POST', '/api/v1/organisations', body, {
      'x-csrf-token': '',
    });
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('auth.csrf_failed');
    const wrong = await call(server.app, session, 'POST', '/api/v1/organisations', body, {
      'x-csrf-token': 'forged',
    });
    expect(wrong.status).toBe(403);
    const right = await call(server.app, session, 'POST', '/api/v1/organisations', body);
    expect(right.status).toBe(201);
  });

  it('lets reads through without the header', async () => {
    const session = await login(server.app, adminEmail, PASSWORD);
    expect((await call(server.app, session, 'GET', '/api/v1/organisations')).status).toBe(200);
  });
});

describe('API tokens', () => {
  it('shows the secret once, stores only a hash, and limits by scope', async () => {
    const session = await login(server.app, adminEmail, PASSWORD);
    const created = await call(server.app, session, 'POST', '/api/v1/auth/tokens', {
      name: 'ci',
      scopes: ['read'],
      expiresInDays: 30,
    });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^tend_/);
    const stored = await server.database.pool.query('select token_hash from api_tokens where id = $1', [
      created.body.token.id,
    ]);
    expect(stored.rows[0].token_hash).not.toContain(secret);
    const listed = await call(server.app, session, 'GET', '/api/v1/auth/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const token = { token: secret };
    expect((await call(server.app, token, 'GET', '/api/v1/organisations')).status).toBe(200);
    const write = await call(server.app, token, 'POST', '/api/v1/organisations', {
      name: 'Scoped',
      domains: [],
    });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('auth.insufficient_scope');
    const audit = await call(server.app, token, 'GET', '/api/v1/audit');
    expect(audit.status).toBe(403);
  });

  it('needs no CSRF header (not a cookie) and can write with the write scope', async () => {
    const session = await login(server.app, adminEmail, PASSWORD);
    const created = await call(server.app, session, 'POST', '/api/v1/auth/tokens', {
      name: 'writer',
      scopes: ['write'],
      expiresInDays: null,
    });
    const write = await call(server.app, { token: created.body.secret }, 'POST', '/api/v1/organisations', {
      name: 'Token Org',
      domains: [],
    });
    expect(write.status).toBe(201);
  });

  it('stops working when revoked or expired', async () => {
    const session = await login(server.app, adminEmail, PASSWORD);
    const created = await call(server.app, session, 'POST', '/api/v1/auth/tokens', {
      name: 'short',
      scopes: ['read'],
      expiresInDays: 1,
    });
    const token = { token: created.body.secret };
    expect((await call(server.app, token, 'GET', '/api/v1/users')).status).toBe(200);
    await server.database.pool.query(
      `update api_tokens set expires_at = now() - interval '1 second' where id = $1`,
      [created.body.token.id],
    );
    const expired = await call(server.app, token, 'GET', '/api/v1/users');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('auth.invalid_token');

    const other = await call(server.app, session, 'POST', '/api/v1/auth/tokens', {
      name: 'revoke me',
      scopes: ['read'],
      expiresInDays: 1,
    });
    expect(
      (await call(server.app, session, 'DELETE', `/api/v1/auth/tokens/${other.body.token.id}`)).status,
    ).toBe(204);
    expect((await call(server.app, { token: other.body.secret }, 'GET', '/api/v1/users')).status).toBe(401);
  });

  it('does not let a non-admin grant the admin scope', async () => {
    const agent = await givenUser(server.database.db, 'agent', null);
    const session = await login(server.app, agent.email, PASSWORD);
    const response = await call(server.app, session, 'POST', '/api/v1/auth/tokens', {
      name: 'x',
      scopes: ['admin'],
      expiresInDays: 1,
    });
    expect(response.status).toBe(403);
  });

  it('answers 401 for a malformed Authorization header', async () => {
    const response = await call(server.app, null, 'GET', '/api/v1/users', undefined, {
      authorization: 'Basic abc',
    });
    expect(response.status).toBe(401);
  });
});
