import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { expectFieldError } from '../support/errors.js';
import { givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';

/*
 * SLA policies as an administrator keeps them, and which policy a ticket runs under: none without
 * a default, the default, its organisation's choice (for new tickets only), or one set on the
 * ticket itself (recorded in its SLA timeline). Who may read a ticket's SLA explanation.
 */

const clock = fixedClock('2026-03-30T07:00:00Z'); // Monday 09:00 in Berlin (CEST)
let server: TestServer;
let desk: Desk;
let serviceManager: Caller;
let berlin: string;
let utc: string;
const policies = { standard: '', gold: '' };

beforeAll(async () => {
  server = await startTestServer({ clock });
  desk = await givenDesk(server);
  serviceManager = await login(
    server.app,
    (await givenUser(server.database.db, 'service_manager', desk.providerId)).email,
    PASSWORD,
  );
  const calendar = (name: string, preset: string, timezone: string) =>
    call(server.app, desk.callers.admin, 'POST', '/api/v1/calendars', { name, preset, timezone });
  berlin = (await calendar('Berlin 8/5', '8/5', 'Europe/Berlin')).body.id;
  utc = (await calendar('Round the clock', '24/7', 'UTC')).body.id;
});
afterAll(async () => server?.close());

const admin = () => desk.callers.admin;
const createPolicy = (body: Record<string, unknown>, caller: Caller = admin()) =>
  call(server.app, caller, 'POST', '/api/v1/sla/policies', body);
const defaults = async () =>
  (await call(server.app, admin(), 'GET', '/api/v1/sla/policies')).body.items
    .filter((policy: { isDefault: boolean }) => policy.isDefault)
    .map((policy: { name: string }) => policy.name);
const openTicket = async (caller: Caller = desk.callers.requester) =>
  (
    await call(server.app, caller, 'POST', '/api/v1/tickets', {
      subject: 'VPN down',
      description: 'Since 8.',
    })
  ).body;
const explain = (id: string, caller: Caller = desk.callers.agent1) =>
  call(server.app, caller, 'GET', `/api/v1/tickets/${id}/sla`);
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('SLA policies', () => {
  it('without any default policy, a new ticket has no timers and no due time', async () => {
    const ticket = await openTicket();
    expect(ticket.slaDueAt).toBeNull();
    const sla = await explain(ticket.id);
    expect(sla.body).toMatchObject({ policy: null, calendar: null, targets: [], pauses: [] });
    expect(sla.body.timeline).toEqual([
      expect.objectContaining({ kind: 'started', reason: 'ticket created; no SLA policy applies' }),
    ]);
  });

  it('are created, read and changed by admins only; staff read them, customers get 403', async () => {
    const standard = await createPolicy({
      name: 'Standard',
      calendarId: berlin,
      isDefault: true,
      targets: { P3: { firstResponse: 60, nextResponse: 120, resolution: 480 }, P1: { firstResponse: 15 } },
    });
    expect(standard.status).toBe(201);
    expect(standard.body).toMatchObject({
      pauseStatuses: ['pending_customer'],
      warningPercent: 75,
      version: 1,
    });
    policies.standard = standard.body.id;
    const gold = await createPolicy({
      name: 'Gold',
      calendarId: utc,
      targets: { P3: { firstResponse: 30, resolution: 240 } },
      pauseStatuses: ['pending_customer', 'pending_third_party'],
      warningPercent: 50,
    });
    policies.gold = gold.body.id;
    expect(await defaults()).toEqual(['Standard']);
    const url = `/api/v1/sla/policies/${policies.gold}`;
    const edited = await call(server.app, admin(), 'PATCH', url, { warningPercent: 60 });
    expect(edited.body).toMatchObject({ warningPercent: 60, version: 2, isDefault: false });
    for (const staff of [serviceManager, desk.callers.agent1]) {
      expect((await call(server.app, staff, 'GET', url)).body.name).toBe('Gold');
      expect((await call(server.app, staff, 'GET', '/api/v1/sla/policies')).body.items).toHaveLength(2);
    }
    // Service managers own SLAs (DOMAIN.md); agents only read them.
    expect(
      (await createPolicy({ name: 'Mine', calendarId: utc, targets: {} }, desk.callers.agent1)).status,
    ).toBe(403);
    expect((await call(server.app, desk.callers.agent1, 'PATCH', url, { warningPercent: 10 })).status).toBe(
      403,
    );
    expect((await call(server.app, serviceManager, 'PATCH', url, { warningPercent: 60 })).status).toBe(200);
    for (const customer of [desk.callers.manager, desk.callers.requester]) {
      expect((await call(server.app, customer, 'GET', url)).status).toBe(403);
      expect((await call(server.app, customer, 'GET', '/api/v1/sla/policies')).status).toBe(403);
      expect((await createPolicy({ name: 'Ours', calendarId: utc, targets: {} }, customer)).status).toBe(403);
    }
    expect((await call(server.app, admin(), 'GET', `/api/v1/sla/policies/${UNKNOWN}`)).status).toBe(404);
    expect(
      (await call(server.app, admin(), 'PATCH', `/api/v1/sla/policies/${UNKNOWN}`, { name: 'x' })).status,
    ).toBe(404);
    const taken = await createPolicy({ name: 'gold', calendarId: utc, targets: {} });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('sla_policies.name_taken');
  });

  it.each([
    [{ targets: { P1: { firstResponse: 0 } } }, 'body.targets.P1.firstResponse'],
    [{ targets: { P3: { resolution: 90.5 } } }, 'body.targets.P3.resolution'],
    [{ targets: { P5: { resolution: 60 } } }, 'body.targets.P5'],
    [{ targets: { P2: { resolve: 60 } } }, 'body.targets.P2.resolve'],
    [{ targets: { P4: { nextResponse: 10 * 366 * 24 * 60 + 1 } } }, 'body.targets.P4.nextResponse'],
    [{ targets: {}, warningPercent: 100 }, 'body.warningPercent'],
    [{ targets: {}, pauseStatuses: ['open'] }, 'body.pauseStatuses.0'],
    [{ targets: {}, calendarId: UNKNOWN }, 'body.calendarId'],
  ])('refuses %o with 400 naming %s', async (body, field) => {
    expectFieldError(await createPolicy({ name: `Bad ${field}`, calendarId: utc, ...body }), field);
  });

  it('refuses a bad edit by field too', async () => {
    const url = `/api/v1/sla/policies/${policies.gold}`;
    expectFieldError(
      await call(server.app, admin(), 'PATCH', url, { targets: { P1: { firstResponse: -5 } } }),
      'body.targets.P1.firstResponse',
    );
    expectFieldError(
      await call(server.app, admin(), 'PATCH', url, { calendarId: UNKNOWN }),
      'body.calendarId',
    );
  });

  it('keeps exactly one default: making another the default unsets the previous one, also at once', async () => {
    const url = (id: string) => `/api/v1/sla/policies/${id}`;
    await call(server.app, admin(), 'PATCH', url(policies.gold), { isDefault: true });
    expect(await defaults()).toEqual(['Gold']);
    await call(server.app, admin(), 'PATCH', url(policies.standard), { isDefault: true });
    expect(await defaults()).toEqual(['Standard']);
    const racers = await Promise.all(
      ['Race A', 'Race B', 'Race C'].map((name) =>
        createPolicy({ name, calendarId: utc, isDefault: true, targets: {} }),
      ),
    );
    expect(racers.map((response) => response.status)).toEqual([201, 201, 201]);
    expect(await defaults()).toHaveLength(1);
    const switched = await Promise.all(
      [policies.gold, policies.standard].map((id) =>
        call(server.app, admin(), 'PATCH', url(id), { isDefault: true }),
      ),
    );
    expect(switched.map((response) => response.status)).toEqual([200, 200]);
    expect(await defaults()).toHaveLength(1);
    await call(server.app, admin(), 'PATCH', url(policies.standard), { isDefault: true });
    expect(await defaults()).toEqual(['Standard']);
  });
});

describe('which policy a ticket runs under', () => {
  const policyOf = async (id: string) => (await explain(id, admin())).body.policy?.name ?? null;

  it('an organisation’s policy applies to its new tickets; existing tickets keep theirs', async () => {
    const before = await openTicket();
    expect(await policyOf(before.id)).toBe('Standard');
    const url = `/api/v1/organisations/${desk.a.id}/sla-policy`;
    const chosen = await call(server.app, admin(), 'PUT', url, { policyId: policies.gold });
    expect(chosen.body).toEqual({ policyId: policies.gold });
    const after = await openTicket();
    expect(after.slaDueAt).toBe('2026-03-30T07:30:00.000Z'); // Gold: 30 minutes, 24/7
    expect(await policyOf(after.id)).toBe('Gold');
    expect(await policyOf(before.id)).toBe('Standard');
    expect(await policyOf((await openTicket(desk.callers.requesterB)).id)).toBe('Standard');
    await call(server.app, admin(), 'PUT', url, { policyId: null });
    expect(await policyOf((await openTicket()).id)).toBe('Standard');
    expect(await policyOf(after.id)).toBe('Gold');
  });

  it('admins and service managers choose an organisation’s policy; unknown organisation 404, unknown policy 400', async () => {
    const url = `/api/v1/organisations/${desk.a.id}/sla-policy`;
    for (const caller of [desk.callers.agent1, desk.callers.manager])
      expect((await call(server.app, caller, 'PUT', url, { policyId: policies.gold })).status).toBe(403);
    const nowhere = `/api/v1/organisations/${UNKNOWN}/sla-policy`;
    expect((await call(server.app, admin(), 'PUT', nowhere, { policyId: null })).status).toBe(404);
    expectFieldError(await call(server.app, admin(), 'PUT', url, { policyId: UNKNOWN }), 'body.policyId');
  });

  it('service managers can put one ticket under another policy (or none), recorded in its SLA timeline', async () => {
    const ticket = await openTicket();
    const url = `/api/v1/tickets/${ticket.id}/sla-policy`;
    // An agent cannot change the promise a ticket runs under (say, to dodge a breach).
    expect(
      (await call(server.app, desk.callers.agent1, 'PUT', url, { policyId: policies.gold })).status,
    ).toBe(403);
    const changed = await call(server.app, serviceManager, 'PUT', url, { policyId: policies.gold });
    expect(changed.status).toBe(200);
    expect(changed.body.policy).toMatchObject({ id: policies.gold, name: 'Gold' });
    expect(changed.body.targets.find((t: { target: string }) => t.target === 'first_response')).toMatchObject(
      {
        dueAt: '2026-03-30T07:30:00.000Z',
      },
    );
    expect(changed.body.timeline.at(-1)).toMatchObject({
      kind: 'policy_changed',
      reason: 'now under policy "Gold"',
      data: { policyId: policies.gold },
    });
    const none = await call(server.app, serviceManager, 'PUT', url, { policyId: null });
    expect(none.body).toMatchObject({ policy: null, targets: [] });
    expect(none.body.timeline.at(-1)).toMatchObject({ kind: 'policy_changed' });
    const read = await call(server.app, desk.callers.agent1, 'GET', `/api/v1/tickets/${ticket.id}`);
    expect(read.body.slaDueAt).toBeNull();
    expect((await call(server.app, desk.callers.requester, 'PUT', url, { policyId: null })).status).toBe(403);
    expect((await call(server.app, desk.callers.outsider, 'PUT', url, { policyId: null })).status).toBe(404);
    expectFieldError(
      await call(server.app, serviceManager, 'PUT', url, { policyId: UNKNOWN }),
      'body.policyId',
    );
  });
});

describe('who reads a ticket’s SLA explanation', () => {
  // The promise is made to the customer: the requester (and their manager) may read it; nobody
  // who cannot open the ticket learns anything (404).
  it.each([
    ['the requester', 'requester', 200],
    ['the customer manager', 'manager', 200],
    ['an agent serving the organisation', 'agent1', 200],
    ['the admin', 'admin', 200],
    ['another requester of the same organisation', 'colleague', 404],
    ['a requester of another organisation', 'requesterB', 404],
    ['an agent serving only another organisation', 'outsider', 404],
  ] as const)('%s → %s', async (_label, who, status) => {
    const ticket = await openTicket();
    const response = await explain(ticket.id, desk.callers[who]);
    expect(response.status).toBe(status);
    if (status === 200)
      expect(response.body).toMatchObject({ ticketId: ticket.id, policy: { name: 'Standard' } });
    else expect(JSON.stringify(response.body)).not.toContain(ticket.id);
  });
});
