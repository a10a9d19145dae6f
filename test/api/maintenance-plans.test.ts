import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenService } from '../support/changes.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, login } from '../support/http.js';
import { planBody, plansApi } from '../support/plans.js';

const clock = fixedClock('2026-03-20T00:00:00Z');
let server: TestServer;
let desk: Desk;
let api: ReturnType<typeof plansApi>;
let serviceManager: Caller;
let managerB: Caller;
let serviceA: Awaited<ReturnType<typeof givenService>>;
let serviceB: Awaited<ReturnType<typeof givenService>>;

beforeAll(async () => {
  // No worker: plans are created inactive where tasks would otherwise appear (tasks are tested apart).
  server = await startTestServer({ clock });
  desk = await givenDesk(server);
  api = plansApi(server);
  const db = server.database.db;
  serviceManager = await login(
    server.app,
    (await givenUser(db, 'service_manager', desk.providerId)).email,
    PASSWORD,
  );
  managerB = await login(server.app, (await givenUser(db, 'customer_manager', desk.b.id)).email, PASSWORD);
  serviceA = await givenService(db, desk.a.id);
  serviceB = await givenService(db, desk.b.id);
});
afterAll(async () => server?.close());

const fieldsOf = (body: any): string[] =>
  body.error.details.fields.map((field: { path: string }) => field.path);

