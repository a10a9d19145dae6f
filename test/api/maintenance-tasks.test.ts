import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATE_DUE_TASK, maintenanceBacklogAt } from '../../src/features/plans/index.js';
import { enqueueJob } from '../../src/jobs/queue.js';
import { fixedClock } from '../../src/platform/clock.js';
import type { Mailer, MailMessage } from '../../src/platform/mailer.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenService } from '../support/changes.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, login } from '../support/http.js';
import { eventually, planBody, plansApi } from '../support/plans.js';

const clock = fixedClock('2026-03-20T00:00:00Z');
const sent: MailMessage[] = [];
const mailer: Mailer = {
  async send(message) {
    sent.push(message);
    return { messageId: null };
  },
  close() {},
};
let server: TestServer;
let desk: Desk;
let api: ReturnType<typeof plansApi>;
let managerB: Caller;
let serviceA: Awaited<ReturnType<typeof givenService>>;
let planId: string;

beforeAll(async () => {
  server = await startTestServer({ clock, worker: true, mailer, env: { TEND_SESSION_TTL_HOURS: '2160' } });
  desk = await givenDesk(server);
  api = plansApi(server);
  managerB = await login(
    server.app,
    (await givenUser(server.database.db, 'customer_manager', desk.b.id)).email,
    PASSWORD,
  );
  serviceA = await givenService(server.database.db, desk.a.id);
});
afterAll(async () => server?.close());

const GENERATION_TASKS = ['maintenance.generate_plan', GENERATE_DUE_TASK];

/** Wait until no generation job is queued or running (they are deleted once they succeed). */
async function generationDone(): Promise<void> {
  await eventually(async () => {
    const { rows } = await server.database.pool.query(
      'select count(*)::int as n from graphile_worker.jobs where task_identifier = any($1)',
      [GENERATION_TASKS],
    );
    return rows[0].n === 0;
  });
}

/** What the hourly cron does, now. */
async function sweep(): Promise<void> {
  await enqueueJob(server.database.db, GENERATE_DUE_TASK, {});
  await generationDone();
}

