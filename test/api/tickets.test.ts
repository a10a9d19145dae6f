import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { call } from '../support/http.js';

let server: TestServer;
let desk: Desk;

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenDesk(server);
});
afterAll(async () => server?.close());

const open = (caller = desk.callers.requester, body: Record<string, unknown> = {}) =>
  call(server.app, caller, 'POST', '/api/v1/tickets', {
    subject: 'Printer on fire',
    description: 'It is really on fire.',
    ...body,
  });

describe('opening tickets', () => {
  it('lets a requester open a ticket for themselves, routed to the L1 queue with a T-number and priority', async () => {
    const response = await open(desk.callers.requester, {
      impact: 'high',
      urgency: 'high',
      tags: ['Hardware', 'hardware'],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'new',
      priority: 'P1',
      tier: 'L1',
      teamId: desk.l1.id,
      requesterId: desk.requester.id,
      organisationId: desk.a.id,
      channel: 'portal',
      tags: ['hardware'],
      version: 1,
    });
    expect(response.body.number).toMatch(/^T-\d{5,}$/);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body.allowedTransitions).toEqual(['closed']);
  });

  it('lets staff open on behalf of a requester, and requires naming one', async () => {
    const onBehalf = await open(desk.callers.agent1, {
      requesterId: desk.requester.id,
      type: 'service_request',
    });
    expect(onBehalf.status).toBe(201);
    expect(onBehalf.body.channel).toBe('agent');
    const missing = await open(desk.callers.agent1);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields[0].path).toBe('body.requesterId');
  });

  it('keeps customers from routing or opening for others', async () => {
    expect((await open(desk.callers.requester, { requesterId: desk.colleague.id })).status).toBe(400);
    expect((await open(desk.callers.requester, { teamId: desk.l2.id })).status).toBe(400);
  });

  it('refuses an agent opening for a requester of an organisation they do not serve', async () => {
    const response = await open(desk.callers.agent1, { requesterId: desk.requesterB.id });
    expect(response.status).toBe(400);
  });
});

describe('reading tickets', () => {
  it('finds a ticket by id or by number, and hides it from other tenants and other requesters', async () => {
    const created = (await open()).body;
    for (const ref of [created.id, created.number, created.number.replace('T-', '')]) {
      expect((await call(server.app, desk.callers.agent1, 'GET', `/api/v1/tickets/${ref}`)).body.id).toBe(
        created.id,
      );
    }
    expect(
      (await call(server.app, desk.callers.manager, 'GET', `/api/v1/tickets/${created.id}`)).status,
    ).toBe(200);
    expect(
      (await call(server.app, desk.callers.colleague, 'GET', `/api/v1/tickets/${created.id}`)).status,
    ).toBe(404);
    expect(
      (await call(server.app, desk.callers.requesterB, 'GET', `/api/v1/tickets/${created.id}`)).status,
    ).toBe(404);
    expect(
      (await call(server.app, desk.callers.outsider, 'GET', `/api/v1/tickets/${created.number}`)).status,
    ).toBe(404);
  });

  it('lists with filters and text search, never across tenants', async () => {
    await open(desk.callers.requester, { subject: 'VPN drops every hour', tags: ['network'] });
    const found = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      '/api/v1/tickets?q=vpn&status=new,open&tag=network',
    );
    expect(found.status).toBe(200);
    expect(found.body.items.map((item: { subject: string }) => item.subject)).toEqual([
      'VPN drops every hour',
    ]);
    const outsider = await call(server.app, desk.callers.outsider, 'GET', '/api/v1/tickets?limit=100');
    expect(outsider.body.items).toEqual([]);
    const mine = await call(server.app, desk.callers.colleague, 'GET', '/api/v1/tickets');
    expect(mine.body.items).toEqual([]);
  });
});

describe('editing with optimistic locking', () => {
  it('needs If-Match, answers 412 with the current state on a stale version, and recomputes priority', async () => {
    const created = (await open()).body;
    const url = `/api/v1/tickets/${created.id}`;
    const missing = await call(server.app, desk.callers.agent1, 'PATCH', url, { impact: 'high' });
    expect(missing.status).toBe(428);
    const first = await call(
      server.app,
      desk.callers.agent1,
      'PATCH',
      url,
      { impact: 'high', urgency: 'high' },
      { 'if-match': '"1"' },
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ priority: 'P1', version: 2 });
    const stale = await call(
      server.app,
      desk.callers.agent2,
      'PATCH',
      url,
      { subject: 'overwrite' },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('tickets.version_conflict');
    expect(stale.body.error.details.current).toMatchObject({
      version: 2,
      priority: 'P1',
      subject: created.subject,
    });
    expect(
      (
        await call(
          server.app,
          desk.callers.requester,
          'PATCH',
          url,
          { subject: 'mine' },
          { 'if-match': '"2"' },
        )
      ).status,
    ).toBe(403);
  });
});

