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

async function openTicket(): Promise<{ id: string; number: string }> {
  const response = await call(server.app, desk.callers.requester, 'POST', '/api/v1/tickets', {
    subject: 'Reports are slow',
    description: 'The monthly report takes ten minutes.',
  });
  expect(response.status).toBe(201);
  return response.body;
}

const log = (caller: Caller, ref: string, body: Record<string, unknown>) =>
  call(server.app, caller, 'POST', `/api/v1/tickets/${ref}/time-entries`, body);

describe('logging time', () => {
  it('records an entry with defaults (billable, today UTC) and internal history, audited', async () => {
    const ticket = await openTicket();
    const response = await log(desk.callers.agent1, ticket.number, { minutes: 45, activity: 'analysis' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      ticketId: ticket.id,
      userId: desk.agent1.id,
      minutes: 45,
      billable: true,
      activity: 'analysis',
      note: '',
      spentOn: new Date().toISOString().slice(0, 10),
    });
    const history = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      `/api/v1/tickets/${ticket.id}/history`,
    );
    const entry = history.body.items.find((item: { kind: string }) => item.kind === 'time_entry');
    expect(entry.data).toMatchObject({
      action: 'created',
      entryId: response.body.id,
      after: { minutes: 45 },
    });
    const requesterHistory = await call(
      server.app,
      desk.callers.requester,
      'GET',
      `/api/v1/tickets/${ticket.id}/history`,
    );
    expect(requesterHistory.body.items.map((item: { kind: string }) => item.kind)).not.toContain(
      'time_entry',
    );
    const audit = await call(
      server.app,
      desk.callers.admin,
      'GET',
      `/api/v1/audit?entityType=time_entry&entityId=${response.body.id}`,
    );
    expect(audit.body.items).toMatchObject([
      { action: 'time_entry.created', actorId: desk.agent1.id, organisationId: desk.a.id },
    ]);
  });

  it.each([
    [{ minutes: 0, activity: 'testing' }, 'body.minutes'],
    [{ minutes: 1441, activity: 'testing' }, 'body.minutes'],
    [{ minutes: 1.5, activity: 'testing' }, 'body.minutes'],
    [{ minutes: 10, activity: 'coding' }, 'body.activity'],
    [{ minutes: 10 }, 'body.activity'],
    [{ minutes: 10, activity: 'testing', spentOn: '2026-02-30' }, 'body.spentOn'],
    [{ minutes: 10, activity: 'testing', spentOn: '2999-01-01' }, 'body.spentOn'],
    [{ minutes: 10, activity: 'testing', billable: 'yes' }, 'body.billable'],
    [{ minutes: 10, activity: 'testing', userId: '00000000-0000-0000-0000-000000000000' }, 'body.userId'],
  ])('refuses %j (400 naming %s)', async (body, path) => {
    const ticket = await openTicket();
    const response = await log(desk.callers.agent1, ticket.id, body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((field: { path: string }) => field.path)).toContain(path);
  });

  it('accepts the bounds and a past date', async () => {
    const ticket = await openTicket();
    expect((await log(desk.callers.agent1, ticket.id, { minutes: 1, activity: 'other' })).status).toBe(201);
    const long = await log(desk.callers.agent1, ticket.id, {
      minutes: 1440,
      activity: 'travel',
      billable: false,
      spentOn: '2024-02-29',
      note: 'on site',
    });
    expect(long.status).toBe(201);
    expect(long.body).toMatchObject({
      minutes: 1440,
      billable: false,
      spentOn: '2024-02-29',
      note: 'on site',
    });
  });
});

