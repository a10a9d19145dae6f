import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { type Caller, call } from '../support/http.js';

let server: TestServer;
let desk: Desk;

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenDesk(server);
});
afterAll(async () => server?.close());

type Ticket = { id: string; number: string; status: string; tags: string[]; assigneeId: string | null };

async function openTicket(caller: Caller = desk.callers.requester, tags: string[] = []): Promise<Ticket> {
  const response = await call(server.app, caller, 'POST', '/api/v1/tickets', {
    subject: 'Disk almost full',
    description: 'The database server is at 95%.',
    tags,
  });
  expect(response.status).toBe(201);
  return response.body;
}

const read = async (id: string): Promise<Ticket> =>
  (await call(server.app, desk.callers.agent1, 'GET', `/api/v1/tickets/${id}`)).body;

const bulk = (body: Record<string, unknown>, caller: Caller = desk.callers.agent1) =>
  call(server.app, caller, 'POST', '/api/v1/tickets/bulk', body);

describe('bulk update', () => {
  it('applies the valid items and reports each failure, one transaction per ticket', async () => {
    const [first, second] = [await openTicket(), await openTicket()];
    const closed = await openTicket(desk.callers.requester, ['keep']);
    await call(server.app, desk.callers.agent1, 'POST', `/api/v1/tickets/${closed.id}/transition`, {
      status: 'closed',
    });
    const otherTenant = await openTicket(desk.callers.requesterB);
    const refs = [first.number, otherTenant.id, closed.id, second.id, 'T-9999999', 'garbage'];
    const response = await bulk({
      ticketIds: refs,
      changes: { status: 'pending_customer', assigneeId: desk.agent1.id, addTags: ['bulk', 'disk'] },
      reason: 'asked for the server name',
    });
    expect(response.status).toBe(200);
    const summary = response.body.results.map((result: any) => [
      result.ref,
      result.ok ? 'ok' : result.error.code,
    ]);
    expect(summary).toEqual([
      [first.number, 'ok'],
      [otherTenant.id, 'ticket.not_found'],
      [closed.id, 'tickets.invalid_transition'],
      [second.id, 'ok'],
      ['T-9999999', 'ticket.not_found'],
      ['garbage', 'ticket.not_found'],
    ]);
    expect(response.body.results[0].ticket).toMatchObject({
      id: first.id,
      status: 'pending_customer',
      assigneeId: desk.agent1.id,
      tags: ['bulk', 'disk'],
    });
    for (const ticket of [first, second]) {
      expect(await read(ticket.id)).toMatchObject({ status: 'pending_customer', assigneeId: desk.agent1.id });
    }
    // The failed ticket got none of its changes: the tags and assignment rolled back with the transition.
    expect(await read(closed.id)).toMatchObject({ status: 'closed', tags: ['keep'], assigneeId: null });
    const history = await call(server.app, desk.callers.agent1, 'GET', `/api/v1/tickets/${first.id}/history`);
    const status = history.body.items.find((entry: { kind: string }) => entry.kind === 'status');
    expect(status.data).toMatchObject({
      from: 'new',
      to: 'pending_customer',
      reason: 'asked for the server name',
    });
    expect(history.body.items.map((entry: { kind: string }) => entry.kind)).toEqual([
      'created',
      'assigned',
      'field',
      'status',
    ]);
  });

  it('adds and removes tags, and treats "already so" as done', async () => {
    const ticket = await openTicket(desk.callers.requester, ['old', 'stays']);
    const response = await bulk({
      ticketIds: [ticket.id],
      changes: { addTags: ['New'], removeTags: ['old'], status: 'new' },
    });
    expect(response.body.results[0]).toMatchObject({
      ok: true,
      ticket: { tags: ['stays', 'new'], status: 'new' },
    });
  });

  it('escalates and de-escalates by tier with a reason, into the tier’s team', async () => {
    const [low, already] = [await openTicket(), await openTicket()];
    await call(server.app, desk.callers.agent1, 'POST', `/api/v1/tickets/${already.id}/escalate`, {
      reason: 'first',
    });
    const noReason = await bulk({ ticketIds: [low.id], changes: { tier: 'L2' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.fields[0].path).toBe('body.reason');
    const up = await bulk({ ticketIds: [low.id, already.id], changes: { tier: 'L2' }, reason: 'needs logs' });
    expect(
      up.body.results.map((result: any) => [result.ok, result.ticket.tier, result.ticket.teamId]),
    ).toEqual([
      [true, 'L2', desk.l2.id],
      [true, 'L2', desk.l2.id],
    ]);
    expect(up.body.results.map((result: any) => result.ticket.escalationCount)).toEqual([1, 1]);
    const down = await bulk({
      ticketIds: [low.id],
      changes: { tier: 'L1', assigneeId: desk.agent1.id },
      reason: 'simple after all',
    });
    expect(down.body.results[0].ticket).toMatchObject({
      tier: 'L1',
      teamId: desk.l1.id,
      assigneeId: desk.agent1.id,
    });
    const noTeam = await bulk({ ticketIds: [low.id], changes: { tier: 'L4' }, reason: 'x' });
    expect(noTeam.body.results[0].error.code).toBe('tickets.no_team_for_tier');
  });

  it('validates the request as a whole', async () => {
    const ticket = await openTicket();
    expect((await bulk({ ticketIds: [ticket.id], changes: {} })).status).toBe(400);
    expect((await bulk({ ticketIds: [], changes: { status: 'open' } })).status).toBe(400);
    const tooMany = Array.from({ length: 201 }, () => ticket.id);
    expect((await bulk({ ticketIds: tooMany, changes: { status: 'open' } })).status).toBe(400);
    expect((await bulk({ ticketIds: [ticket.id], changes: { status: 'gone' } })).status).toBe(400);
    expect((await bulk({ ticketIds: [ticket.id], changes: { colour: 'red' } })).status).toBe(400);
    const invalidAssignee = await bulk({
      ticketIds: [ticket.id],
      changes: { assigneeId: desk.requester.id },
    });
    expect(invalidAssignee.body.results[0].error).toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ path: 'body.changes.assigneeId' }] },
    });
    for (const caller of [desk.callers.requester, desk.callers.manager]) {
      expect((await bulk({ ticketIds: [ticket.id], changes: { status: 'closed' } }, caller)).status).toBe(
        403,
      );
    }
    expect((await read(ticket.id)).status).toBe('new');
  });
});

describe('bulk updates at the same time', () => {
  it('never deadlock on overlapping tickets in opposite orders, and lose no change', async () => {
    const tickets = await Promise.all(Array.from({ length: 20 }, () => openTicket()));
    const ids = tickets.map((ticket) => ticket.id);
    const responses = await Promise.all([
      bulk({ ticketIds: ids, changes: { addTags: ['alpha'] } }, desk.callers.agent1),
      bulk({ ticketIds: [...ids].reverse(), changes: { addTags: ['beta'] } }, desk.callers.agent2),
      bulk({ ticketIds: ids, changes: { status: 'open' } }, desk.callers.admin),
      bulk({ ticketIds: [...ids].reverse(), changes: { removeTags: ['none'], tier: 'L2' }, reason: 'r' }),
    ]);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body.results.filter((result: { ok: boolean }) => !result.ok)).toEqual([]);
    }
    for (const id of ids) {
      const ticket = await read(id);
      expect([...ticket.tags].sort()).toEqual(['alpha', 'beta']);
      expect(ticket.status).toBe('open');
    }
  });
});
