import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEvent } from '../../src/features/outbox/index.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';
import { openLive, openSse, type SseStream } from '../support/sse.js';

/**
 * Live updates (GET /api/v1/live, Server-Sent Events) on two servers sharing one database, as two
 * `tend serve` processes would: a change written through either reaches the streams of both
 * (PostgreSQL NOTIFY on commit), each filtered by who is listening.
 */
let database: TestDatabase;
let one: TestServer;
let two: TestServer;
let desk: Desk;
const streams: SseStream[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  one = await startTestServer({ database });
  two = await startTestServer({ database, env: { TEND_LIVE_HEARTBEAT_SECONDS: '1' } });
  desk = await givenDesk(one);
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await one?.close();
  await two?.close();
  await database?.drop();
});

async function live(server: TestServer, caller: Caller, lastEventId?: string) {
  const stream = await openLive(server.url, caller, { lastEventId });
  streams.push(stream);
  return stream;
}

async function openTicket(server: TestServer, caller: Caller, body: Record<string, unknown> = {}) {
  const response = await call(server.app, caller, 'POST', '/api/v1/tickets', {
    subject: 'Live: the VPN drops',
    description: 'Every few minutes.',
    ...body,
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; number: string };
}

const heard = (stream: SseStream, eventType: string, ticket: { id: string }) =>
  stream.waitFor((event) => {
    if (event.event !== 'change') return false;
    const data = JSON.parse(event.data);
    return data.type === eventType && data.entity.id === ticket.id;
  });

/** A marker event every stream of the desk may hear, so that "not heard" means filtered, not late. */
async function settle(listeners: SseStream[]) {
  const marker = await openTicket(two, desk.callers.requester);
  for (const stream of listeners) await heard(stream, 'ticket.created', marker);
}

describe('live updates across servers', () => {
  it('answers with an unbuffered event stream, and 401 without a caller', async () => {
    const stream = await live(one, desk.callers.agent1);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('cache-control')).toContain('no-cache');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    const anonymous = await openSse(one.url, null);
    expect(anonymous.status).toBe(401);
    anonymous.close();
  });

  it('brings a change written on server 2 to streams on both servers, with the ticket number', async () => {
    const onOne = await live(one, desk.callers.agent1);
    const onTwo = await live(two, desk.callers.admin);
    const ticket = await openTicket(two, desk.callers.requester);
    for (const stream of [onOne, onTwo]) {
      const event = await heard(stream, 'ticket.created', ticket);
      expect(JSON.parse(event.data)).toMatchObject({
        entity: { kind: 'ticket', id: ticket.id, number: ticket.number },
        byYou: false,
      });
      expect(Number(event.id)).toBeGreaterThan(0);
    }
    const mine = await live(one, desk.callers.requester);
    await call(two.app, desk.callers.requester, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      body: 'Still dropping.',
    });
    expect(JSON.parse((await heard(mine, 'ticket.replied', ticket)).data).byYou).toBe(true);
  });

  it('keeps requesters to their own and watched tickets, and customers from internal notes', async () => {
    const requester = await live(one, desk.callers.requester);
    const colleague = await live(two, desk.callers.colleague);
    const manager = await live(two, desk.callers.manager);
    const agent = await live(one, desk.callers.agent1);
    const ticket = await openTicket(one, desk.callers.requester);
    const base = `/api/v1/tickets/${ticket.id}`;
    await call(two.app, desk.callers.agent1, 'POST', `${base}/messages`, {
      body: 'old contract',
      visibility: 'internal',
    });
    await call(two.app, desk.callers.agent1, 'POST', `${base}/messages`, { body: 'On it.' });
    await heard(agent, 'ticket.noted', ticket);
    for (const stream of [requester, manager]) await heard(stream, 'ticket.replied', ticket);
    await settle([requester, manager, agent]);
    for (const stream of [requester, manager])
      expect(stream.changes().filter((change) => change.type === 'ticket.noted')).toEqual([]);
    expect(colleague.changes().filter((change) => change.entity.id === ticket.id)).toEqual([]);
    // Watching makes the colleague hear of it (the notice names the ticket's watchers).
    const watched = await call(one.app, desk.callers.agent1, 'POST', `${base}/watchers`, {
      userId: desk.colleague.id,
    });
    expect(watched.status).toBe(201);
    await call(one.app, desk.callers.agent1, 'POST', `${base}/messages`, { body: 'Copying your colleague.' });
    await heard(colleague, 'ticket.replied', ticket);
  });

  it("never brings another organisation's events", async () => {
    const agentA = await live(one, desk.callers.agent1);
    const managerA = await live(two, desk.callers.manager);
    const outsider = await live(two, desk.callers.outsider);
    const admin = await live(one, desk.callers.admin);
    const ticketB = await openTicket(one, desk.callers.requesterB);
    await heard(outsider, 'ticket.created', ticketB);
    await heard(admin, 'ticket.created', ticketB);
    await settle([agentA, managerA]);
    for (const stream of [agentA, managerA])
      expect(stream.changes().filter((change) => change.entity.id === ticketB.id)).toEqual([]);
  });

  it('announces nothing for a transaction that rolls back', async () => {
    const admin = await live(two, desk.callers.admin);
    const ticket = await openTicket(one, desk.callers.requester);
    const ctx = { actor: SYSTEM_ACTOR, requestId: null, now: new Date() };
    const event = (type: string) => ({
      type,
      aggregateType: 'ticket',
      aggregateId: ticket.id,
      organisationId: desk.a.id,
      payload: { ticketId: ticket.id },
    });
    await database.db
      .transaction(async (tx) => {
        await publishEvent(tx, ctx, event('ticket.rolled_back'));
        throw new Error('changed my mind');
      })
      .catch(() => undefined);
    await database.db.transaction(async (tx) => publishEvent(tx, ctx, event('ticket.committed')));
    await heard(admin, 'ticket.committed', ticket);
    expect(admin.changes().filter((change) => change.type === 'ticket.rolled_back')).toEqual([]);
  });
});

