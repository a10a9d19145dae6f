import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maintenancePlans, maintenanceTaskHistory, maintenanceTasks } from '../../src/db/schema/index.js';
import { fixedClock } from '../../src/platform/clock.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { changesApi, givenChange, givenService, givenWindow } from '../support/changes.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';

const clock = fixedClock('2026-03-31T20:00:00Z');
let server: TestServer;
let desk: Desk;
let api: ReturnType<typeof changesApi>;
let agent3: Caller;
let serviceA: Awaited<ReturnType<typeof givenService>>;
let serviceB: Awaited<ReturnType<typeof givenService>>;

beforeAll(async () => {
  server = await startTestServer({ clock, env: { TEND_SESSION_TTL_HOURS: '2160' } });
  desk = await givenDesk(server);
  api = changesApi(server);
  agent3 = await login(server.app, desk.agent3.email, PASSWORD);
  serviceA = await givenService(server.database.db, desk.a.id);
  serviceB = await givenService(server.database.db, desk.b.id);
  const ecab = await api.group(desk.callers.admin, {
    name: 'ECAB',
    expedited: true,
    memberIds: [desk.agent3.id],
  });
  expect(ecab.status).toBe(201);
});
afterAll(async () => server?.close());

const at = (instant: string) => clock.set(instant);
const PLANNED = { plannedStart: '2026-05-01T00:00:00Z', plannedEnd: '2026-05-01T01:00:00Z' };

/** A change of A (or B) taken to in_progress now; returns its number. */
async function started(type: 'standard' | 'emergency', organisation: 'a' | 'b' = 'a') {
  const service = organisation === 'a' ? serviceA : serviceB;
  const change = await givenChange(server, desk.callers.admin, {
    organisationId: desk[organisation].id,
    type,
    title: `${type} change`,
    description: 'd',
    kind: type === 'emergency' ? 'emergency' : 'corrective',
    affected: [{ serviceId: service.serviceId, environmentId: service.prodId }],
  });
  await api.move(desk.callers.admin, change.number, 'submitted');
  if (type === 'emergency') expect((await api.approve(agent3, change.number)).body.state).toBe('approved');
  expect((await api.move(desk.callers.admin, change.number, 'scheduled', PLANNED)).status).toBe(200);
  expect((await api.move(desk.callers.admin, change.number, 'in_progress')).status).toBe(200);
  return change.number as string;
}

async function finish(ref: string, outcome: 'implemented' | 'failed' | 'rolled_back') {
  const response = await api.move(desk.callers.admin, ref, outcome, { comment: 'outcome' });
  expect(response.body.state).toBe(outcome);
}

