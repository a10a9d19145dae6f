import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { type Caller, call } from '../support/http.js';

/**
 * Queries per request for the main endpoints, counted at the pg client (every statement sent,
 * BEGIN and COMMIT included). Two guarantees: lists cost the same number of queries whatever the
 * page size (no N+1: a row never triggers a query of its own), and each endpoint stays within a
 * budget, so that a new query on a hot path is a conscious choice (raise the budget in the same
 * change, saying why). Nothing else runs in this process during a request (no job worker).
 */
let counting = false;
let statements: string[] = [];
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (counting) {
    const config = args[0] as string | { text: string };
    statements.push(typeof config === 'string' ? config : config.text);
  }
  return (query as (...inner: unknown[]) => unknown).apply(this, args);
} as typeof query;

let server: TestServer;
let desk: Desk;
let ticketId: string;

async function queriesOf(caller: Caller, method: 'GET' | 'POST', url: string, body?: unknown) {
  statements = [];
  counting = true;
  try {
    const response = await call(server.app, caller, method, url, body);
    expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    return { count: statements.length, statements, body: response.body };
  } finally {
    counting = false;
  }
}

async function openTicket(subject: string) {
  const response = await call(server.app, desk.callers.agent1, 'POST', '/api/v1/tickets', {
    subject,
    description: 'The nightly backup did not run; the log shows a timeout.',
    requesterId: desk.requester.id,
    tags: ['backup'],
  });
  expect(response.status).toBe(201);
  return response.body as { id: string };
}

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenDesk(server);
  for (let i = 0; i < 30; i++) await openTicket(`Backup ${i} failed`);
  ticketId = (await openTicket('Printer offline')).id;
  for (let i = 0; i < 12; i++) {
    const caller = i % 2 ? desk.callers.requester : desk.callers.agent1;
    const reply = await call(server.app, caller, 'POST', `/api/v1/tickets/${ticketId}/messages`, {
      body: `Message ${i}`,
    });
    expect(reply.status).toBe(201);
  }
  for (let i = 0; i < 6; i++) {
    const entry = await call(
      server.app,
      desk.callers.agent1,
      'POST',
      `/api/v1/tickets/${ticketId}/time-entries`,
      {
        minutes: 15,
        billable: true,
        activity: 'analysis',
        spentOn: '2026-01-05',
      },
    );
    expect(entry.status).toBe(201);
  }
  for (let i = 0; i < 4; i++) {
    const view = await call(server.app, desk.callers.agent1, 'POST', '/api/v1/views', {
      name: `View ${i}`,
      filters: { tag: 'backup', status: i % 2 ? 'new,open' : 'new' },
    });
    expect(view.status).toBe(201);
  }
}, 120_000);
afterAll(async () => server?.close());

describe('no N+1: a list costs the same queries for 2 rows as for 30', () => {
  const lists: [string, (limit: number) => string, Caller | (() => Caller)][] = [
    ['tickets (agent)', (limit) => `/api/v1/tickets?limit=${limit}`, () => desk.callers.agent1],
    [
      'tickets, filtered and searched',
      (limit) => `/api/v1/tickets?limit=${limit}&q=backup&tag=backup&status=new,open`,
      () => desk.callers.agent1,
    ],
    ['tickets (requester)', (limit) => `/api/v1/tickets?limit=${limit}`, () => desk.callers.requester],
    ['messages', (limit) => `/api/v1/tickets/${ticketId}/messages?limit=${limit}`, () => desk.callers.agent1],
    ['history', (limit) => `/api/v1/tickets/${ticketId}/history?limit=${limit}`, () => desk.callers.agent1],
    [
      'time entries',
      (limit) => `/api/v1/tickets/${ticketId}/time-entries?limit=${limit}`,
      () => desk.callers.agent1,
    ],
    ['users', (limit) => `/api/v1/users?limit=${limit}`, () => desk.callers.admin],
    ['organisations', (limit) => `/api/v1/organisations?limit=${limit}`, () => desk.callers.admin],
    ['teams', (limit) => `/api/v1/teams?limit=${limit}`, () => desk.callers.admin],
    ['audit log', (limit) => `/api/v1/audit?limit=${limit}`, () => desk.callers.admin],
  ];
  for (const [name, url, caller] of lists) {
    it(name, async () => {
      const who = typeof caller === 'function' ? caller() : caller;
      const small = await queriesOf(who, 'GET', url(2));
      const large = await queriesOf(who, 'GET', url(30));
      expect((large.body as { items: unknown[] }).items.length).toBeGreaterThan(2);
      expect(large.count, large.statements.join('\n')).toBe(small.count);
      expect(large.count).toBeLessThanOrEqual(5);
    });
  }

  it('saved views: live counts of every view in one query', async () => {
    const views = await queriesOf(desk.callers.agent1, 'GET', '/api/v1/views');
    expect((views.body as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(4);
    expect(views.count, views.statements.join('\n')).toBeLessThanOrEqual(4);
  });
});

describe('query budgets of the main endpoints', () => {
  // Session authentication is one query (the session with its user), plus one for an agent's
  // organisation scope; each budget below includes it.
  const budgets: [string, () => Parameters<typeof queriesOf>, number][] = [
    ['read a ticket', () => [desk.callers.agent1, 'GET', `/api/v1/tickets/${ticketId}`], 3],
    ['a ticket’s SLA', () => [desk.callers.agent1, 'GET', `/api/v1/tickets/${ticketId}/sla`], 6],
    // Opening a ticket: one read (requester, team, priority, number, which SLA policy version),
    // ONE statement writing the ticket with its SLA, history, audit and event, then the event's
    // announcement (the policy's rows are read only the first time a process meets a version).
    [
      'open a ticket (ticket, SLA timers, history, audit, outbox: one statement)',
      () => [
        desk.callers.agent1,
        'POST',
        '/api/v1/tickets',
        { subject: 'VPN down', description: 'Cannot connect.', requesterId: desk.requester.id },
      ],
      5,
    ],
    [
      'a requester opens a ticket',
      () => [desk.callers.requester, 'POST', '/api/v1/tickets', { subject: 'Mail', description: 'Bounces.' }],
      4,
    ],
    [
      'reply to a ticket',
      () => [desk.callers.agent1, 'POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'On it.' }],
      14,
    ],
  ];
  for (const [name, request, budget] of budgets) {
    it(`${name}: at most ${budget} queries`, async () => {
      const measured = await queriesOf(...request());
      expect(measured.count, measured.statements.join('\n')).toBeLessThanOrEqual(budget);
    });
  }
});
