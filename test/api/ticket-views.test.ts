import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedViews } from '../../src/db/schema/index.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { givenTeam } from '../support/factories.js';
import { type Caller, call } from '../support/http.js';

let server: TestServer;
let desk: Desk;
let shared: { id: string };

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenDesk(server);
  // An L1 team with agent1 and agent2 (agent3 is not a member).
  shared = await givenTeam(server.database.db, 'L1', [desk.a.id], [desk.agent1.id, desk.agent2.id]);
});
afterAll(async () => server?.close());

let tagSequence = 0;
const freshTag = () => `views-${Date.now().toString(36)}-${tagSequence++}`;

async function openTicket(tag: string, assigneeId?: string): Promise<{ id: string }> {
  const response = await call(server.app, desk.callers.agent1, 'POST', '/api/v1/tickets', {
    subject: 'Backup job failed',
    description: 'The nightly backup did not run.',
    requesterId: desk.requester.id,
    tags: [tag],
    ...(assigneeId ? { assigneeId, teamId: shared.id } : {}),
  });
  expect(response.status).toBe(201);
  return response.body;
}

const saveView = (caller: Caller, body: Record<string, unknown>) =>
  call(server.app, caller, 'POST', '/api/v1/views', body);

async function countOf(caller: Caller, viewId: string, query = ''): Promise<number | null | undefined> {
  const list = await call(server.app, caller, 'GET', `/api/v1/views${query}`);
  expect(list.status).toBe(200);
  return list.body.items.find((view: { id: string }) => view.id === viewId)?.count;
}

describe('saved views with live counts', () => {
  it('counts the tickets matching now, following the tickets as they change', async () => {
    const tag = freshTag();
    const created = await saveView(desk.callers.agent1, {
      name: 'Active backups',
      filters: { tag, status: 'new,open' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ownerId: desk.agent1.id,
      teamId: null,
      filters: { tag, status: 'new,open' },
      sort: '-updatedAt',
      count: 0,
    });
    const first = await openTicket(tag);
    await openTicket(tag);
    await openTicket(freshTag());
    expect(await countOf(desk.callers.agent1, created.body.id)).toBe(2);
    await call(server.app, desk.callers.agent1, 'POST', `/api/v1/tickets/${first.id}/transition`, {
      status: 'resolved',
    });
    expect(await countOf(desk.callers.agent1, created.body.id)).toBe(1);
    // The stored filters are the query string of GET /tickets: the same tickets, the same count.
    const listed = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      `/api/v1/tickets?${new URLSearchParams(created.body.filters)}`,
    );
    expect(listed.body.items).toHaveLength(1);
  });

  it('resolves "me" to whoever looks at a shared view', async () => {
    const tag = freshTag();
    const view = await saveView(desk.callers.agent1, {
      name: 'Mine in this queue',
      filters: { tag, assigneeId: 'me' },
      teamId: shared.id,
    });
    expect(view.body).toMatchObject({ ownerId: null, teamId: shared.id });
    await openTicket(tag, desk.agent1.id);
    await openTicket(tag, desk.agent1.id);
    await openTicket(tag, desk.agent2.id);
    expect(await countOf(desk.callers.agent1, view.body.id)).toBe(2);
    expect(await countOf(desk.callers.agent2, view.body.id)).toBe(1);
  });

  it('counts only what the caller may see', async () => {
    const tag = freshTag();
    await openTicket(tag);
    const mine = await saveView(desk.callers.outsider, { name: 'Everything tagged', filters: { tag } });
    expect(mine.body.count).toBe(0);
    const byAgent = await saveView(desk.callers.agent1, { name: 'Everything tagged', filters: { tag } });
    expect(byAgent.body.count).toBe(1);
  });

  it('says null for stored filters that are no longer valid', async () => {
    const now = new Date();
    await server.database.db.insert(savedViews).values({
      id: '0190f000-0000-7000-8000-000000000001',
      name: 'From an older version',
      ownerId: desk.agent1.id,
      filters: { status: 'archived' },
      sort: '-updatedAt',
      createdAt: now,
      updatedAt: now,
    });
    expect(await countOf(desk.callers.agent1, '0190f000-0000-7000-8000-000000000001')).toBeNull();
  });
});

