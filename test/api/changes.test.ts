import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, maintenanceNotices, outboxEvents } from '../../src/db/schema/index.js';
import { fixedClock } from '../../src/platform/clock.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { changesApi, givenChange, givenService, givenWindow } from '../support/changes.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';

// Monday 2 March 2026, 09:00 UTC. Berlin is UTC+1 until 29 March.
const clock = fixedClock('2026-03-02T09:00:00Z');
let server: TestServer;
let desk: Desk;
let api: ReturnType<typeof changesApi>;
let service: Awaited<ReturnType<typeof givenService>>;
let agent3: Caller;

// Production: Sundays 02:00–06:00 Berlin (01:00–05:00Z). Staging: nightly 22:00–02:00 Berlin.
const INSIDE_PROD = { plannedStart: '2026-03-08T01:30:00Z', plannedEnd: '2026-03-08T02:30:00Z' };
const OUTSIDE_ALL = { plannedStart: '2026-03-10T09:00:00Z', plannedEnd: '2026-03-10T10:00:00Z' };

beforeAll(async () => {
  server = await startTestServer({ clock, env: { TEND_SESSION_TTL_HOURS: '2160' } });
  desk = await givenDesk(server);
  api = changesApi(server);
  agent3 = await login(server.app, desk.agent3.email, PASSWORD);
  service = await givenService(server.database.db, desk.a.id);
  const window = {
    organisationId: desk.a.id,
    serviceId: service.serviceId,
    timezone: 'Europe/Berlin',
    durationMinutes: 240,
  };
  await givenWindow(server.database.db, {
    ...window,
    environmentId: service.prodId,
    rrule: 'FREQ=WEEKLY;BYDAY=SU',
    dtstart: '2026-03-01T02:00:00',
  });
  await givenWindow(server.database.db, {
    ...window,
    environmentId: service.stagingId,
    rrule: 'FREQ=DAILY',
    dtstart: '2026-03-01T22:00:00',
  });
  const cab = await api.group(desk.callers.admin, {
    name: 'CAB',
    organisationId: desk.a.id,
    rule: 'quorum',
    quorum: 2,
    memberIds: [desk.agent1.id, desk.agent2.id, desk.agent3.id],
  });
  expect(cab.status).toBe(201);
  const ecab = await api.group(desk.callers.admin, {
    name: 'ECAB',
    organisationId: desk.a.id,
    expedited: true,
    memberIds: [desk.agent3.id],
  });
  expect(ecab.status).toBe(201);
});
afterAll(async () => server?.close());

const prodOnly = () => [{ serviceId: service.serviceId, environmentId: service.prodId }];
const draft = (extra: Record<string, unknown> = {}) =>
  givenChange(server, desk.callers.agent1, {
    organisationId: desk.a.id,
    title: 'Upgrade the database',
    description: 'PostgreSQL 16 → 17',
    kind: 'adaptive',
    risk: 'high',
    affected: prodOnly(),
    ...extra,
  });

async function noticesOf(changeId: string) {
  const rows = await server.database.db
    .select({ key: maintenanceNotices.dedupeKey, recipients: maintenanceNotices.recipientCount })
    .from(maintenanceNotices)
    .where(like(maintenanceNotices.dedupeKey, `change:${changeId}:%`))
    .orderBy(asc(maintenanceNotices.id));
  return rows;
}

async function eventsOf(changeId: string) {
  const rows = await server.database.db
    .select({ type: outboxEvents.type })
    .from(outboxEvents)
    .where(eq(outboxEvents.aggregateId, changeId))
    .orderBy(asc(outboxEvents.id));
  return rows.map((row) => row.type);
}

