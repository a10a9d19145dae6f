import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueChecks } from '../../src/features/sla/index.js';
import { fixedClock } from '../../src/platform/clock.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { call } from '../support/http.js';

const clock = fixedClock('2026-03-30T07:00:00Z'); // Monday 09:00 Berlin (CEST)
let server: TestServer;
let desk: Desk;
let policyId: string;

const noEscalation = async () => undefined;
const checks = () => ({ db: server.database.db, publicUrl: 'http://tend.test', escalate: noEscalation });

beforeAll(async () => {
  server = await startTestServer({ clock });
  desk = await givenDesk(server);
  const calendar = await call(server.app, desk.callers.admin, 'POST', '/api/v1/calendars', {
    name: 'Berlin 8/5',
    preset: '8/5',
    timezone: 'Europe/Berlin',
  });
  const policy = await call(server.app, desk.callers.admin, 'POST', '/api/v1/sla/policies', {
    name: 'Standard',
    calendarId: calendar.body.id,
    isDefault: true,
    targets: {
      P3: { firstResponse: 60, nextResponse: 120, resolution: 480 },
      P1: { firstResponse: 15, resolution: 120 },
    },
  });
  expect(policy.status).toBe(201);
  policyId = policy.body.id;
});
afterAll(async () => server?.close());

const openTicket = async () =>
  (
    await call(server.app, desk.callers.requester, 'POST', '/api/v1/tickets', {
      subject: 'Invoices fail',
      description: 'Error 500 on export',
    })
  ).body;
const explain = async (id: string) =>
  (await call(server.app, desk.callers.agent1, 'GET', `/api/v1/tickets/${id}/sla`)).body;
const target = (sla: any, name: string) => sla.targets.find((entry: any) => entry.target === name);