describe('reconnecting', () => {
  it('replays what was missed after Last-Event-ID (filtered like live), then goes on live', async () => {
    const first = await live(one, desk.callers.requester);
    const ticket = await openTicket(two, desk.callers.requester);
    const seen = await heard(first, 'ticket.created', ticket);
    first.close();
    const base = `/api/v1/tickets/${ticket.id}`;
    await call(two.app, desk.callers.agent1, 'POST', `${base}/messages`, {
      body: 'note',
      visibility: 'internal',
    });
    await call(two.app, desk.callers.agent1, 'POST', `${base}/messages`, {
      body: 'Answer while you were away.',
    });
    const again = await live(two, desk.callers.requester, seen.id!);
    const ready = JSON.parse((await again.waitFor((event) => event.event === 'ready')).data);
    expect(ready.replayed).toBeGreaterThanOrEqual(1);
    const replayed = again.changes().filter((change) => change.entity.id === ticket.id);
    expect(replayed.map((change) => change.type)).toContain('ticket.replied');
    expect(replayed.map((change) => change.type)).not.toContain('ticket.noted');
    // The same position as a query parameter (a client opening a new EventSource itself).
    const byQuery = await openSse(one.url, desk.callers.requester, {
      path: `/api/v1/live?lastEventId=${seen.id}`,
    });
    streams.push(byQuery);
    await byQuery.waitFor((event) => event.event === 'ready');
    expect(byQuery.changes().map((change) => change.type)).toContain('ticket.replied');
    await call(one.app, desk.callers.agent1, 'POST', `${base}/transition`, { status: 'resolved' });
    await again.waitFor(
      (event) =>
        event.event === 'change' &&
        JSON.parse(event.data).type !== 'ticket.replied' &&
        JSON.parse(event.data).entity.id === ticket.id,
    );
  });

  it('tells the client to resync when the position is unknown', async () => {
    const stream = await openSse(one.url, desk.callers.agent1, { lastEventId: '999999999' });
    streams.push(stream);
    const resync = await stream.waitFor((event) => event.event === 'resync');
    expect(JSON.parse(resync.data)).toEqual({ reason: 'replay_unknown_position' });
    const bad = await openSse(one.url, desk.callers.agent1, { lastEventId: 'yesterday' });
    expect(bad.status).toBe(400);
    bad.close();
    const badQuery = await openSse(one.url, desk.callers.agent1, { path: '/api/v1/live?lastEventId=x' });
    expect(badQuery.status).toBe(400);
    badQuery.close();
  });
});

describe('limits and lifetime', () => {
  it('refuses more than 10 streams per user and server, and frees a place when one closes', async () => {
    const mine: SseStream[] = [];
    for (let n = 0; n < 10; n++) mine.push(await live(two, desk.callers.agent2));
    const eleventh = await openSse(two.url, desk.callers.agent2);
    expect(eleventh.status).toBe(429);
    eleventh.close();
    mine[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await live(two, desk.callers.agent2);
    expect(again.status).toBe(200);
    for (const stream of [...mine, again]) stream.close();
  });

  it('ends the stream at the next heartbeat once the session is signed out', async () => {
    const caller = await login(two.app, desk.agent1.email, PASSWORD);
    const stream = await live(two, caller);
    expect((await call(two.app, caller, 'POST', '/api/v1/auth/logout')).status).toBe(204);
    for (let waited = 0; !stream.ended && waited < 5000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stream.ended).toBe(true);
  });

  it('does not keep a closing server waiting for open streams', async () => {
    const third = await startTestServer({ database });
    const stream = await live(third, desk.callers.agent1);
    const started = Date.now();
    await third.close();
    expect(Date.now() - started).toBeLessThan(3000);
    for (let waited = 0; !stream.ended && waited < 2000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stream.ended).toBe(true);
  });
});
