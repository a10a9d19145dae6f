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

type Ticket = { id: string; number: string; [key: string]: unknown };

const open = async (
  caller: Caller = desk.callers.requester,
  extra: Record<string, unknown> = {},
): Promise<Ticket> => {
  const response = await call(server.app, caller, 'POST', '/api/v1/tickets', {
    subject: 'Mail is down',
    description: 'No mail since 9:00.',
    ...extra,
  });
  expect(response.status).toBe(201);
  return response.body;
};
const link = (from: Ticket, kind: string, to: Ticket | string, caller: Caller = desk.callers.agent1) =>
  call(server.app, caller, 'POST', `/api/v1/tickets/${from.number}/links`, {
    kind,
    ticket: typeof to === 'string' ? to : to.number,
  });
const links = async (ticket: Ticket, caller: Caller = desk.callers.agent1) =>
  (await call(server.app, caller, 'GET', `/api/v1/tickets/${ticket.id}/links`)).body.items as any[];
const merge = (
  duplicate: Ticket,
  into: Ticket | string,
  caller: Caller = desk.callers.agent1,
  reason?: string,
) =>
  call(server.app, caller, 'POST', `/api/v1/tickets/${duplicate.id}/merge`, {
    into: typeof into === 'string' ? into : into.number,
    ...(reason ? { reason } : {}),
  });

describe('links', () => {
  it('links related tickets, listed from both ends with the other ticket’s number, subject and status', async () => {
    const [a, b] = [await open(), await open(desk.callers.requester, { subject: 'Calendar is down' })];
    const created = await link(a, 'related', b);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'related',
      relation: 'related',
      fromTicketId: a.id,
      toTicketId: b.id,
      ticket: { id: b.id, number: b.number, subject: 'Calendar is down', status: 'new', type: 'incident' },
      createdBy: desk.agent1.id,
    });
    expect((await links(b)).map((item) => [item.relation, item.ticket.number])).toEqual([
      ['related', a.number],
    ]);
    expect((await link(a, 'related', b)).status).toBe(409);
    expect((await link(b, 'related', a)).status).toBe(409);
    const history = await call(server.app, desk.callers.requester, 'GET', `/api/v1/tickets/${b.id}/history`);
    expect(history.body.items.at(-1)).toMatchObject({
      kind: 'link',
      data: { action: 'linked', relation: 'related', number: a.number },
    });
  });

  it('takes caused-by only from an incident to a problem; the problem lists its incidents', async () => {
    const problem = await open(desk.callers.agent1, { type: 'problem', requesterId: desk.requester.id });
    const [first, second] = [await open(), await open(desk.callers.colleague)];
    expect((await link(first, 'caused_by', problem)).status).toBe(201);
    expect((await link(second, 'caused_by', problem)).status).toBe(201);
    const incidents = await links(problem);
    expect(incidents.map((item) => [item.relation, item.ticket.id])).toEqual([
      ['causes', first.id],
      ['causes', second.id],
    ]);
    expect((await links(first))[0]).toMatchObject({
      relation: 'caused_by',
      ticket: { id: problem.id, type: 'problem' },
    });
    const question = await open(desk.callers.requester, { type: 'question' });
    for (const [from, to] of [
      [question, problem],
      [first, second],
      [problem, first],
    ] as const) {
      const refused = await link(from, 'caused_by', to);
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('links.caused_by_types');
    }
  });

  it('shows requesters only the links to tickets they can see', async () => {
    const mine = await open(desk.callers.requester);
    const theirs = await open(desk.callers.colleague);
    await link(mine, 'related', theirs);
    expect(await links(mine, desk.callers.requester)).toEqual([]);
    expect(await links(mine, desk.callers.manager)).toHaveLength(1);
  });

  it('refuses self links, cycles of parents, and other organisations’ tickets', async () => {
    const [a, b, c] = [await open(), await open(), await open()];
    const self = await call(server.app, desk.callers.agent1, 'POST', `/api/v1/tickets/${a.id}/links`, {
      kind: 'related',
      ticket: a.number,
    });
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('links.self');
    expect((await link(a, 'parent_of', b)).status).toBe(201);
    const child = await link(c, 'child_of', b);
    expect(child.status).toBe(201);
    expect(child.body).toMatchObject({
      kind: 'parent_of',
      relation: 'child_of',
      fromTicketId: b.id,
      toTicketId: c.id,
    });
    for (const attempt of [
      await link(c, 'parent_of', a),
      await link(a, 'child_of', c),
      await link(b, 'parent_of', a),
    ]) {
      expect(attempt.status).toBe(422);
      expect(attempt.body.error.code).toBe('links.cycle');
    }
    expect((await link(a, 'parent_of', c)).status).toBe(201);
    const duplicate = await link(a, 'duplicate_of', b);
    expect(duplicate.status).toBe(201);
    expect((await link(b, 'duplicate_of', a)).body.error.code).toBe('links.cycle');

    const other = await open(desk.callers.requesterB);
    const crossing = await link(a, 'related', other, desk.callers.admin);
    expect(crossing.status).toBe(422);
    expect(crossing.body.error.code).toBe('links.cross_organisation');
    const unseen = await link(a, 'related', other, desk.callers.agent1);
    expect(unseen.status).toBe(400);
    expect(unseen.body.error.details.fields[0].path).toBe('body.ticket');
    expect((await link(a, 'related', b, desk.callers.requester)).status).toBe(403);
    expect((await link(a, 'related', 'T-1')).status).toBe(400);
  });

  it('removes a link (staff only), from either end', async () => {
    const [a, b] = [await open(), await open()];
    const created = (await link(a, 'related', b)).body;
    const url = `/api/v1/tickets/${b.id}/links/${created.id}`;
    expect((await call(server.app, desk.callers.requester, 'DELETE', url)).status).toBe(403);
    expect((await call(server.app, desk.callers.outsider, 'DELETE', url)).status).toBe(404);
    expect((await call(server.app, desk.callers.agent1, 'DELETE', url)).status).toBe(204);
    expect(await links(a)).toEqual([]);
    expect((await call(server.app, desk.callers.agent1, 'DELETE', url)).status).toBe(404);
  });
});