describe('a normal change, CAB quorum 2 of 3', () => {
  it('goes from draft to closed, approved by two CAB members, inside the production window', async () => {
    const change = await draft({ requiresDowntime: true });
    expect(change).toMatchObject({
      state: 'draft',
      type: 'normal',
      number: expect.stringMatching(/^C-1\d{4}$/),
    });
    expect(change.allowedTransitions).toEqual(['submitted', 'cancelled']);
    const ref = change.number;

    expect((await api.approve(desk.callers.agent1, ref)).body.error.code).toBe(
      'changes.not_awaiting_approval',
    );
    const submitted = await api.move(desk.callers.agent1, ref, 'submitted');
    expect(submitted.body).toMatchObject({ state: 'submitted', submittedAt: '2026-03-02T09:00:00.000Z' });
    expect(submitted.body.allowedTransitions).toEqual(['assessment', 'cancelled']);
    expect((await api.move(desk.callers.agent1, ref, 'assessment')).body.state).toBe('assessment');

    const wrong = await api.move(desk.callers.agent1, ref, 'approved');
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('changes.decided_by_approvals');

    const first = await api.approve(desk.callers.agent1, ref, 'fine by me');
    expect(first.status).toBe(200);
    expect(first.body.state).toBe('assessment');
    expect(first.body.approval).toMatchObject({
      outcome: 'pending',
      canDecide: false,
      groups: [{ name: 'CAB', rule: 'quorum', approvals: 1, needed: 2, satisfied: false }],
    });
    expect((await api.approve(desk.callers.agent1, ref)).status).toBe(409);
    const stranger = await api.approve(desk.callers.requester, ref);
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.code).toBe('changes.not_an_approver');

    clock.advance(3_600_000);
    const second = await api.approve(desk.callers.agent2, ref, 'ok, Sunday window');
    expect(second.body).toMatchObject({ state: 'approved', approvedAt: '2026-03-02T10:00:00.000Z' });
    expect(second.body.approval.decisions.map((d: { comment: string }) => d.comment)).toEqual([
      'fine by me',
      'ok, Sunday window',
    ]);
    expect(second.body.history.at(-1)).toMatchObject({
      fromState: 'assessment',
      toState: 'approved',
      actorId: desk.agent2.id,
    });

    const scheduled = await api.move(desk.callers.agent1, ref, 'scheduled', INSIDE_PROD);
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({
      state: 'scheduled',
      ...{ plannedStart: '2026-03-08T01:30:00.000Z' },
    });
    expect(scheduled.body.window).toEqual({ required: true, inside: true, outsideEnvironmentIds: [] });
    // The customer is told of the downtime: one notice (to the customer manager) per planned interval.
    expect(await noticesOf(change.id)).toEqual([
      { key: `change:${change.id}:2026-03-08T01:30:00.000Z:2026-03-08T02:30:00.000Z`, recipients: 1 },
    ]);

    clock.set('2026-03-08T01:30:00Z');
    expect((await api.move(desk.callers.agent1, ref, 'in_progress')).body.actualStart).toBe(
      '2026-03-08T01:30:00.000Z',
    );
    clock.set('2026-03-08T02:10:00Z');
    const done = await api.move(desk.callers.agent1, ref, 'implemented', { comment: 'went fine' });
    expect(done.body).toMatchObject({
      state: 'implemented',
      implementedAt: '2026-03-08T02:10:00.000Z',
      actualEnd: '2026-03-08T02:10:00.000Z',
    });
    expect((await api.move(desk.callers.agent1, ref, 'reviewed')).body.state).toBe('reviewed');
    const closed = await api.move(desk.callers.agent1, ref, 'closed');
    expect(closed.body).toMatchObject({ state: 'closed', allowedTransitions: [] });
    expect(closed.body.history.map((h: { toState: string }) => h.toState)).toEqual([
      'draft',
      'submitted',
      'assessment',
      'approved',
      'scheduled',
      'in_progress',
      'implemented',
      'reviewed',
      'closed',
    ]);

    expect(await eventsOf(change.id)).toEqual([
      'change.created',
      'change.submitted',
      'change.assessment_started',
      'change.decision_recorded',
      'change.decision_recorded',
      'change.approved',
      'change.scheduled',
      'change.started',
      'change.implemented',
      'change.reviewed',
      'change.closed',
    ]);
    const audit = await server.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'change'), eq(auditLog.entityId, change.id)));
    expect(audit.filter((entry) => entry.action === 'change.decision_recorded')).toHaveLength(2);
    clock.set('2026-03-02T09:00:00Z');
  });

  it('is rejected by any one CAB member, with a reason, and then closed', async () => {
    const { number: ref } = await draft();
    await api.move(desk.callers.agent1, ref, 'submitted');
    await api.move(desk.callers.agent1, ref, 'assessment');
    await api.approve(desk.callers.agent1, ref);
    const silent = await api.reject(desk.callers.agent2, ref);
    expect(silent.status).toBe(400);
    expect(silent.body.error.details.fields[0].path).toBe('body.comment');
    const rejected = await api.reject(agent3, ref, 'no back-out tested');
    expect(rejected.body).toMatchObject({ state: 'rejected', approval: { outcome: 'rejected' } });
    expect(rejected.body.allowedTransitions).toEqual(['closed']);
    expect((await api.move(desk.callers.agent1, ref, 'closed')).body.state).toBe('closed');
  });

  it('needs the customer manager too when the service says so', async () => {
    const guarded = await givenService(server.database.db, desk.a.id, { requiresCustomerApproval: true });
    const { number: ref } = await draft({
      affected: [{ serviceId: guarded.serviceId, environmentId: guarded.stagingId }],
    });
    await api.move(desk.callers.agent1, ref, 'submitted');
    const assessing = await api.move(desk.callers.agent1, ref, 'assessment');
    expect(assessing.body.approval.customer).toEqual({ required: true, satisfied: false });
    await api.approve(desk.callers.agent1, ref);
    const cab = await api.approve(desk.callers.agent2, ref);
    expect(cab.body).toMatchObject({ state: 'assessment', approval: { outcome: 'pending' } });
    const managerView = await api.get(desk.callers.manager, ref);
    expect(managerView.body.approval.canDecide).toBe(true);
    const approved = await api.approve(desk.callers.manager, ref, 'agreed with our users');
    expect(approved.body).toMatchObject({
      state: 'approved',
      approval: { outcome: 'approved', customer: { satisfied: true } },
    });
  });

  it('refuses to submit an incomplete change, or one no CAB covers', async () => {
    const { number: ref } = await draft({ backoutPlan: '', affected: [] });
    const refused = await api.move(desk.callers.agent1, ref, 'submitted');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('changes.incomplete');
    expect(refused.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'affected',
      'backoutPlan',
    ]);

    // The CABs serve organisation A only: B's changes have no one to decide them.
    const other = await givenService(server.database.db, desk.b.id);
    const uncovered = await givenChange(server, desk.callers.admin, {
      organisationId: desk.b.id,
      title: 'B change',
      description: 'x',
      kind: 'corrective',
      affected: [{ serviceId: other.serviceId, environmentId: other.prodId }],
    });
    const nobody = await api.move(desk.callers.admin, uncovered.number, 'submitted');
    expect(nobody.status).toBe(422);
    expect(nobody.body.error.code).toBe('changes.no_approver_group');
  });
});

