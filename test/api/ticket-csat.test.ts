import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../src/db/schema/index.js';
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
    subject: 'Cannot sign in',
    description: 'My password is refused.',
  });
  expect(response.status).toBe(201);
  return response.body;
}

async function move(caller: Caller, id: string, status: string) {
  const response = await call(server.app, caller, 'POST', `/api/v1/tickets/${id}/transition`, { status });
  expect(response.status).toBe(200);
}

const rate = (caller: Caller, id: string, score = 5, comment?: string) =>
  call(server.app, caller, 'POST', `/api/v1/tickets/${id}/rating`, {
    score,
    ...(comment ? { comment } : {}),
  });

describe('rating a resolution', () => {
  it('takes one rating per resolution: reopened and resolved again is a new resolution', async () => {
    const ticket = await openTicket();
    await move(desk.callers.agent1, ticket.id, 'resolved');
    const first = await rate(desk.callers.requester, ticket.number, 4, 'quick, thanks');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      ticketId: ticket.id,
      resolution: 1,
      score: 4,
      comment: 'quick, thanks',
      ratedBy: desk.requester.id,
    });
    const again = await rate(desk.callers.requester, ticket.id, 1);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'tickets.already_rated', details: { resolution: 1 } });

    await move(desk.callers.requester, ticket.id, 'open');
    const whileOpen = await rate(desk.callers.requester, ticket.id);
    expect(whileOpen.status).toBe(422);
    expect(whileOpen.body.error.code).toBe('tickets.not_resolved');

    await move(desk.callers.agent1, ticket.id, 'resolved');
    const second = await rate(desk.callers.requester, ticket.id, 2, 'took two tries');
    expect(second.status).toBe(201);
    expect(second.body.resolution).toBe(2);
    const third = await rate(desk.callers.requester, ticket.id, 5);
    expect(third.status).toBe(409);
    expect(third.body.error.details.resolution).toBe(2);

    await move(desk.callers.agent1, ticket.id, 'closed');
    expect((await rate(desk.callers.requester, ticket.id)).status).toBe(409);

    const ratings = await call(
      server.app,
      desk.callers.manager,
      'GET',
      `/api/v1/tickets/${ticket.id}/ratings`,
    );
    expect(ratings.status).toBe(200);
    expect(
      ratings.body.items.map((item: { resolution: number; score: number }) => [item.resolution, item.score]),
    ).toEqual([
      [1, 4],
      [2, 2],
    ]);
  });

  it('records history, audit and a ticket.rated event', async () => {
    const ticket = await openTicket();
    await move(desk.callers.agent1, ticket.id, 'resolved');
    const rating = (await rate(desk.callers.requester, ticket.id, 5, 'great')).body;
    const history = await call(
      server.app,
      desk.callers.requester,
      'GET',
      `/api/v1/tickets/${ticket.id}/history`,
    );
    expect(history.body.items.at(-1)).toMatchObject({
      kind: 'rated',
      actorId: desk.requester.id,
      data: { resolution: 1, score: 5, comment: 'great' },
    });
    const audit = await call(
      server.app,
      desk.callers.admin,
      'GET',
      `/api/v1/audit?action=ticket.rated&entityId=${ticket.id}`,
    );
    expect(audit.body.items).toMatchObject([
      { actorId: desk.requester.id, after: { id: rating.id, score: 5 } },
    ]);
    const events = await server.database.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, 'ticket.rated'), eq(outboxEvents.aggregateId, ticket.id)));
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      rating: { id: rating.id, resolution: 1 },
      ticket: { id: ticket.id },
    });
  });

  it('can be rated after closing from resolved, but not when withdrawn or closed after a reopen', async () => {
    const closedAfterResolution = await openTicket();
    await move(desk.callers.agent1, closedAfterResolution.id, 'resolved');
    await move(desk.callers.agent1, closedAfterResolution.id, 'closed');
    expect((await rate(desk.callers.requester, closedAfterResolution.id)).status).toBe(201);

    const withdrawn = await openTicket();
    await move(desk.callers.requester, withdrawn.id, 'closed');
    expect((await rate(desk.callers.requester, withdrawn.id)).body.error.code).toBe('tickets.not_resolved');

    const reopenedThenClosed = await openTicket();
    await move(desk.callers.agent1, reopenedThenClosed.id, 'resolved');
    await move(desk.callers.requester, reopenedThenClosed.id, 'open');
    await move(desk.callers.agent1, reopenedThenClosed.id, 'closed');
    expect((await rate(desk.callers.requester, reopenedThenClosed.id)).status).toBe(422);

    const fresh = await openTicket();
    expect((await rate(desk.callers.requester, fresh.id)).status).toBe(422);
  });

  it('is for the requester only: others who see the ticket get 403, others 404', async () => {
    const ticket = await openTicket();
    await move(desk.callers.agent1, ticket.id, 'resolved');
    for (const caller of [desk.callers.manager, desk.callers.agent1, desk.callers.admin]) {
      const response = await rate(caller, ticket.id);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('tickets.not_requester');
    }
    for (const caller of [desk.callers.colleague, desk.callers.requesterB, desk.callers.outsider]) {
      expect((await rate(caller, ticket.id)).status).toBe(404);
      expect((await call(server.app, caller, 'GET', `/api/v1/tickets/${ticket.id}/ratings`)).status).toBe(
        404,
      );
    }
  });

  it.each([[0], [6], [3.5], ['5']])('refuses the score %j', async (score) => {
    const ticket = await openTicket();
    const response = await call(
      server.app,
      desk.callers.requester,
      'POST',
      `/api/v1/tickets/${ticket.id}/rating`,
      {
        score,
      },
    );
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields[0].path).toBe('body.score');
  });

  it('counts two simultaneous ratings of one resolution once', async () => {
    const ticket = await openTicket();
    await move(desk.callers.agent1, ticket.id, 'resolved');
    const statuses = (
      await Promise.all([
        rate(desk.callers.requester, ticket.id, 5),
        rate(desk.callers.requester, ticket.id, 1),
      ])
    ).map((response) => response.status);
    expect(statuses.sort()).toEqual([201, 409]);
  });
});