async function tasksOf(plan: string, caller: Caller = desk.callers.admin) {
  const response = await api.listTasks(caller, `?planId=${plan}&limit=100`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items as any[];
}
const dueDates = async (plan: string) => (await tasksOf(plan)).map((task) => task.dueAt);

describe('task generation', () => {
  it('generates the tasks due within the lead time, across the spring DST change, and tells the assignee', async () => {
    const created = await api.createPlan(
      desk.callers.admin,
      planBody(serviceA.serviceId, { defaultAssigneeId: desk.agent1.id, defaultTeamId: desk.l1.id }),
    );
    expect(created.status).toBe(201);
    planId = created.body.id;
    await generationDone();
    const tasks = await tasksOf(planId);
    expect(tasks.map((task) => task.dueAt)).toEqual(['2026-03-22T01:00:00.000Z', '2026-03-29T01:00:00.000Z']);
    expect(tasks[0]).toMatchObject({
      occurrenceKey: '2026-03-22T01:00:00Z',
      organisationId: desk.a.id,
      serviceId: serviceA.serviceId,
      title: 'Backup restore test',
      kind: 'preventive',
      category: 'backup_restore_test',
      state: 'open',
      overdue: false,
      assigneeId: desk.agent1.id,
      teamId: desk.l1.id,
      checklist: [
        {
          id: 1,
          text: 'Restore last night’s backup to staging',
          required: true,
          done: false,
          doneBy: null,
          doneAt: null,
        },
        { id: 2, text: 'Note the restore time', required: false, done: false, doneBy: null, doneAt: null },
      ],
      version: 1,
    });
    expect(tasks[0].number).toMatch(/^M-\d{5,}$/);
    expect((await api.getPlan(desk.callers.admin, planId)).body.generatedThrough).toBe(
      '2026-04-03T00:00:00.000Z',
    );
    await eventually(async () => sent.filter((mail) => mail.to === desk.agent1.email).length >= 2);
    const subjects = sent.filter((mail) => mail.to === desk.agent1.email).map((mail) => mail.subject);
    expect(subjects).toHaveLength(2);
    for (const task of tasks)
      expect(subjects.some((subject) => subject.includes(`[${task.number}]`))).toBe(true);
  });

  it('a week later the sweep adds the next one (summer time), and a second sweep adds nothing', async () => {
    clock.set('2026-03-27T00:00:00Z');
    await sweep();
    await sweep();
    expect(await dueDates(planId)).toEqual([
      '2026-03-22T01:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-04-05T00:00:00.000Z',
    ]);
    const ids = (await tasksOf(planId)).map((task) => task.id);
    const { rows } = await server.database.pool.query(
      `select aggregate_id, count(*)::int as n from outbox_events
        where type = 'maintenance_task.created' and aggregate_id = any($1) group by aggregate_id`,
      [ids],
    );
    expect(rows.map((row) => row.n)).toEqual([1, 1, 1]);
    const audit = await server.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'maintenance_task.created' and entity_id = any($1)`,
      [ids],
    );
    expect(audit.rows[0].n).toBe(3);
  });

  it('a schedule edit keeps the tasks already generated and applies after them, without duplicates', async () => {
    const plan = (await api.getPlan(desk.callers.admin, planId)).body;
    const edited = await api.patchPlan(desk.callers.admin, planId, plan.version, {
      dtstart: '2026-01-04T03:00:00',
    });
    expect(edited.status).toBe(200);
    await generationDone();
    expect(await dueDates(planId)).toHaveLength(3);
    clock.set('2026-04-03T00:00:00Z');
    await sweep();
    expect(await dueDates(planId)).toEqual([
      '2026-03-22T01:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-04-05T00:00:00.000Z',
      // 03:00 CEST under the edited schedule.
      '2026-04-12T01:00:00.000Z',
    ]);
  });

  it('deactivating stops generation; reactivating resumes from now without the missed occurrences', async () => {
    let plan = (await api.patchPlan(desk.callers.admin, planId, 2, { active: false })).body;
    expect(plan.active).toBe(false);
    clock.set('2026-04-24T00:00:00Z');
    await sweep();
    expect(await dueDates(planId)).toHaveLength(4);
    plan = (await api.patchPlan(desk.callers.admin, planId, plan.version, { active: true })).body;
    await generationDone();
    expect((await dueDates(planId)).slice(4)).toEqual([
      '2026-04-26T01:00:00.000Z',
      '2026-05-03T01:00:00.000Z',
    ]);
    expect((await api.getPlan(desk.callers.admin, planId)).body.generatedThrough).toBe(
      '2026-05-08T00:00:00.000Z',
    );
    expect((await api.deletePlan(desk.callers.admin, planId)).status).toBe(409);
  });
});

describe('working a task', () => {
  it('goes through its lifecycle with the checklist, time and outcome', async () => {
    const [first] = await tasksOf(planId);
    const ref = first.number;
    const early = await api.move(desk.callers.agent1, ref, { state: 'done' });
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({
      code: 'maintenance_tasks.checklist_incomplete',
      details: { itemIds: [1] },
    });
    const started = await api.move(desk.callers.agent1, ref, { state: 'in_progress' });
    expect(started.body).toMatchObject({
      state: 'in_progress',
      allowedTransitions: ['open', 'done', 'skipped', 'cancelled'],
    });
    const ticked = await api.tick(desk.callers.agent1, ref, 1, true);
    expect(ticked.status).toBe(200);
    expect(ticked.body.checklist[0]).toMatchObject({
      done: true,
      doneBy: desk.agent1.id,
      doneAt: clock.now().toISOString(),
    });
    expect((await api.tick(desk.callers.agent1, ref, 1, true)).body.version).toBe(ticked.body.version);
    expect((await api.tick(desk.callers.agent1, ref, 9, true)).status).toBe(404);
    expect((await api.tick(desk.callers.manager, ref, 2, true)).status).toBe(403);

    const logged = await api.logTime(desk.callers.agent1, ref, {
      minutes: 30,
      activity: 'testing',
      note: 'restore',
    });
    expect(logged.status).toBe(201);
    await api.logTime(desk.callers.agent1, ref, { minutes: 15, activity: 'documentation', billable: false });
    expect((await api.logTime(desk.callers.agent1, ref, { minutes: 0, activity: 'testing' })).status).toBe(
      400,
    );
    expect((await api.logTime(desk.callers.manager, ref, { minutes: 5, activity: 'testing' })).status).toBe(
      403,
    );
    expect((await api.listTime(desk.callers.agent1, ref)).body).toMatchObject({
      totalMinutes: 45,
      billableMinutes: 30,
    });
    const asCustomer = (await api.listTime(desk.callers.manager, ref)).body;
    expect(asCustomer).toMatchObject({ totalMinutes: 30, billableMinutes: 30 });
    expect(asCustomer.items.map((entry: { minutes: number }) => entry.minutes)).toEqual([30]);
    expect((await api.deleteTime(desk.callers.agent2, logged.body.id)).status).toBe(403);

    const done = await api.move(desk.callers.agent1, ref, {
      state: 'done',
      outcome: 'Restored in 12 minutes',
    });
    expect(done.body).toMatchObject({
      state: 'done',
      outcome: 'Restored in 12 minutes',
      completedAt: clock.now().toISOString(),
      overdue: false,
      allowedTransitions: ['in_progress'],
    });
    const back = await api.move(desk.callers.agent1, ref, { state: 'open' });
    expect(back.status).toBe(422);
    expect(back.body.error).toMatchObject({
      code: 'maintenance_tasks.invalid_transition',
      details: { allowed: ['in_progress'] },
    });
    const history = (await api.history(desk.callers.manager, ref)).body.items;
    expect(history.map((entry: { kind: string }) => entry.kind)).toEqual([
      'created',
      'state',
      'checklist',
      'time_entry',
      'time_entry',
      'state',
    ]);
    expect(history[5].data).toEqual({ from: 'in_progress', to: 'done', reason: null });
  });

  it('needs a reason to skip or cancel; cancelled is final', async () => {
    const second = (await tasksOf(planId))[1];
    const refused = await api.move(desk.callers.agent1, second.number, { state: 'skipped' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields.map((field: { path: string }) => field.path)).toEqual([
      'body.reason',
    ]);
    const skipped = await api.move(desk.callers.agent1, second.number, {
      state: 'skipped',
      reason: 'Easter freeze',
    });
    expect(skipped.body).toMatchObject({ state: 'skipped', completedAt: clock.now().toISOString() });
    const reopened = await api.move(desk.callers.agent1, second.number, { state: 'open' });
    expect(reopened.body).toMatchObject({ state: 'open', completedAt: null, overdue: true });
    await api.move(desk.callers.agent1, second.number, { state: 'cancelled', reason: 'duplicate' });
    expect((await api.move(desk.callers.agent1, second.number, { state: 'open' })).status).toBe(422);
    expect((await api.move(desk.callers.agent1, second.number, { state: 'paused' })).status).toBe(400);
  });

  it('edits need If-Match; assignment follows the same rules as the plan’s defaults', async () => {
    const third = (await tasksOf(planId))[2];
    expect((await api.patchTask(desk.callers.agent1, third.number, null, { title: 'x' })).status).toBe(428);
    const notMember = await api.patchTask(desk.callers.agent1, third.number, third.version, {
      assigneeId: desk.agent2.id,
    });
    expect(notMember.status).toBe(400);
    expect(notMember.body.error.details.fields).toEqual([
      { path: 'body.assigneeId', message: 'is not a member of the team' },
    ]);
    const moved = await api.patchTask(desk.callers.agent1, third.number, third.version, {
      teamId: desk.l2.id,
      assigneeId: desk.agent2.id,
      dueAt: '2026-04-06T08:00:00Z',
      outcome: 'Moved a day: Easter Sunday',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({
      teamId: desk.l2.id,
      assigneeId: desk.agent2.id,
      dueAt: '2026-04-06T08:00:00.000Z',
      version: third.version + 1,
    });
    expect(moved.headers.etag).toBe(`"${third.version + 1}"`);
    const stale = await api.patchTask(desk.callers.agent1, third.number, third.version, { title: 'lost' });
    expect(stale.status).toBe(412);
    expect(stale.body.error.details.current.assigneeId).toBe(desk.agent2.id);
    expect(
      (await api.patchTask(desk.callers.agent1, third.number, moved.body.version, { colour: 'red' })).status,
    ).toBe(400);
    expect(
      (await api.patchTask(desk.callers.manager, third.number, moved.body.version, { title: 'x' })).status,
    ).toBe(403);
    const history = (await api.history(desk.callers.agent1, third.number)).body.items;
    expect(history.at(-1)).toMatchObject({ kind: 'field', actorId: desk.agent1.id });
  });

  it('lists by assignee, state, due range and overdue, a page at a time in due order', async () => {
    const mine = (await api.listTasks(desk.callers.agent1, `?planId=${planId}&assigneeId=me`)).body.items;
    expect(mine.length).toBe(5);
    expect(mine.every((task: { assigneeId: string }) => task.assigneeId === desk.agent1.id)).toBe(true);
    // Now is 24 April: the 12 April task is open and past due; 5 April was moved to agent2, still open.
    const overdue = (await api.listTasks(desk.callers.admin, `?planId=${planId}&overdue=true`)).body.items;
    expect(overdue.map((task: { dueAt: string }) => task.dueAt)).toEqual([
      '2026-04-06T08:00:00.000Z',
      '2026-04-12T01:00:00.000Z',
    ]);
    const notOverdue = (await api.listTasks(desk.callers.admin, `?planId=${planId}&overdue=false`)).body
      .items;
    expect(notOverdue).toHaveLength(4);
    const finished = (await api.listTasks(desk.callers.admin, `?planId=${planId}&state=done,cancelled`)).body
      .items;
    expect(finished.map((task: { state: string }) => task.state)).toEqual(['done', 'cancelled']);
    const april = await api.listTasks(
      desk.callers.admin,
      `?planId=${planId}&dueFrom=2026-04-01T00:00:00Z&dueTo=2026-05-01T00:00:00Z&sort=-dueAt`,
    );
    expect(april.body.items.map((task: { dueAt: string }) => task.dueAt)).toEqual([
      '2026-04-26T01:00:00.000Z',
      '2026-04-12T01:00:00.000Z',
      '2026-04-06T08:00:00.000Z',
    ]);
    const walked: string[] = [];
    let cursor = '';
    do {
      const page = await api.listTasks(desk.callers.admin, `?planId=${planId}&limit=2${cursor}`);
      walked.push(...page.body.items.map((task: { dueAt: string }) => task.dueAt));
      cursor = page.body.nextCursor ? `&cursor=${page.body.nextCursor}` : '';
    } while (cursor);
    expect(walked).toEqual(await dueDates(planId));
    expect((await api.listTasks(desk.callers.admin, '?dueFrom=yesterday')).status).toBe(400);
    expect((await api.listTasks(desk.callers.admin, '?state=paused')).status).toBe(400);
  });

  it('keeps tenants apart: another organisation’s task is not found, and never listed', async () => {
    const [task] = await tasksOf(planId);
    for (const caller of [desk.callers.outsider, managerB]) {
      expect((await api.getTask(caller, task.number)).status).toBe(404);
      expect((await api.getTask(caller, task.id)).status).toBe(404);
      expect((await api.move(caller, task.number, { state: 'in_progress' })).status).toBe(404);
      expect((await api.listTime(caller, task.number)).status).toBe(404);
      expect((await api.listTasks(caller, `?planId=${planId}`)).body.items).toEqual([]);
    }
    expect((await api.getTask(desk.callers.manager, task.number)).status).toBe(200);
    expect((await api.getTask(desk.callers.manager, task.number)).body.allowedTransitions).toEqual([]);
    expect((await api.getTask(desk.callers.requester, task.number)).status).toBe(403);
    expect((await api.getTask(desk.callers.admin, 'M-1')).status).toBe(404);
    expect((await api.getTask(desk.callers.admin, 'nonsense')).status).toBe(404);
  });
});

describe('the maintenance backlog', () => {
  it('counts open tasks by state, overdue and age at past instants, from the task history', async () => {
    const service = await givenService(server.database.db, desk.a.id);
    clock.set('2026-05-01T00:00:00Z');
    const plan = await api.createPlan(
      desk.callers.admin,
      planBody(service.serviceId, {
        rrule: 'FREQ=DAILY',
        dtstart: '2026-01-01T09:00:00',
        timezone: 'UTC',
        generateAheadDays: 3,
        checklist: [],
      }),
    );
    await generationDone();
    const [first] = await tasksOf(plan.body.id);
    expect(await dueDates(plan.body.id)).toHaveLength(3);
    clock.set('2026-05-01T10:00:00Z');
    await api.move(desk.callers.agent1, first.number, { state: 'in_progress' });
    clock.set('2026-05-01T12:00:00Z');
    await api.move(desk.callers.agent1, first.number, { state: 'done' });
    clock.set('2026-05-02T12:00:00Z');
    await api.move(desk.callers.agent1, first.number, { state: 'in_progress' });

    const db = server.database.db;
    const backlog = (at: string) =>
      maintenanceBacklogAt(db, { all: true }, new Date(at), { serviceId: service.serviceId });
    expect(await backlog('2026-04-30T00:00:00Z')).toMatchObject({ total: 0 });
    expect(await backlog('2026-05-01T11:00:00Z')).toEqual({
      at: '2026-05-01T11:00:00.000Z',
      total: 3,
      byState: { open: 2, in_progress: 1 },
      overdue: 1,
      byAge: { under1d: 3, from1to7d: 0, from7to30d: 0, over30d: 0 },
    });
    expect(await backlog('2026-05-01T13:00:00Z')).toMatchObject({
      total: 2,
      byState: { open: 2, in_progress: 0 },
      overdue: 0,
    });
    expect(await backlog('2026-05-02T13:00:00Z')).toMatchObject({
      total: 3,
      byState: { open: 2, in_progress: 1 },
      overdue: 2,
      byAge: { under1d: 0, from1to7d: 3, from7to30d: 0, over30d: 0 },
    });
    const otherTenant = await maintenanceBacklogAt(
      db,
      { all: false, ids: [desk.b.id] },
      new Date('2026-05-02T13:00:00Z'),
    );
    expect(otherTenant.total).toBe(0);
  });
});