describe('KPIs and backlog over a constructed day', () => {
  const period = 'from=2026-04-01T00:00:00Z&until=2026-04-02T00:00:00Z';

  beforeAll(async () => {
    at('2026-03-31T21:00:00Z');
    await givenChange(server, desk.callers.admin, {
      organisationId: desk.a.id,
      title: 'never submitted',
      description: 'd',
      kind: 'perfective',
    });
    at('2026-03-31T22:00:00Z');
    const c1 = await started('standard');
    at('2026-04-01T01:00:00Z');
    const c2 = await started('standard');
    at('2026-04-01T02:00:00Z');
    await finish(c1, 'implemented'); // 4 h after submission, submitted before the period
    await finish(c2, 'implemented'); // 1 h
    at('2026-04-01T03:00:00Z');
    const c3 = await started('emergency');
    at('2026-04-01T04:00:00Z');
    const c4 = await started('standard');
    at('2026-04-01T05:00:00Z');
    await finish(c3, 'implemented'); // 2 h
    at('2026-04-01T06:00:00Z');
    const c5 = await started('emergency');
    at('2026-04-01T08:00:00Z');
    await finish(c5, 'rolled_back');
    at('2026-04-01T09:00:00Z');
    const c8 = await started('standard');
    const b = await started('standard', 'b');
    at('2026-04-01T10:00:00Z');
    await finish(c4, 'failed');
    await finish(b, 'implemented');
    at('2026-04-01T19:00:00Z');
    await finish(c8, 'implemented'); // 10 h
    at('2026-04-01T20:00:00Z');
    const c6 = await started('standard');
    at('2026-04-02T01:00:00Z');
    await finish(c6, 'implemented'); // after the period
  });

  const expectedA = {
    from: '2026-04-01T00:00:00.000Z',
    until: '2026-04-02T00:00:00.000Z',
    changesDelivered: 4,
    changesSubmitted: 6,
    urgentChanges: 2,
    urgentShare: 2 / 6,
    // 3600, 7200, 14400, 36000 s: median (7200 + 14400) / 2; p90 at rank 2.7 → 14400 + 0.7 × 21600.
    timeToIntroduce: { count: 4, medianSeconds: 10800, p90Seconds: 29520 },
    changeFailureRate: { outcomes: 6, failedOrRolledBack: 2, rate: 2 / 6 },
  };

  it('computes the DOMAIN.md change KPIs exactly for one organisation', async () => {
    const manager = await call(server.app, desk.callers.manager, 'GET', `/api/v1/changes/kpis?${period}`);
    expect(manager.status).toBe(200);
    expect(manager.body).toEqual(expectedA);
    const filtered = await call(
      server.app,
      desk.callers.admin,
      'GET',
      `/api/v1/changes/kpis?${period}&organisationId=${desk.a.id}`,
    );
    expect(filtered.body).toEqual(expectedA);
  });

  it('counts every organisation in scope for the provider', async () => {
    const all = await call(server.app, desk.callers.admin, 'GET', `/api/v1/changes/kpis?${period}`);
    expect(all.body).toMatchObject({
      changesDelivered: 5,
      changesSubmitted: 7,
      changeFailureRate: { outcomes: 7, failedOrRolledBack: 2 },
    });
  });

  it('refuses requesters and bad ranges', async () => {
    expect(
      (await call(server.app, desk.callers.requester, 'GET', `/api/v1/changes/kpis?${period}`)).status,
    ).toBe(403);
    const backwards = await call(
      server.app,
      desk.callers.admin,
      'GET',
      '/api/v1/changes/kpis?from=2026-04-02T00:00:00Z&until=2026-04-01T00:00:00Z',
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details.fields[0].path).toBe('query.until');
    const missing = await call(
      server.app,
      desk.callers.admin,
      'GET',
      '/api/v1/changes/kpis?from=2026-04-02T00:00:00Z',
    );
    expect(missing.body.error.details.fields[0].path).toBe('query.until');
  });

  it('reports the backlog at a past instant from the history, with maintenance tasks', async () => {
    const plan = uuidv7();
    const created = new Date('2026-03-01T00:00:00Z');
    await server.database.db.insert(maintenancePlans).values({
      id: plan,
      organisationId: desk.a.id,
      serviceId: serviceA.serviceId,
      title: 'Restore test',
      kind: 'preventive',
      category: 'backup_restore_test',
      rrule: 'FREQ=MONTHLY',
      dtstart: '2026-03-01T09:00:00',
      timezone: 'UTC',
      generateAheadDays: 7,
      generatedThrough: created,
      createdAt: created,
      updatedAt: created,
    });
    const task = (key: string, completedAt: Date | null) => ({
      id: uuidv7(),
      planId: plan,
      occurrenceKey: key,
      organisationId: desk.a.id,
      serviceId: serviceA.serviceId,
      title: 'Restore test',
      kind: 'preventive' as const,
      category: 'backup_restore_test' as const,
      dueAt: created,
      state: completedAt ? ('done' as const) : ('open' as const),
      completedAt,
      createdAt: created,
      updatedAt: created,
    });
    await server.database.db
      .insert(maintenanceTasks)
      .values([
        task('a', null),
        task('b', new Date('2026-03-15T00:00:00Z')),
        task('c', new Date('2026-04-01T12:00:00Z')),
      ]);
    // Done on 10 March, reopened on 20 March: not open in between, open (in progress) afterwards.
    const reopened = { ...task('d', null), state: 'in_progress' as const };
    await server.database.db.insert(maintenanceTasks).values(reopened);
    await server.database.db.insert(maintenanceTaskHistory).values([
      {
        taskId: reopened.id,
        at: new Date('2026-03-10T00:00:00Z'),
        kind: 'state',
        data: { from: 'open', to: 'done' },
      },
      {
        taskId: reopened.id,
        at: new Date('2026-03-20T00:00:00Z'),
        kind: 'state',
        data: { from: 'done', to: 'in_progress' },
      },
    ]);
    const midMarch = await call(
      server.app,
      desk.callers.manager,
      'GET',
      '/api/v1/changes/backlog?at=2026-03-15T12:00:00Z',
    );
    // a and c; b finished at midnight, d was done at the time.
    expect(midMarch.body.openMaintenanceTasks).toBe(2);
    const past = await call(
      server.app,
      desk.callers.manager,
      'GET',
      '/api/v1/changes/backlog?at=2026-04-01T04:30:00Z',
    );
    expect(past.status).toBe(200);
    // The draft, C3 (in progress 03:00–05:00) and C4 (in progress from 04:00).
    expect(past.body).toMatchObject({
      at: '2026-04-01T04:30:00.000Z',
      openChanges: 3,
      openMaintenanceTasks: 3,
    });
    const count = (state: string) => past.body.byState.find((row: { state: string }) => row.state === state);
    expect(count('draft')).toEqual({ state: 'draft', count: 1, oldestCreatedAt: '2026-03-31T21:00:00.000Z' });
    expect(count('in_progress').count).toBe(2);
    expect(past.body.byAge).toEqual([
      { bucket: 'under_1d', count: 3 },
      { bucket: '1d_7d', count: 0 },
      { bucket: '7d_30d', count: 0 },
      { bucket: 'over_30d', count: 0 },
    ]);
    at('2026-04-10T00:00:00Z');
    const now = await call(server.app, desk.callers.manager, 'GET', '/api/v1/changes/backlog');
    expect(now.body).toMatchObject({ openChanges: 1, openMaintenanceTasks: 2 });
    expect(now.body.byAge.find((row: { bucket: string }) => row.bucket === '7d_30d').count).toBe(1);
    expect((await call(server.app, desk.callers.requester, 'GET', '/api/v1/changes/backlog')).status).toBe(
      403,
    );
  });
});