describe('standard and emergency changes', () => {
  it('approves a standard change on submission, recorded as done by the system', async () => {
    const { number: ref } = await draft({ type: 'standard', kind: 'preventive', risk: 'low' });
    const approved = await api.move(desk.callers.agent1, ref, 'submitted');
    expect(approved.body).toMatchObject({
      state: 'approved',
      approval: { outcome: 'not_required', canDecide: false },
    });
    expect(approved.body.history.slice(-2)).toEqual([
      expect.objectContaining({ fromState: 'draft', toState: 'submitted', actorId: desk.agent1.id }),
      expect.objectContaining({
        fromState: 'submitted',
        toState: 'approved',
        actorId: null,
        comment: 'pre-approved standard change',
      }),
    ]);
    expect((await api.approve(desk.callers.agent2, ref)).status).toBe(422);
  });

  it('lets one expedited approver approve an emergency change at once, scheduled outside any window', async () => {
    const { number: ref } = await draft({
      type: 'emergency',
      kind: 'emergency',
      risk: 'critical',
      requiresDowntime: true,
    });
    await api.move(desk.callers.agent1, ref, 'submitted');
    expect((await api.approve(desk.callers.agent1, ref)).status).toBe(403); // CAB, not ECAB
    const approved = await api.approve(agent3, ref, 'patch the hole now');
    expect(approved.body).toMatchObject({
      state: 'approved',
      approval: { outcome: 'approved', groups: [{ name: 'ECAB', expedited: true, approvals: 1, needed: 1 }] },
    });
    const scheduled = await api.move(desk.callers.agent1, ref, 'scheduled', OUTSIDE_ALL);
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.window).toEqual({ required: false, inside: null, outsideEnvironmentIds: [] });
    expect(await noticesOf(scheduled.body.id)).toHaveLength(1);
  });
});

