import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { expectFieldError } from '../support/errors.js';
import { givenCustomer, givenProvider, givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';

/**
 * First run on an empty database, and passwords over real SMTP: reset links, invitations, changes.
 * Mail goes from the in-process worker through nodemailer to an smtp-server on a loopback port.
 */
const NEW_PASSWORD = 'a brand new passphrase';
const RELAXED = { TEND_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' };

describe('first-run setup', () => {
  const setup = (index: number) => ({
    organisationName: `Provider ${index}`,
    name: `First Admin ${index}`,
    email: `first-admin-${index}@provider.example`,
    password: PASSWORD,
  });

  it('is needed on an empty database, creates the provider and admin, signs in, and happens once', async () => {
    const server = await startTestServer({ env: RELAXED });
    try {
      expect((await call(server.app, null, 'GET', '/api/v1/setup')).body).toEqual({ needsSetup: true });
      expectFieldError(
        await call(server.app, null, 'POST', '/api/v1/setup', { ...setup(1), password: 'short' }),
        'body.password',
      );
      const done = await server.app.inject({ method: 'POST', url: '/api/v1/setup', payload: setup(1) });
      expect(done.statusCode).toBe(201);
      const session = done.json();
      expect(session.user).toMatchObject({
        email: 'first-admin-1@provider.example',
        role: 'admin',
        invitationPending: false,
      });
      expect(session.organisation).toMatchObject({ name: 'Provider 1', kind: 'provider' });
      const cookie = done.cookies.find((entry) => entry.name === 'tend_session');
      expect(cookie?.httpOnly).toBe(true);
      const caller = { cookie: `tend_session=${cookie!.value}`, csrfToken: session.csrfToken };
      expect((await call(server.app, caller, 'GET', '/api/v1/auth/session')).body.user.id).toBe(
        session.user.id,
      );
      expect(
        (await call(server.app, caller, 'POST', '/api/v1/organisations', { name: 'First Customer' })).status,
      ).toBe(201);
      expect((await call(server.app, null, 'GET', '/api/v1/setup')).body).toEqual({ needsSetup: false });

      const again = await call(server.app, null, 'POST', '/api/v1/setup', setup(2));
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('setup.already_done');
      const { rows } = await server.database.pool.query(
        `select kind, count(*)::int as n from organisations group by kind order by kind`,
      );
      expect(rows).toEqual([
        { kind: 'customer', n: 1 },
        { kind: 'provider', n: 1 },
      ]);
      const admins = await server.database.pool.query(`select email from users where role = 'admin'`);
      expect(admins.rows).toEqual([{ email: 'first-admin-1@provider.example' }]);
      const audit = await server.database.pool.query(
        `select actor_id from audit_log where action = 'setup.completed'`,
      );
      expect(audit.rows).toEqual([{ actor_id: session.user.id }]);
    } finally {
      await server.close();
    }
  });

  it('lets exactly one of several concurrent setups succeed', async () => {
    const server = await startTestServer({ env: RELAXED });
    try {
      const attempts = await Promise.all(
        [1, 2, 3, 4, 5].map((index) => call(server.app, null, 'POST', '/api/v1/setup', setup(index))),
      );
      expect(attempts.map((attempt) => attempt.status).sort()).toEqual([201, 409, 409, 409, 409]);
      for (const attempt of attempts.filter((candidate) => candidate.status === 409)) {
        expect(attempt.body.error.code).toBe('setup.already_done');
      }
      const { rows } = await server.database.pool.query(`select count(*)::int as n from users`);
      expect(rows[0].n).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('passwords over SMTP', () => {
  const inbox: { to: string[]; raw: string }[] = [];
  const clock = fixedClock(new Date());
  let smtp: SMTPServer;
  let server: TestServer;
  let admin: Caller;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, done) {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          raw += chunk;
        });
        stream.on('end', () => {
          inbox.push({ to: session.envelope.rcptTo.map((recipient) => recipient.address), raw });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    server = await startTestServer({
      clock,
      worker: true,
      env: { ...RELAXED, TEND_SMTP_URL: `smtp://127.0.0.1:${port}` },
    });
    const provider = await givenProvider(server.database.db);
    admin = await login(server.app, provider.admin.email, PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  /** The link's token from the newest mail to `to` (the body may be quoted-printable). */
  async function tokenMailedTo(to: string, count = 1): Promise<string> {
    await expect
      .poll(() => inbox.filter((mail) => mail.to.includes(to)).length, { timeout: 8000 })
      .toBe(count);
    const mail = inbox.filter((entry) => entry.to.includes(to)).at(-1)!;
    const body = mail.raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16)));
    const token = /\/reset-password\?token=([A-Za-z0-9_%-]+)/.exec(body)?.[1];
    expect(token, body).toBeTruthy();
    return decodeURIComponent(token!);
  }

  const requestReset = (email: string) =>
    call(server.app, null, 'POST', '/api/v1/auth/password-reset', { email });
  const confirm = (token: string, password = NEW_PASSWORD) =>
    call(server.app, null, 'POST', '/api/v1/auth/password-reset/confirm', { token, password });
  const signIn = (email: string, password: string) =>
    call(server.app, null, 'POST', '/api/v1/auth/login', { email, password });
  const alive = async (session: Caller) =>
    (await call(server.app, session, 'GET', '/api/v1/auth/session')).status === 200;

  it('mails a reset link, sets the new password with it once, and ends every session', async () => {
    const user = await givenUser(server.database.db, 'agent', null);
    const sessions = [
      await login(server.app, user.email, PASSWORD),
      await login(server.app, user.email, PASSWORD),
    ];
    const madeToken = await call(server.app, sessions[0]!, 'POST', '/api/v1/auth/tokens', {
      name: 'left behind',
      scopes: ['read'],
      expiresInDays: 30,
    });
    const apiToken = { token: madeToken.body.secret as string };
    expect((await call(server.app, apiToken, 'GET', '/api/v1/users')).status).toBe(200);
    const unknown = await requestReset('nobody-at-all@example.test');
    const known = await requestReset(user.email.toUpperCase());
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    const token = await tokenMailedTo(user.email);
    expect(inbox.filter((mail) => mail.to.includes('nobody-at-all@example.test'))).toEqual([]);

    expect((await confirm(token)).status).toBe(204);
    for (const session of sessions) expect(await alive(session)).toBe(false);
    // A reset may follow a takeover: tokens made before it stop working too.
    expect((await call(server.app, apiToken, 'GET', '/api/v1/users')).status).toBe(401);
    expect((await signIn(user.email, PASSWORD)).status).toBe(401);
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
    expectFieldError(await confirm(token, 'yet another passphrase'), 'body.token');
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('sends no mail for an unknown or deactivated address', async () => {
    const customer = await givenCustomer(server.database.db);
    const user = await givenUser(server.database.db, 'requester', customer.id);
    expect((await call(server.app, admin, 'POST', `/api/v1/users/${user.id}/deactivate`)).status).toBe(200);
    expect((await requestReset(user.email)).status).toBe(202);
    expect((await requestReset('still-nobody@example.test')).status).toBe(202);
    const marker = await givenUser(server.database.db, 'agent', null);
    await requestReset(marker.email);
    await tokenMailedTo(marker.email);
    expect(
      inbox.filter((mail) => mail.to.includes(user.email) || mail.to.includes('still-nobody@example.test')),
    ).toEqual([]);
  });

  it('lets only the newest reset link work', async () => {
    const user = await givenUser(server.database.db, 'agent', null);
    await requestReset(user.email);
    const first = await tokenMailedTo(user.email, 1);
    await requestReset(user.email);
    const second = await tokenMailedTo(user.email, 2);
    expectFieldError(await confirm(first), 'body.token');
    expect((await confirm(second)).status).toBe(204);
  });

  it('invites a user created without a password, who then chooses one', async () => {
    const customer = await call(server.app, admin, 'POST', '/api/v1/organisations', { name: 'Invitees Ltd' });
    const email = 'invited.person@invitees.example';
    const created = await call(server.app, admin, 'POST', '/api/v1/users', {
      organisationId: customer.body.id,
      name: 'Invited Person',
      email,
      role: 'customer_manager',
    });
    expect(created.status).toBe(201);
    expect(created.body.invitationPending).toBe(true);
    const token = await tokenMailedTo(email);
    expect(inbox.find((mail) => mail.to.includes(email))!.raw).toMatch(/Subject: .*invited/i);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(401);

    expect((await confirm(token)).status).toBe(204);
    const fetched = await call(server.app, admin, 'GET', `/api/v1/users/${created.body.id}`);
    expect(fetched.body.invitationPending).toBe(false);
    const session = await signIn(email, NEW_PASSWORD);
    expect(session.status).toBe(200);
    expect(session.body.user.invitationPending).toBe(false);
    expectFieldError(await confirm(token), 'body.token');
  });

  it('changes a password: the current one is checked, other sessions end, this one stays', async () => {
    const user = await givenUser(server.database.db, 'agent', null);
    const current = await login(server.app, user.email, PASSWORD);
    const other = await login(server.app, user.email, PASSWORD);
    const change = (currentPassword: string) =>
      call(server.app, current, 'POST', '/api/v1/auth/password', {
        currentPassword,
        newPassword: NEW_PASSWORD,
      });
    expectFieldError(await change('not my password'), 'body.currentPassword');
    expect(await alive(other)).toBe(true);
    expect((await change(PASSWORD)).status).toBe(204);
    expect(await alive(current)).toBe(true);
    expect(await alive(other)).toBe(false);
    expect((await signIn(user.email, PASSWORD)).status).toBe(401);
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('refuses an expired reset link (one hour) and an expired invitation (seven days)', async () => {
    const user = await givenUser(server.database.db, 'agent', null);
    await requestReset(user.email);
    const reset = await tokenMailedTo(user.email);
    const customer = await givenCustomer(server.database.db);
    const invite = async (email: string) => {
      const body = { organisationId: customer.id, name: 'Late', email, role: 'requester' };
      expect((await call(server.app, admin, 'POST', '/api/v1/users', body)).status).toBe(201);
      return await tokenMailedTo(email);
    };
    const [early, late] = [
      await invite('early.invitee@late.example'),
      await invite('late.invitee@late.example'),
    ];

    clock.advance(61 * 60_000);
    expectFieldError(await confirm(reset), 'body.token');
    expect((await signIn(user.email, PASSWORD)).status).toBe(200);
    expect((await confirm(early)).status).toBe(204);
    clock.advance(7 * 24 * 3600_000);
    expectFieldError(await confirm(late), 'body.token');
    expect((await signIn('late.invitee@late.example', NEW_PASSWORD)).status).toBe(401);
  });
});