describe('the change calendar', () => {
  it('lists the changes in range, flags overlaps on one service, and checks each downtime change', async () => {
    at('2026-04-10T00:00:00Z');
    await givenWindow(server.database.db, {
      organisationId: desk.b.id,
      serviceId: serviceB.serviceId,
      environmentId: null,
      rrule: 'FREQ=WEEKLY;BYDAY=SA',
      dtstart: '2026-04-04T00:00:00',
      timezone: 'UTC',
      durationMinutes: 360,
    });
    const make = async (title: string, start: string, end: string, extra: Record<string, unknown> = {}) =>
      await givenChange(server, desk.callers.admin, {
        organisationId: desk.b.id,
        title,
        description: 'd',
        kind: 'corrective',
        plannedStart: start,
        plannedEnd: end,
        affected: [{ serviceId: serviceB.serviceId, environmentId: serviceB.prodId }],
        ...extra,
      });
    const first = await make('first', '2026-04-11T01:00:00Z', '2026-04-11T03:00:00Z', {
      requiresDowntime: true,
    });
    const overlapping = await make('overlapping', '2026-04-11T02:00:00Z', '2026-04-11T04:00:00Z');
    const touching = await make('touching', '2026-04-11T04:00:00Z', '2026-04-11T05:00:00Z');
    const outside = await make('outside', '2026-04-13T10:00:00Z', '2026-04-13T11:00:00Z', {
      requiresDowntime: true,
    });
    const cancelled = await make('cancelled', '2026-04-11T01:30:00Z', '2026-04-11T02:30:00Z');
    await api.move(desk.callers.admin, cancelled.number, 'cancelled', { comment: 'superseded' });
    const elsewhere = await givenService(server.database.db, desk.b.id);
    await make('other service', '2026-04-11T01:10:00Z', '2026-04-11T03:00:00Z', {
      affected: [{ serviceId: elsewhere.serviceId, environmentId: elsewhere.prodId }],
    });

    const calendar = await call(
      server.app,
      desk.callers.admin,
      'GET',
      '/api/v1/changes/calendar?from=2026-04-11T00:00:00Z&until=2026-04-18T00:00:00Z',
    );
    expect(calendar.status).toBe(200);
    expect(calendar.body.truncated).toBe(false);
    expect(calendar.body.items.map((item: { title: string }) => item.title)).toEqual([
      'first',
      'other service',
      'cancelled',
      'overlapping',
      'touching',
      'outside',
    ]);
    expect(calendar.body.conflicts).toEqual([
      {
        changeIds: [first.id, overlapping.id].sort(),
        numbers: [first, overlapping].sort((x, y) => x.id.localeCompare(y.id)).map((c) => c.number),
        serviceIds: [serviceB.serviceId],
        overlapStart: '2026-04-11T02:00:00.000Z',
        overlapEnd: '2026-04-11T03:00:00.000Z',
      },
    ]);
    const windowOf = (title: string) =>
      calendar.body.items.find((item: { title: string }) => item.title === title).window;
    expect(windowOf('first')).toEqual({ required: true, inside: true, outsideEnvironmentIds: [] });
    expect(windowOf('outside')).toEqual({
      required: true,
      inside: false,
      outsideEnvironmentIds: [serviceB.prodId],
    });
    expect(windowOf('touching')).toEqual({ required: false, inside: null, outsideEnvironmentIds: [] });
    expect(touching.conflicts).toEqual([]);
    const detail = await api.get(desk.callers.admin, overlapping.number);
    expect(detail.body.conflicts.map((c: { numbers: string[] }) => c.numbers)).toEqual([
      [first, overlapping].sort((x, y) => x.id.localeCompare(y.id)).map((c) => c.number),
    ]);
    expect(outside.window.inside).toBe(false);

    const customerA = await call(
      server.app,
      desk.callers.manager,
      'GET',
      '/api/v1/changes/calendar?from=2026-04-11T00:00:00Z&until=2026-04-18T00:00:00Z',
    );
    expect(customerA.body).toEqual({ items: [], conflicts: [], truncated: false });
  });
});