describe('editing time entries', () => {
  it('lets the author and admins change or delete an entry; other staff get 403, customers 403', async () => {
    const ticket = await openTicket();
    const entry = (await log(desk.callers.agent1, ticket.id, { minutes: 30, activity: 'development' })).body;
    const url = `/api/v1/time-entries/${entry.id}`;
    const edited = await call(server.app, desk.callers.agent1, 'PATCH', url, { minutes: 40, note: 'more' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ minutes: 40, note: 'more', activity: 'development' });
    const other = await call(server.app, desk.callers.agent2, 'PATCH', url, { minutes: 1 });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('time_entries.not_author');
    expect((await call(server.app, desk.callers.agent2, 'DELETE', url)).status).toBe(403);
    for (const caller of [desk.callers.manager, desk.callers.requester]) {
      expect((await call(server.app, caller, 'PATCH', url, { minutes: 1 })).status).toBe(403);
      expect((await call(server.app, caller, 'DELETE', url)).status).toBe(403);
    }
    const byAdmin = await call(server.app, desk.callers.admin, 'PATCH', url, { billable: false });
    expect(byAdmin.body).toMatchObject({ minutes: 40, billable: false, userId: desk.agent1.id });
    expect((await call(server.app, desk.callers.agent1, 'PATCH', url, { minutes: 0 })).status).toBe(400);
    expect((await call(server.app, desk.callers.agent1, 'DELETE', url)).status).toBe(204);
    expect((await call(server.app, desk.callers.agent1, 'DELETE', url)).status).toBe(404);
    expect((await call(server.app, desk.callers.agent1, 'PATCH', url, { minutes: 5 })).status).toBe(404);
    const history = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      `/api/v1/tickets/${ticket.id}/history`,
    );
    const actions = history.body.items
      .filter((item: { kind: string }) => item.kind === 'time_entry')
      .map((item: { data: { action: string } }) => item.data.action);
    expect(actions).toEqual(['created', 'updated', 'updated', 'deleted']);
  });
});

describe('listing time with totals', () => {
  it('totals every entry across pages; customer managers see billable entries only; requesters none', async () => {
    const ticket = await openTicket();
    await log(desk.callers.agent1, ticket.id, { minutes: 30, activity: 'analysis' });
    await log(desk.callers.agent2, ticket.id, { minutes: 90, activity: 'development' });
    await log(desk.callers.agent1, ticket.id, { minutes: 15, activity: 'meeting', billable: false });
    const base = `/api/v1/tickets/${ticket.id}/time-entries`;
    const first = await call(server.app, desk.callers.agent1, 'GET', `${base}?limit=2`);
    expect(first.body).toMatchObject({ totalMinutes: 135, billableMinutes: 120 });
    expect(first.body.items.map((item: { minutes: number }) => item.minutes)).toEqual([30, 90]);
    const second = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      `${base}?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((item: { minutes: number }) => item.minutes)).toEqual([15]);
    expect(second.body).toMatchObject({ nextCursor: null, totalMinutes: 135, billableMinutes: 120 });
    const manager = await call(server.app, desk.callers.manager, 'GET', base);
    expect(manager.status).toBe(200);
    expect(manager.body.items.map((item: { minutes: number }) => item.minutes)).toEqual([30, 90]);
    expect(manager.body).toMatchObject({ totalMinutes: 120, billableMinutes: 120 });
    expect((await call(server.app, desk.callers.requester, 'GET', base)).status).toBe(403);
    const forged = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      `${base}?cursor=eyJ2IjpudWxsLCJpZCI6IngifQ`,
    );
    expect(forged.status).toBe(400);
  });
});

describe('time entries across tenants', () => {
  it('hides another organisation’s tickets and entries (404) and keeps customers from writing (403)', async () => {
    const ticket = await openTicket();
    const entry = (await log(desk.callers.agent1, ticket.id, { minutes: 20, activity: 'testing' })).body;
    const list = `/api/v1/tickets/${ticket.id}/time-entries`;
    const one = `/api/v1/time-entries/${entry.id}`;
    const matrix: [string, Caller, number, number, number, number][] = [
      // caller, GET list, POST, PATCH, DELETE
      ['agent of another organisation', desk.callers.outsider, 404, 404, 404, 404],
      ['requester of another organisation', desk.callers.requesterB, 404, 404, 404, 404],
      ['requester who cannot see the ticket', desk.callers.colleague, 404, 404, 404, 404],
      ['the ticket’s requester', desk.callers.requester, 403, 403, 403, 403],
      ['their customer manager', desk.callers.manager, 200, 403, 403, 403],
      ['an agent of the organisation (not the author)', desk.callers.agent2, 200, 201, 403, 403],
    ];
    for (const [who, caller, get, post, patch, del] of matrix) {
      const statuses = [
        (await call(server.app, caller, 'GET', list)).status,
        (await log(caller, ticket.id, { minutes: 5, activity: 'other' })).status,
        (await call(server.app, caller, 'PATCH', one, { minutes: 5 })).status,
        (await call(server.app, caller, 'DELETE', one)).status,
      ];
      expect({ who, statuses }).toEqual({ who, statuses: [get, post, patch, del] });
    }
    const anonymous = await call(server.app, null, 'GET', list);
    expect(anonymous.status).toBe(401);
  });
});
