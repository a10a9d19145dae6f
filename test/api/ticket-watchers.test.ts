import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { givenUser } from '../support/factories.js';
import { type Caller, call } from '../support/http.js';

let server: TestServer;
let desk: Desk;

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenDesk(server);
});
afterAll(async () => server?.close());

const open = async (caller: Caller = desk.callers.requester) =>
  (await call(server.app, caller, 'POST', '/api/v1/tickets', { subject: 'VPN', description: 'Drops.' })).body;
const add = (ticket: { id: string }, userId: string, caller: Caller = desk.callers.agent1) =>
  call(server.app, caller, 'POST', `/api/v1/tickets/${ticket.id}/watchers`, { userId });
const remove = (ticket: { id: string }, userId: string, caller: Caller = desk.callers.agent1) =>
  call(server.app, caller, 'DELETE', `/api/v1/tickets/${ticket.id}/watchers/${userId}`);
const watcherIds = async (ticket: { id: string }) =>
  (
    await call(server.app, desk.callers.agent1, 'GET', `/api/v1/tickets/${ticket.id}/watchers`)
  ).body.items.map((item: { userId: string }) => item.userId);

describe('watchers', () => {
  it('lets staff add users of the ticket’s organisation and staff, once; a watcher sees the ticket', async () => {
    const ticket = await open();
    const first = await add(ticket, desk.colleague.id);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      userId: desk.colleague.id,
      role: 'requester',
      organisationId: desk.a.id,
    });
    expect((await add(ticket, desk.colleague.id)).status).toBe(200);
    expect((await add(ticket, desk.agent2.id)).status).toBe(201);
    expect(await watcherIds(ticket)).toEqual([desk.colleague.id, desk.agent2.id]);
    expect(
      (await call(server.app, desk.callers.colleague, 'GET', `/api/v1/tickets/${ticket.id}`)).status,
    ).toBe(200);
    const mine = await call(server.app, desk.callers.colleague, 'GET', '/api/v1/tickets');
    expect(mine.body.items.map((item: { id: string }) => item.id)).toContain(ticket.id);
    const history = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      `/api/v1/tickets/${ticket.id}/history`,
    );
    expect(history.body.items.filter((entry: { kind: string }) => entry.kind === 'watcher')).toHaveLength(2);
  });

  it('refuses users of other organisations, agents not serving it, inactive users and unknown ids, alike', async () => {
    const ticket = await open();
    const gone = await givenUser(server.database.db, 'requester', desk.a.id);
    await server.database.pool.query('update users set active = false where id = $1', [gone.id]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const userId of [desk.requesterB.id, desk.outsider.id, gone.id, unknown]) {
      const refused = await add(ticket, userId);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.fields[0].path).toBe('body.userId');
    }
  });

  it('lets customers copy in colleagues (not staff, not other organisations) and remove only themselves', async () => {
    const ticket = await open();
    expect((await add(ticket, desk.colleague.id, desk.callers.requester)).status).toBe(201);
    expect((await add(ticket, desk.manager.id, desk.callers.manager)).status).toBe(201);
    const staff = await add(ticket, desk.agent1.id, desk.callers.requester);
    expect(staff.status).toBe(400);
    const foreign = await add(ticket, desk.requesterB.id, desk.callers.requester);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toBe(staff.body.error.message);
    expect((await remove(ticket, desk.colleague.id, desk.callers.requester)).status).toBe(403);
    expect((await remove(ticket, desk.colleague.id, desk.callers.colleague)).status).toBe(204);
    expect(
      (await call(server.app, desk.callers.colleague, 'GET', `/api/v1/tickets/${ticket.id}`)).status,
    ).toBe(404);
    expect((await remove(ticket, desk.manager.id, desk.callers.agent1)).status).toBe(204);
    expect((await remove(ticket, desk.manager.id, desk.callers.agent1)).status).toBe(404);
    expect(await watcherIds(ticket)).toEqual([]);
  });

  it('keeps watchers of invisible tickets out of reach', async () => {
    const ticket = await open();
    for (const caller of [desk.callers.requesterB, desk.callers.outsider, desk.callers.colleague]) {
      expect((await call(server.app, caller, 'GET', `/api/v1/tickets/${ticket.id}/watchers`)).status).toBe(
        404,
      );
      expect((await add(ticket, desk.colleague.id, caller)).status).toBe(404);
    }
  });
});

describe('OpenAPI', () => {
  it('documents the attachment, link, merge and watcher endpoints', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    for (const path of [
      '/api/v1/tickets/{ref}/attachments',
      '/api/v1/attachments/{id}',
      '/api/v1/tickets/{ref}/links',
      '/api/v1/tickets/{ref}/links/{linkId}',
      '/api/v1/tickets/{ref}/merge',
      '/api/v1/tickets/{ref}/watchers',
      '/api/v1/tickets/{ref}/watchers/{userId}',
    ])
      expect(paths).toContain(path);
  });
});