describe('lifecycle through the API', () => {
  it('answers 422 with the allowed transitions for an invalid one', async () => {
    const created = (await open()).body;
    const response = await call(
      server.app,
      desk.callers.agent1,
      'POST',
      `/api/v1/tickets/${created.id}/transition`,
      { status: 'new' },
    );
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('tickets.invalid_transition');
    expect(response.body.error.details.allowed).toEqual([
      'open',
      'pending_customer',
      'pending_third_party',
      'on_hold',
      'resolved',
      'closed',
    ]);
  });

  it('reopens a ticket waiting for the customer when they reply, and counts reopen after resolution', async () => {
    const created = (await open()).body;
    const base = `/api/v1/tickets/${created.id}`;
    await call(server.app, desk.callers.agent1, 'POST', `${base}/messages`, { body: 'Which printer?' });
    expect((await call(server.app, desk.callers.agent1, 'GET', base)).body.status).toBe('open');
    await call(server.app, desk.callers.agent1, 'POST', `${base}/transition`, { status: 'pending_customer' });
    await call(server.app, desk.callers.requester, 'POST', `${base}/messages`, {
      body: 'The one on floor 2.',
    });
    expect((await call(server.app, desk.callers.agent1, 'GET', base)).body.status).toBe('open');
    await call(server.app, desk.callers.agent1, 'POST', `${base}/transition`, {
      status: 'resolved',
      reason: 'replaced toner',
    });
    const reopened = await call(server.app, desk.callers.requester, 'POST', `${base}/transition`, {
      status: 'open',
      reason: 'still broken',
    });
    expect(reopened.body).toMatchObject({ status: 'open', reopenCount: 1, resolvedAt: null });
    const history = await call(server.app, desk.callers.agent1, 'GET', `${base}/history?limit=100`);
    const statuses = history.body.items
      .filter((entry: { kind: string }) => entry.kind === 'status')
      .map((entry: any) => `${entry.data.from}>${entry.data.to}`);
    expect(statuses).toEqual([
      'new>open',
      'open>pending_customer',
      'pending_customer>open',
      'open>resolved',
      'resolved>open',
    ]);
  });

  it('escalates with a reason into the next tier’s team, recorded in history', async () => {
    const created = (await open()).body;
    const base = `/api/v1/tickets/${created.id}`;
    expect((await call(server.app, desk.callers.agent1, 'POST', `${base}/escalate`, {})).status).toBe(400);
    const up = await call(server.app, desk.callers.agent1, 'POST', `${base}/escalate`, {
      reason: 'needs log analysis',
    });
    expect(up.body).toMatchObject({ tier: 'L2', teamId: desk.l2.id, assigneeId: null, escalationCount: 1 });
    const skip = await call(server.app, desk.callers.agent2, 'POST', `${base}/escalate`, {
      reason: 'code fix',
      tier: 'L3',
    });
    expect(skip.body).toMatchObject({ tier: 'L3', teamId: desk.l3.id, escalationCount: 2 });
    const down = await call(server.app, desk.callers.agent2, 'POST', `${base}/de-escalate`, {
      reason: 'fixed, back to L1',
      tier: 'L1',
    });
    expect(down.body).toMatchObject({ tier: 'L1', teamId: desk.l1.id, escalationCount: 2 });
    const noL4 = await call(server.app, desk.callers.agent1, 'POST', `${base}/escalate`, {
      reason: 'x',
      tier: 'L4',
    });
    expect(noL4.status).toBe(422);
    expect(noL4.body.error.code).toBe('tickets.no_team_for_tier');
    const history = await call(server.app, desk.callers.agent1, 'GET', `${base}/history?limit=100`);
    const moves = history.body.items
      .filter((entry: any) => entry.kind.includes('escalated'))
      .map((entry: any) => [entry.kind, entry.data.fromTier, entry.data.toTier, entry.data.reason]);
    expect(moves).toEqual([
      ['escalated', 'L1', 'L2', 'needs log analysis'],
      ['escalated', 'L2', 'L3', 'code fix'],
      ['de_escalated', 'L3', 'L1', 'fixed, back to L1'],
    ]);
    expect(
      (await call(server.app, desk.callers.requester, 'POST', `${base}/escalate`, { reason: 'please' }))
        .status,
    ).toBe(403);
  });
});