describe('the downtime rule', () => {
  async function approvedChange(affected: unknown[]) {
    const { number: ref } = await draft({ type: 'standard', requiresDowntime: true, affected });
    await api.move(desk.callers.agent1, ref, 'submitted');
    return ref;
  }

  it('refuses a downtime change outside every window with a 422 naming the rule', async () => {
    const ref = await approvedChange(prodOnly());
    const refused = await api.move(desk.callers.agent1, ref, 'scheduled', OUTSIDE_ALL);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('changes.outside_maintenance_window');
    expect(refused.body.error.details).toEqual({
      rule: 'downtime_inside_maintenance_window',
      outsideEnvironmentIds: [service.prodId],
    });
    expect((await api.get(desk.callers.agent1, ref)).body.state).toBe('approved');
  });

  it('needs a window of EACH affected environment', async () => {
    const both = [
      { serviceId: service.serviceId, environmentId: service.prodId },
      { serviceId: service.serviceId, environmentId: service.stagingId },
    ];
    const ref = await approvedChange(both);
    const refused = await api.move(desk.callers.agent1, ref, 'scheduled', INSIDE_PROD);
    expect(refused.body.error.details.outsideEnvironmentIds).toEqual([service.stagingId]);
    // Saturday 23:00–Sunday 01:00 Berlin lies in the staging night window but before production's.
    const night = { plannedStart: '2026-03-07T22:00:00Z', plannedEnd: '2026-03-08T00:00:00Z' };
    expect(
      (await api.move(desk.callers.agent1, ref, 'scheduled', night)).body.error.details.outsideEnvironmentIds,
    ).toEqual([service.prodId]);
  });

  it('keeps a scheduled change inside the window when it is moved', async () => {
    const ref = await approvedChange(prodOnly());
    const scheduled = await api.move(desk.callers.agent1, ref, 'scheduled', INSIDE_PROD);
    const moved = await api.patch(desk.callers.agent1, ref, scheduled.body.version, OUTSIDE_ALL);
    expect(moved.status).toBe(422);
    expect(moved.body.error.details.rule).toBe('downtime_inside_maintenance_window');
    const fine = await api.patch(desk.callers.agent1, ref, scheduled.body.version, {
      plannedStart: '2026-03-15T01:00:00Z',
      plannedEnd: '2026-03-15T05:00:00Z',
    });
    expect(fine.status).toBe(200);
    expect(fine.body.window.inside).toBe(true);
    // Moved: a second notice for the new time; the refused move told nobody.
    expect((await noticesOf(fine.body.id)).map((notice) => notice.key.split(':').slice(2).join(':'))).toEqual(
      [
        '2026-03-08T01:30:00.000Z:2026-03-08T02:30:00.000Z',
        '2026-03-15T01:00:00.000Z:2026-03-15T05:00:00.000Z',
      ],
    );
  });
});