describe('SLA timers on tickets', () => {
  it('start at creation under the default policy and explain themselves', async () => {
    clock.set('2026-03-30T07:00:00Z');
    const ticket = await openTicket();
    expect(ticket.slaDueAt).toBe('2026-03-30T08:00:00.000Z');
    const sla = await explain(ticket.id);
    expect(sla.policy.name).toBe('Standard');
    expect(target(sla, 'first_response')).toMatchObject({
      state: 'running',
      dueAt: '2026-03-30T08:00:00.000Z',
      warnAt: '2026-03-30T07:45:00.000Z',
      remainingSeconds: 3600,
    });
    expect(target(sla, 'resolution')).toMatchObject({ state: 'running', dueAt: '2026-03-30T15:00:00.000Z' });
    expect(sla.timeline[0]).toMatchObject({ kind: 'started', reason: expect.stringContaining('P3') });
  });

  it('meets first response with a public agent reply, pauses while waiting for the customer, and keeps the pause', async () => {
    clock.set('2026-03-30T07:00:00Z');
    const ticket = await openTicket();
    const base = `/api/v1/tickets/${ticket.id}`;
    clock.set('2026-03-30T07:20:00Z');
    await call(server.app, desk.callers.agent1, 'POST', `${base}/messages`, {
      body: 'Can you send the export file?',
    });
    clock.set('2026-03-30T07:30:00Z');
    await call(server.app, desk.callers.agent1, 'POST', `${base}/transition`, { status: 'pending_customer' });
    let sla = await explain(ticket.id);
    expect(target(sla, 'first_response')).toMatchObject({ state: 'met', metAt: '2026-03-30T07:20:00.000Z' });
    expect(target(sla, 'resolution')).toMatchObject({ state: 'paused', dueAt: null });
    clock.set('2026-03-30T09:30:00Z');
    await call(server.app, desk.callers.requester, 'POST', `${base}/messages`, { body: 'Attached.' });
    sla = await explain(ticket.id);
    expect(sla.pauses).toEqual([{ from: '2026-03-30T07:30:00.000Z', to: '2026-03-30T09:30:00.000Z' }]);
    // 8h of business time from 09:00 CEST, 2h paused → Mon 19:00 → Tue 11:00 CEST.
    expect(target(sla, 'resolution')).toMatchObject({ state: 'running', dueAt: '2026-03-31T09:00:00.000Z' });
    // The requester wrote after the first response: a reply is due within 2 business hours.
    expect(target(sla, 'next_response')).toMatchObject({
      state: 'running',
      startedAt: '2026-03-30T09:30:00.000Z',
      dueAt: '2026-03-30T11:30:00.000Z',
    });
    expect(sla.timeline.map((entry: any) => entry.kind)).toEqual(
      expect.arrayContaining(['started', 'met', 'paused', 'resumed']),
    );
  });

  it('changes targets with the priority and records why', async () => {
    clock.set('2026-03-30T07:00:00Z');
    const ticket = await openTicket();
    clock.set('2026-03-30T07:05:00Z');
    const changed = await call(
      server.app,
      desk.callers.agent1,
      'PATCH',
      `/api/v1/tickets/${ticket.id}`,
      { impact: 'high', urgency: 'high' },
      { 'if-match': '"1"' },
    );
    expect(changed.body).toMatchObject({ priority: 'P1', slaDueAt: '2026-03-30T07:15:00.000Z' });
    const sla = await explain(ticket.id);
    expect(target(sla, 'next_response')).toBeUndefined();
    expect(sla.timeline.at(-1)).toMatchObject({
      kind: 'target_changed',
      reason: expect.stringContaining('P3 → P1'),
    });
  });

  it('fires each warning and breach exactly once, also when checked late or twice', async () => {
    clock.set('2026-03-30T07:00:00Z');
    const ticket = await openTicket();
    const late = new Date('2026-03-30T12:00:00Z'); // after warning and due of the first response
    const first = await fireDueChecks(checks(), late, ticket.id);
    const again = await fireDueChecks(checks(), late, ticket.id);
    expect(first).toBe(2); // first response: warning + breach (resolution warns at 75% = 13:00Z, not yet)
    expect(again).toBe(0);
    const events = await server.database.pool.query(
      `select type, payload->>'target' as target from outbox_events where aggregate_id = $1 and type like 'ticket.sla_%' order by id`,
      [ticket.id],
    );
    expect(events.rows).toEqual([
      { type: 'ticket.sla_warning', target: 'first_response' },
      { type: 'ticket.sla_breached', target: 'first_response' },
    ]);
    clock.set(late);
    const sla = await explain(ticket.id);
    expect(target(sla, 'first_response')).toMatchObject({
      state: 'breached',
      breachedAt: late.toISOString(),
      remainingSeconds: -4 * 3600,
    });
  });

  it('never fires twice when several workers check at the same moment', async () => {
    clock.set('2026-03-30T07:00:00Z');
    const ticket = await openTicket();
    const late = new Date('2026-03-30T12:00:00Z');
    const counts = await Promise.all(
      Array.from({ length: 4 }, () => fireDueChecks(checks(), late, ticket.id)),
    );
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(2);
  });

  it('applies the escalation matrix on a breach: notifies and moves the ticket up a tier', async () => {
    await call(server.app, desk.callers.admin, 'PUT', '/api/v1/sla/escalation-matrix', {
      rules: [
        { priority: 'P3', threshold: 'breach', notify: ['team', 'service_managers'], moveToTier: 'L2' },
      ],
    });
    clock.set('2026-03-30T07:00:00Z');
    const ticket = await openTicket();
    const { moveTierOf, loadTicket } = await import('../../src/features/tickets/index.js');
    const escalate = async (
      tx: any,
      ctx: any,
      ticketId: string,
      tier: any,
      teamId: string | null,
      reason: string,
    ) => {
      const row = await loadTicket(tx, ctx, ticketId, true);
      await moveTierOf(tx, { db: server.database.db, closeGraceDays: 7 }, ctx, row, 'up', {
        reason,
        tier,
        ...(teamId ? { teamId } : {}),
      });
    };
    await fireDueChecks({ ...checks(), escalate }, new Date('2026-03-30T08:00:00Z'), ticket.id);
    const after = await call(server.app, desk.callers.agent1, 'GET', `/api/v1/tickets/${ticket.id}`);
    expect(after.body).toMatchObject({ tier: 'L2', teamId: desk.l2.id, escalationCount: 1 });
    const mails =
      await server.database.pool.query(`select j.payload->>'to' as to, j.payload->>'subject' as subject from graphile_worker._private_jobs j
        join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'mail.send'`);
    expect(mails.rows.map((row) => row.to)).toContain(desk.agent1.email);
    expect(mails.rows[0].subject).toContain('SLA breach');
    await call(server.app, desk.callers.admin, 'PUT', '/api/v1/sla/escalation-matrix', { rules: [] });
  });

  it('recomputes open tickets when the policy changes, keeping recorded pauses', async () => {
    clock.set('2026-03-30T07:00:00Z');
    const ticket = await openTicket();
    const base = `/api/v1/tickets/${ticket.id}`;
    clock.set('2026-03-30T08:00:00Z');
    await call(server.app, desk.callers.agent1, 'POST', `${base}/transition`, { status: 'pending_customer' });
    clock.set('2026-03-30T09:00:00Z');
    await call(server.app, desk.callers.agent1, 'POST', `${base}/transition`, { status: 'open' });
    const edited = await call(server.app, desk.callers.admin, 'PATCH', `/api/v1/sla/policies/${policyId}`, {
      targets: {
        P3: { firstResponse: 60, nextResponse: 120, resolution: 240 },
        P1: { firstResponse: 15, resolution: 120 },
      },
    });
    expect(edited.body.version).toBe(2);
    const { slaJobs } = await import('../../src/features/sla/index.js');
    const recompute = slaJobs({ ...checks(), clock }).jobs.find(
      (job) => job.name === 'sla.recompute_policy',
    )!;
    await recompute.handler(
      { policyId, reason: 'policy changed', afterId: null },
      { jobId: '1', attempts: 1, log: server.app.log as any },
    );
    const sla = await explain(ticket.id);
    expect(sla.pauses).toEqual([{ from: '2026-03-30T08:00:00.000Z', to: '2026-03-30T09:00:00.000Z' }]);
    // 4h from 09:00 CEST with the 10:00–11:00 pause → 14:00 CEST.
    expect(target(sla, 'resolution')).toMatchObject({
      targetMinutes: 240,
      dueAt: '2026-03-30T12:00:00.000Z',
    });
    expect(sla.timeline.at(-1)).toMatchObject({ kind: 'recomputed' });
  });
});