describe('maintenance plans', () => {
  it('an admin creates a plan on a service; it belongs to the service’s organisation', async () => {
    const response = await api.createPlan(
      desk.callers.admin,
      planBody(serviceA.serviceId, {
        environmentId: serviceA.prodId,
        defaultAssigneeId: desk.agent1.id,
        defaultTeamId: desk.l1.id,
      }),
    );
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toMatchObject({
      organisationId: desk.a.id,
      serviceId: serviceA.serviceId,
      environmentId: serviceA.prodId,
      kind: 'preventive',
      category: 'backup_restore_test',
      exdates: [],
      active: true,
      generateAheadDays: 14,
      defaultAssigneeId: desk.agent1.id,
      defaultTeamId: desk.l1.id,
      checklist: [
        { text: 'Restore last night’s backup to staging', required: true },
        { text: 'Note the restore time', required: false },
      ],
      generatedThrough: '2026-03-20T00:00:00.000Z',
      version: 1,
    });
    // The next occurrences, across the spring DST change in Berlin.
    expect(response.body.nextDueDates.slice(0, 3)).toEqual([
      '2026-03-22T01:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-04-05T00:00:00.000Z',
    ]);
  });

  it('a service manager may create plans; agents, customers and requesters may not', async () => {
    const body = planBody(serviceA.serviceId, { active: false });
    expect((await api.createPlan(serviceManager, body)).status).toBe(201);
    expect((await api.createPlan(desk.callers.agent1, body)).status).toBe(403);
    expect((await api.createPlan(desk.callers.manager, body)).status).toBe(403);
    expect((await api.createPlan(desk.callers.requester, body)).status).toBe(403);
    expect((await api.createPlan(null, body)).status).toBe(401);
  });

  it.each([
    [{ rrule: 'FREQ=SOMETIMES' }, 'body.rrule'],
    [{ rrule: 'FREQ=WEEKLY;BYDAY=XX' }, 'body.rrule'],
    [{ timezone: 'Moon/Base' }, 'body.timezone'],
    [{ dtstart: '2026-01-04T02:00:00+01:00' }, 'body.dtstart'],
    [{ exdates: ['next tuesday'] }, 'body.exdates'],
    [{ generateAheadDays: 367 }, 'body.generateAheadDays'],
    [{ generateAheadDays: -1 }, 'body.generateAheadDays'],
    [{ category: 'gardening' }, 'body.category'],
    [{ kind: 'cosmetic' }, 'body.kind'],
    [{ title: '  ' }, 'body.title'],
    [{ checklist: [{ text: '' }] }, 'body.checklist.0.text'],
    [{ colour: 'red' }, 'body.colour'],
    [{ serviceId: '00000000-0000-4000-8000-000000000000' }, 'body.serviceId'],
    [{ environmentId: 'not-a-uuid' }, 'body.environmentId'],
    [{ defaultAssigneeId: '00000000-0000-4000-8000-000000000000' }, 'body.defaultAssigneeId'],
  ])('refuses %o naming %s', async (change, path) => {
    const response = await api.createPlan(desk.callers.admin, planBody(serviceA.serviceId, change));
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual([path]);
  });

  it('refuses an environment, team or assignee that does not fit the service', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ environmentId: serviceB.prodId }, 'body.environmentId'],
      [{ defaultTeamId: desk.teamB.id }, 'body.defaultTeamId'],
      // The outsider's team serves B only; a requester is no staff; agent2 is not in L1.
      [{ defaultAssigneeId: desk.outsider.id }, 'body.defaultAssigneeId'],
      [{ defaultAssigneeId: desk.requester.id }, 'body.defaultAssigneeId'],
      [{ defaultTeamId: desk.l1.id, defaultAssigneeId: desk.agent2.id }, 'body.defaultAssigneeId'],
    ];
    for (const [change, path] of cases) {
      const response = await api.createPlan(desk.callers.admin, planBody(serviceA.serviceId, change));
      expect(response.status, JSON.stringify(change)).toBe(400);
      expect(fieldsOf(response.body)).toEqual([path]);
    }
  });

  it('keeps tenants apart: another organisation’s plan is not found; requesters see no maintenance', async () => {
    const planB = (await api.createPlan(desk.callers.admin, planBody(serviceB.serviceId, { active: false })))
      .body;
    const planA = (await api.createPlan(desk.callers.admin, planBody(serviceA.serviceId, { active: false })))
      .body;
    expect((await api.getPlan(desk.callers.outsider, planA.id)).status).toBe(404);
    expect((await api.getPlan(desk.callers.outsider, planB.id)).status).toBe(200);
    expect((await api.getPlan(managerB, planA.id)).status).toBe(404);
    expect((await api.getPlan(desk.callers.manager, planA.id)).status).toBe(200);
    expect((await api.getPlan(desk.callers.manager, planB.id)).status).toBe(404);
    expect((await api.getPlan(desk.callers.requester, planA.id)).status).toBe(403);
    expect((await api.listPlans(desk.callers.requesterB)).status).toBe(403);
    const seenByManager = (await api.listPlans(desk.callers.manager, '?limit=100')).body.items;
    expect(seenByManager.length).toBeGreaterThan(0);
    expect(seenByManager.every((plan: { organisationId: string }) => plan.organisationId === desk.a.id)).toBe(
      true,
    );
    const seenByOutsider = (await api.listPlans(desk.callers.outsider, '?limit=100')).body.items;
    expect(seenByOutsider.map((plan: { id: string }) => plan.id)).toContain(planB.id);
    expect(
      seenByOutsider.every((plan: { organisationId: string }) => plan.organisationId === desk.b.id),
    ).toBe(true);
    // Neither a service the caller cannot see nor another tenant's plan can be edited.
    expect((await api.patchPlan(desk.callers.manager, planA.id, 1, { title: 'x' })).status).toBe(403);
    expect((await api.patchPlan(managerB, planA.id, 1, { title: 'x' })).status).toBe(404);
  });

  it('edits need If-Match; a stale version is refused with the current plan; no-op edits keep the version', async () => {
    const created = (
      await api.createPlan(desk.callers.admin, planBody(serviceA.serviceId, { active: false }))
    ).body;
    expect((await api.patchPlan(desk.callers.admin, created.id, null, { title: 'New' })).status).toBe(428);
    const changed = await api.patchPlan(desk.callers.admin, created.id, 1, {
      title: 'Quarterly DR test',
      category: 'dr_test',
      rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1SA',
      checklist: [{ text: 'Fail over', required: true }],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ title: 'Quarterly DR test', category: 'dr_test', version: 2 });
    expect(changed.headers.etag).toBe('"2"');
    const stale = await api.patchPlan(desk.callers.admin, created.id, 1, { title: 'Lost update' });
    expect(stale.status).toBe(412);
    expect(stale.body.error.details.current.title).toBe('Quarterly DR test');
    const same = await api.patchPlan(desk.callers.admin, created.id, 2, { title: 'Quarterly DR test' });
    expect(same.body.version).toBe(2);
    const bad = await api.patchPlan(desk.callers.admin, created.id, 2, { timezone: 'Nowhere/Land' });
    expect(fieldsOf(bad.body)).toEqual(['body.timezone']);
    const moved = await api.patchPlan(desk.callers.admin, created.id, 2, { serviceId: serviceB.serviceId });
    expect(moved.status).toBe(400);
    expect(fieldsOf(moved.body)).toEqual(['body.serviceId']);
  });

  it('deletes a plan without tasks', async () => {
    const created = (await api.createPlan(serviceManager, planBody(serviceA.serviceId, { active: false })))
      .body;
    expect((await api.deletePlan(desk.callers.agent1, created.id)).status).toBe(403);
    expect((await api.deletePlan(serviceManager, created.id)).status).toBe(204);
    expect((await api.getPlan(serviceManager, created.id)).status).toBe(404);
  });

  it('lists with filters and keyset pages', async () => {
    const service = await givenService(server.database.db, desk.a.id);
    for (const [title, category] of [
      ['Certificates', 'certificate_renewal'],
      ['Patches', 'patch_review'],
      ['Audit', 'security_review'],
    ])
      await api.createPlan(
        desk.callers.admin,
        planBody(service.serviceId, { title, category, active: false }),
      );
    const all = await api.listPlans(desk.callers.admin, `?serviceId=${service.serviceId}`);
    expect(all.body.items.map((plan: { title: string }) => plan.title)).toEqual([
      'Audit',
      'Certificates',
      'Patches',
    ]);
    const some = await api.listPlans(
      desk.callers.admin,
      `?serviceId=${service.serviceId}&category=patch_review,security_review&sort=-title`,
    );
    expect(some.body.items.map((plan: { title: string }) => plan.title)).toEqual(['Patches', 'Audit']);
    expect(
      (await api.listPlans(desk.callers.admin, `?serviceId=${service.serviceId}&active=true`)).body.items,
    ).toEqual([]);
    const titles: string[] = [];
    let cursor = '';
    do {
      const page = await api.listPlans(
        desk.callers.admin,
        `?serviceId=${service.serviceId}&limit=1${cursor}`,
      );
      titles.push(...page.body.items.map((plan: { title: string }) => plan.title));
      cursor = page.body.nextCursor ? `&cursor=${page.body.nextCursor}` : '';
    } while (cursor);
    expect(titles).toEqual(['Audit', 'Certificates', 'Patches']);
    expect((await api.listPlans(desk.callers.admin, '?cursor=forged')).status).toBe(400);
    expect((await api.listPlans(desk.callers.admin, '?category=nope')).status).toBe(400);
  });
});