describe('editing, validation and tenants', () => {
  it('needs If-Match, refuses a stale version, and locks fields by state', async () => {
    const change = await draft();
    expect((await api.patch(desk.callers.agent1, change.number, null, { title: 'x' })).status).toBe(428);
    const edited = await api.patch(desk.callers.agent1, change.number, change.version, {
      title: 'Upgrade to 17.2',
    });
    expect(edited.body).toMatchObject({ title: 'Upgrade to 17.2', version: change.version + 1 });
    expect(edited.headers.etag).toBe(`"${change.version + 1}"`);
    const stale = await api.patch(desk.callers.agent1, change.number, change.version, { title: 'y' });
    expect(stale.status).toBe(412);
    expect(stale.body.error.details.current.title).toBe('Upgrade to 17.2');
    const submitted = await api.move(desk.callers.agent1, change.number, 'submitted');
    const locked = await api.patch(desk.callers.agent1, change.number, submitted.body.version, {
      type: 'standard',
    });
    expect(locked.status).toBe(422);
    expect(locked.body.error).toMatchObject({
      code: 'changes.field_locked',
      details: { fields: [{ path: 'body.type' }] },
    });
  });

  it.each([
    [{ title: '' }, 'body.title'],
    [{ organisationId: 'nope' }, 'body.organisationId'],
    [{ colour: 'red' }, 'body.colour'],
    [{ kind: 'cosmetic' }, 'body.kind'],
    [{ plannedStart: '2026-03-08T02:00:00Z', plannedEnd: '2026-03-08T01:00:00Z' }, 'body.plannedEnd'],
    [{ plannedStart: '2026-03-08T02:00:00Z' }, 'body.plannedEnd'],
  ])('rejects %j naming %s', async (patch, path) => {
    const response = await api.create(desk.callers.agent1, {
      organisationId: desk.a.id,
      title: 'T',
      description: 'D',
      kind: 'corrective',
      ...patch,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
  });

  it('refuses affected environments of another organisation', async () => {
    const other = await givenService(server.database.db, desk.b.id);
    const response = await api.create(desk.callers.admin, {
      organisationId: desk.a.id,
      title: 'T',
      description: 'D',
      kind: 'corrective',
      affected: [{ serviceId: other.serviceId, environmentId: other.prodId }],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields[0].path).toBe('body.affected.0.environmentId');
  });

  it('shows another organisation’s change to nobody there (404), and lets customers only read', async () => {
    const change = await draft();
    for (const caller of [desk.callers.requesterB, desk.callers.outsider]) {
      expect((await api.get(caller, change.number)).status).toBe(404);
      expect((await api.move(caller, change.id, 'submitted')).status).toBe(404);
      expect((await api.patch(caller, change.id, change.version, { title: 'x' })).status).toBe(404);
      const list = await call(server.app, caller, 'GET', '/api/v1/changes?limit=100');
      expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(change.id);
    }
    const read = await api.get(desk.callers.requester, change.number);
    expect(read.status).toBe(200);
    expect(read.body.allowedTransitions).toEqual([]);
    expect((await api.move(desk.callers.requester, change.number, 'submitted')).status).toBe(403);
    expect(
      (
        await api.create(desk.callers.manager, {
          organisationId: desk.a.id,
          title: 'T',
          description: 'D',
          kind: 'corrective',
        })
      ).status,
    ).toBe(403);
  });

  it('lists with filters and keyset pages', async () => {
    const tagged = [];
    for (let i = 0; i < 3; i++)
      tagged.push(await draft({ title: `Rotate certificates batch${i}`, kind: 'preventive' }));
    const first = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      '/api/v1/changes?kind=preventive&q=certificates&limit=2&sort=number',
    );
    expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([tagged[0]!.id, tagged[1]!.id]);
    const second = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      `/api/v1/changes?kind=preventive&q=certificates&limit=2&sort=number&cursor=${first.body.nextCursor}`,
    );
    expect(second.body).toMatchObject({ items: [{ id: tagged[2]!.id }], nextCursor: null });
    const byService = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      `/api/v1/changes?serviceId=${service.serviceId}&state=draft&limit=100`,
    );
    expect(byService.body.items.every((c: { state: string }) => c.state === 'draft')).toBe(true);
    expect((await call(server.app, desk.callers.agent1, 'GET', '/api/v1/changes?state=lost')).status).toBe(
      400,
    );
  });
});

describe('links to tickets', () => {
  it('links the incident that raised a change and refuses another organisation’s ticket', async () => {
    const change = await draft();
    const ticket = await call(server.app, desk.callers.requester, 'POST', '/api/v1/tickets', {
      subject: 'Slow reports',
      description: 'since Monday',
    });
    const linked = await call(
      server.app,
      desk.callers.agent1,
      'POST',
      `/api/v1/changes/${change.number}/links`,
      {
        ticket: ticket.body.number,
        kind: 'raised_by',
      },
    );
    expect(linked.status).toBe(200);
    expect(linked.body.links).toEqual([
      expect.objectContaining({
        ticketId: ticket.body.id,
        ticketNumber: ticket.body.number,
        kind: 'raised_by',
      }),
    ]);
    const foreign = await call(server.app, desk.callers.requesterB, 'POST', '/api/v1/tickets', {
      subject: 'B',
      description: 'b',
    });
    const refused = await call(
      server.app,
      desk.callers.admin,
      'POST',
      `/api/v1/changes/${change.number}/links`,
      { ticket: foreign.body.id },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0].path).toBe('body.ticket');
    const removed = await call(
      server.app,
      desk.callers.agent1,
      'DELETE',
      `/api/v1/changes/${change.number}/links/${ticket.body.id}`,
    );
    expect(removed.body.links).toEqual([]);
  });
});