describe('personal and team views', () => {
  it('shows personal views to their owner only; team views to the team’s members', async () => {
    const personal = (await saveView(desk.callers.agent1, { name: 'Personal' })).body;
    const team = (await saveView(desk.callers.agent2, { name: 'Team queue', teamId: shared.id })).body;
    const names = async (caller: Caller) =>
      (await call(server.app, caller, 'GET', '/api/v1/views')).body.items.map(
        (view: { id: string }) => view.id,
      );
    expect(await names(desk.callers.agent1)).toEqual(expect.arrayContaining([personal.id, team.id]));
    expect(await names(desk.callers.agent2)).toContain(team.id);
    expect(await names(desk.callers.agent2)).not.toContain(personal.id);
    const admin = await call(server.app, desk.callers.admin, 'GET', '/api/v1/views');
    expect(admin.body.items.map((view: { id: string }) => view.id)).not.toContain(team.id);
    // Any member may edit the team view (admins who are not members do not list it); nobody else
    // may touch agent1’s personal one.
    const renamed = await call(server.app, desk.callers.agent1, 'PATCH', `/api/v1/views/${team.id}`, {
      name: 'Team queue (L1)',
      filters: { priority: 'P1,P2' },
      sort: 'priority',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Team queue (L1)',
      filters: { priority: 'P1,P2' },
      sort: 'priority',
    });
    expect(
      (await call(server.app, desk.callers.agent2, 'PATCH', `/api/v1/views/${personal.id}`, { name: 'x' }))
        .status,
    ).toBe(404);
    expect(
      (await call(server.app, desk.callers.agent2, 'DELETE', `/api/v1/views/${personal.id}`)).status,
    ).toBe(404);
  });

  it('lets only members (and admins) share with a team, and admins manage any team’s views', async () => {
    const outsider = await saveView(desk.callers.outsider, { name: 'Not mine', teamId: shared.id });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.code).toBe('views.not_team_member');
    expect(
      (await call(server.app, desk.callers.outsider, 'GET', `/api/v1/views?teamId=${shared.id}`)).status,
    ).toBe(403);
    const byAdmin = await saveView(desk.callers.admin, {
      name: 'Set by the admin',
      teamId: shared.id,
      filters: { tag: freshTag() },
    });
    expect(byAdmin.status).toBe(201);
    const adminList = await call(server.app, desk.callers.admin, 'GET', `/api/v1/views?teamId=${shared.id}`);
    expect(adminList.body.items.map((view: { id: string }) => view.id)).toContain(byAdmin.body.id);
    expect(await countOf(desk.callers.agent1, byAdmin.body.id)).toBe(0);
    const team = (await saveView(desk.callers.agent1, { name: 'Members only', teamId: shared.id })).body;
    expect(
      (await call(server.app, desk.callers.outsider, 'PATCH', `/api/v1/views/${team.id}`, { name: 'x' }))
        .status,
    ).toBe(404);
    expect(
      (await call(server.app, desk.callers.admin, 'PATCH', `/api/v1/views/${team.id}`, { position: 3 })).body
        .position,
    ).toBe(3);
    expect((await call(server.app, desk.callers.admin, 'DELETE', `/api/v1/views/${team.id}`)).status).toBe(
      204,
    );
    expect((await call(server.app, desk.callers.agent1, 'DELETE', `/api/v1/views/${team.id}`)).status).toBe(
      404,
    );
  });

  it('moves a view between personal and shared, and audits it', async () => {
    const view = (await saveView(desk.callers.agent2, { name: 'Moving' })).body;
    const sharedView = await call(server.app, desk.callers.agent2, 'PATCH', `/api/v1/views/${view.id}`, {
      teamId: shared.id,
    });
    expect(sharedView.body).toMatchObject({ ownerId: null, teamId: shared.id });
    const intoL3 = await call(server.app, desk.callers.agent2, 'PATCH', `/api/v1/views/${view.id}`, {
      teamId: desk.l3.id,
    });
    expect(intoL3.status).toBe(403);
    const back = await call(server.app, desk.callers.agent1, 'PATCH', `/api/v1/views/${view.id}`, {
      teamId: null,
    });
    expect(back.body).toMatchObject({ ownerId: desk.agent1.id, teamId: null });
    const audit = await call(
      server.app,
      desk.callers.admin,
      'GET',
      `/api/v1/audit?entityType=saved_view&entityId=${view.id}`,
    );
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'saved_view.updated',
      'saved_view.updated',
      'saved_view.created',
    ]);
  });

  it('is for staff only', async () => {
    for (const caller of [desk.callers.manager, desk.callers.requester]) {
      expect((await call(server.app, caller, 'GET', '/api/v1/views')).status).toBe(403);
      expect((await saveView(caller, { name: 'Mine' })).status).toBe(403);
    }
  });
});

describe('validating views', () => {
  it.each([
    [{ name: 'Bad status', filters: { status: 'new,archived' } }, 'body.filters.status.1'],
    [{ name: 'Unknown filter', filters: { colour: 'red' } }, 'body.filters.colour'],
    [{ name: 'Bad sort', sort: 'subject' }, 'body.sort'],
    [{ name: '' }, 'body.name'],
    [{ name: 'Bad team', teamId: '00000000-0000-4000-8000-000000000000' }, 'body.teamId'],
  ])('refuses %j (400 naming %s)', async (body, path) => {
    const response = await saveView(desk.callers.agent1, body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((field: { path: string }) => field.path)).toContain(path);
  });

  it('keeps at most 50 personal views per user', async () => {
    const caller = desk.callers.outsider;
    const existing = (await call(server.app, caller, 'GET', '/api/v1/views')).body.items.length;
    for (let index = existing; index < 50; index++) {
      expect((await saveView(caller, { name: `View ${index}` })).status).toBe(201);
    }
    const tooMany = await saveView(caller, { name: 'One more' });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.code).toBe('views.limit_reached');
    const list = await call(server.app, caller, 'GET', '/api/v1/views');
    expect(list.body.items).toHaveLength(50);
  });
});