describe('approver groups', () => {
  it('are managed by admins, validated, and read by staff only', async () => {
    const body = {
      name: 'App CAB',
      organisationId: desk.a.id,
      rule: 'quorum',
      quorum: 2,
      memberIds: [desk.agent1.id, desk.agent2.id],
    };
    expect((await api.group(desk.callers.agent1, body)).status).toBe(403);
    const tooMany = await api.group(desk.callers.admin, { ...body, quorum: 3 });
    expect(tooMany.body.error.details.fields).toEqual([
      { path: 'body.quorum', message: 'is more than the group’s 2 members' },
    ]);
    const customer = await api.group(desk.callers.admin, { ...body, memberIds: [desk.manager.id] });
    expect(customer.body.error.details.fields[0].path).toBe('body.memberIds.0');
    const foreignService = await api.group(desk.callers.admin, { ...body, serviceId: serviceB.serviceId });
    expect(foreignService.body.error.details.fields[0].path).toBe('body.serviceId');
    const created = await api.group(desk.callers.admin, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ rule: 'quorum', quorum: 2, expedited: false, active: true });
    expect((await api.group(desk.callers.admin, { ...body, name: 'app cab' })).status).toBe(409);

    const path = `/api/v1/approver-groups/${created.body.id}`;
    const patched = await call(server.app, desk.callers.admin, 'PATCH', path, {
      rule: 'all',
      memberIds: [desk.agent2.id],
    });
    expect(patched.body).toMatchObject({ rule: 'all', memberIds: [desk.agent2.id], version: 2 });
    expect((await call(server.app, desk.callers.admin, 'PATCH', path, { rule: 'quorum' })).status).toBe(400);
    expect((await call(server.app, desk.callers.agent1, 'GET', path)).status).toBe(200);
    expect((await call(server.app, desk.callers.outsider, 'GET', path)).status).toBe(404);
    expect((await call(server.app, desk.callers.requester, 'GET', '/api/v1/approver-groups')).status).toBe(
      403,
    );
    const list = await call(server.app, desk.callers.agent1, 'GET', '/api/v1/approver-groups?limit=1');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.nextCursor).not.toBeNull();
    expect((await call(server.app, desk.callers.admin, 'DELETE', path)).status).toBe(204);
    expect((await call(server.app, desk.callers.admin, 'GET', path)).status).toBe(404);
  });
});