describe('merging', () => {
  it('moves the conversation and files, closes the duplicate with a link, and keeps its requester informed', async () => {
    const target = await open(desk.callers.colleague, { subject: 'Mail down for everyone' });
    const duplicate = await open(desk.callers.requester);
    const base = `/api/v1/tickets/${duplicate.id}`;
    await call(server.app, desk.callers.requester, 'POST', `${base}/messages`, { body: 'Still down' });
    await call(server.app, desk.callers.agent1, 'POST', `${base}/messages`, {
      body: 'Looks like a dup',
      visibility: 'internal',
    });
    const file = await call(
      server.app,
      desk.callers.requester,
      'POST',
      `${base}/attachments?fileName=error.txt`,
      'SMTP 550',
      {
        'content-type': 'text/plain',
      },
    );
    expect(file.status).toBe(201);

    const merged = await merge(duplicate, target, desk.callers.agent1, 'same outage');
    expect(merged.status).toBe(200);
    expect(merged.body.moved).toEqual({ messages: 2, attachments: 1, watchers: 1 });
    expect(merged.body.ticket).toMatchObject({ status: 'closed', mergedIntoId: target.id });
    expect(merged.body.into).toMatchObject({ id: target.id, status: 'new' });

    const messages = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      `/api/v1/tickets/${target.id}/messages`,
    );
    expect(messages.body.items.map((m: any) => [m.body, m.movedFromTicketId])).toEqual([
      ['Still down', duplicate.id],
      ['Looks like a dup', duplicate.id],
    ]);
    const files = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      `/api/v1/tickets/${target.id}/attachments`,
    );
    expect(files.body.items.map((f: any) => f.id)).toEqual([file.body.id]);
    expect((await call(server.app, desk.callers.agent1, 'GET', `${base}/messages`)).body.items).toEqual([]);
    expect((await links(duplicate))[0]).toMatchObject({
      kind: 'duplicate_of',
      relation: 'duplicate_of',
      ticket: { id: target.id },
    });
    expect((await links(target))[0]).toMatchObject({
      relation: 'duplicated_by',
      ticket: { id: duplicate.id, status: 'closed' },
    });

    const dupHistory = (await call(server.app, desk.callers.requester, 'GET', `${base}/history?limit=100`))
      .body.items;
    expect(dupHistory.find((e: any) => e.kind === 'status' && e.data.to === 'closed').data.reason).toBe(
      `merged into ${target.number}: same outage`,
    );
    expect(dupHistory.find((e: any) => e.kind === 'merged').data).toMatchObject({
      intoNumber: target.number,
    });

    // The duplicate's requester now watches the target: they see it and its public conversation.
    const seen = await call(server.app, desk.callers.requester, 'GET', `/api/v1/tickets/${target.id}`);
    expect(seen.status).toBe(200);
    const theirView = await call(
      server.app,
      desk.callers.requester,
      'GET',
      `/api/v1/tickets/${target.id}/messages`,
    );
    expect(theirView.body.items.map((m: any) => m.body)).toEqual(['Still down']);
    const watchers = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      `/api/v1/tickets/${target.id}/watchers`,
    );
    expect(watchers.body.items.map((w: any) => w.userId)).toEqual([desk.requester.id]);
    const targetHistory = (
      await call(server.app, desk.callers.agent1, 'GET', `/api/v1/tickets/${target.id}/history?limit=100`)
    ).body.items;
    expect(targetHistory.find((e: any) => e.kind === 'merged_in').data).toMatchObject({
      fromNumber: duplicate.number,
    });

    const mergeLink = (await links(target))[0];
    const keep = await call(
      server.app,
      desk.callers.agent1,
      'DELETE',
      `/api/v1/tickets/${target.id}/links/${mergeLink.id}`,
    );
    expect(keep.status).toBe(422);
  });

  it('refuses merging into itself, into or from a closed ticket, across organisations, and by customers', async () => {
    const [a, b] = [await open(), await open()];
    expect((await merge(a, a)).body.error.code).toBe('tickets.merge_self');
    const closed = await open();
    await call(server.app, desk.callers.agent1, 'POST', `/api/v1/tickets/${closed.id}/transition`, {
      status: 'closed',
    });
    const into = await merge(a, closed);
    expect(into.status).toBe(422);
    expect(into.body.error.code).toBe('tickets.merge_into_closed');
    expect((await merge(closed, a)).body.error.code).toBe('tickets.merge_closed');
    const other = await open(desk.callers.requesterB);
    expect((await merge(a, other, desk.callers.admin)).body.error.code).toBe(
      'tickets.merge_cross_organisation',
    );
    expect((await merge(a, other, desk.callers.agent1)).status).toBe(400);
    expect((await merge(a, b, desk.callers.requester)).status).toBe(403);
    expect((await merge(a, b, desk.callers.manager)).status).toBe(403);
  });

  it('merges crosswise at once without deadlock: one wins, the other finds a closed ticket', async () => {
    const [a, b] = [await open(), await open()];
    const results = await Promise.all([merge(a, b), merge(b, a, desk.callers.agent2)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
  });
});