describe('internal notes', () => {
  it('are never shown to requesters, in messages or history', async () => {
    const created = (await open()).body;
    const base = `/api/v1/tickets/${created.id}`;
    await call(server.app, desk.callers.agent1, 'POST', `${base}/messages`, {
      body: 'SECRET: customer is on an old contract',
      visibility: 'internal',
    });
    await call(server.app, desk.callers.agent1, 'POST', `${base}/messages`, { body: 'We are on it.' });
    for (const caller of [desk.callers.requester, desk.callers.manager]) {
      const messages = await call(server.app, caller, 'GET', `${base}/messages`);
      expect(messages.body.items.map((item: { body: string }) => item.body)).toEqual(['We are on it.']);
      const history = await call(server.app, caller, 'GET', `${base}/history?limit=100`);
      expect(JSON.stringify(history.body)).not.toContain('note');
    }
    const staff = await call(server.app, desk.callers.agent1, 'GET', `${base}/messages`);
    expect(staff.body.items).toHaveLength(2);
    const noteByRequester = await call(server.app, desk.callers.requester, 'POST', `${base}/messages`, {
      body: 'x',
      visibility: 'internal',
    });
    expect(noteByRequester.status).toBe(403);
  });
});

describe('closing after the grace period', () => {
  it('closes resolved tickets once the grace period has passed, and then refuses a reopen', async () => {
    const { closeExpiredResolutions } = await import('../../src/features/tickets/index.js');
    const created = (await open()).body;
    const base = `/api/v1/tickets/${created.id}`;
    await call(server.app, desk.callers.agent1, 'POST', `${base}/transition`, { status: 'resolved' });
    const deps = { db: server.database.db, closeGraceDays: 7 };
    const inSixDays = new Date(Date.now() + 6 * 86_400_000);
    expect(await closeExpiredResolutions(deps, inSixDays)).toBe(0);
    const inEightDays = new Date(Date.now() + 8 * 86_400_000);
    expect(await closeExpiredResolutions(deps, inEightDays)).toBeGreaterThanOrEqual(1);
    const closed = await call(server.app, desk.callers.requester, 'GET', base);
    expect(closed.body).toMatchObject({ status: 'closed', allowedTransitions: [] });
    const history = await call(server.app, desk.callers.agent1, 'GET', `${base}/history?limit=100`);
    expect(history.body.items.at(-1).data).toMatchObject({
      from: 'resolved',
      to: 'closed',
      reason: 'grace period ended',
    });
    const reply = await call(server.app, desk.callers.requester, 'POST', `${base}/messages`, {
      body: 'still broken',
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('tickets.closed');
  });
});

describe('round-robin assignment', () => {
  it('hands new tickets of a round-robin team to its active members in turn', async () => {
    const { givenTeam, givenUser } = await import('../support/factories.js');
    const db = server.database.db;
    const members = [
      await givenUser(db, 'agent', desk.providerId),
      await givenUser(db, 'agent', desk.providerId),
      await givenUser(db, 'agent', desk.providerId),
    ];
    const team = await givenTeam(
      db,
      'L1',
      [desk.a.id],
      members.map((member) => member.id),
    );
    await call(server.app, desk.callers.admin, 'PATCH', `/api/v1/teams/${team.id}`, { roundRobin: true });
    await server.database.pool.query('update users set active = false where id = $1', [members[1]!.id]);
    const assignees: string[] = [];
    for (let n = 0; n < 4; n++) {
      const created = await open(desk.callers.agent1, { requesterId: desk.requester.id, teamId: team.id });
      assignees.push(created.body.assigneeId);
    }
    const active = [members[0]!.id, members[2]!.id].sort();
    expect(new Set(assignees)).toEqual(new Set(active));
    expect(assignees[0]).not.toBe(assignees[1]);
    expect(assignees[2]).toBe(assignees[0]);
    expect(assignees[3]).toBe(assignees[1]);
  });
});
