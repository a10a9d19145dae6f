import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { expectFieldError } from '../support/errors.js';
import { type Caller, call } from '../support/http.js';

/*
 * Work queues by SLA: GET /api/v1/tickets?sla=breached (the earliest unmet due time has passed)
 * or sla=breaching&slaWithinMinutes=N (now < due ≤ now + N minutes), sorted by slaDue / -slaDue
 * with tickets that have no due time last, page by page; "now" is the server's clock.
 */

const clock = fixedClock('2026-03-30T07:00:00Z');
let server: TestServer;
let desk: Desk;
const t: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ clock });
  desk = await givenDesk(server);
  const calendar = await call(server.app, desk.callers.admin, 'POST', '/api/v1/calendars', {
    name: 'Always',
    preset: '24/7',
    timezone: 'UTC',
  });
  await call(server.app, desk.callers.admin, 'POST', '/api/v1/sla/policies', {
    name: 'Queue',
    calendarId: calendar.body.id,
    isDefault: true,
    targets: { P3: { firstResponse: 60 } }, // P4 has no targets
  });
  const open = async (name: string, at: string, extra: Record<string, unknown> = {}) => {
    clock.set(at);
    const body = { subject: `Ticket ${name}`, description: 'Queue test.', tags: ['queue'], ...extra };
    t[name] = (await call(server.app, desk.callers.requester, 'POST', '/api/v1/tickets', body)).body.id;
  };
  await open('due0600', '2026-03-30T05:00:00Z');
  await open('due0700', '2026-03-30T06:00:00Z');
  await open('answered', '2026-03-30T06:00:00Z');
  clock.set('2026-03-30T06:10:00Z');
  await call(server.app, desk.callers.agent1, 'POST', `/api/v1/tickets/${t.answered}/messages`, {
    body: 'On it.',
  });
  await open('due0750', '2026-03-30T06:50:00Z');
  await open('due0800', '2026-03-30T07:00:00Z');
  await open('noTarget', '2026-03-30T07:00:00Z', { impact: 'low', urgency: 'low' });
  clock.set('2026-03-30T07:00:00Z');
});
afterAll(async () => server?.close());

const names = (ids: string[]) => ids.map((id) => Object.keys(t).find((name) => t[name] === id) ?? id);
const list = async (query: string, caller: Caller = desk.callers.agent1) => {
  const response = await call(server.app, caller, 'GET', `/api/v1/tickets?tag=queue&limit=100&${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return names(response.body.items.map((item: { id: string }) => item.id));
};
/** Every page of a sorted list, following nextCursor. */
const allPages = async (query: string) => {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const url = `/api/v1/tickets?tag=queue&limit=2&${query}${suffix}`;
    const page = await call(server.app, desk.callers.agent1, 'GET', url);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    seen.push(...page.body.items.map((item: { id: string }) => item.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return names(seen);
};
const withoutDue = () => names([t.answered!, t.noTarget!].sort());

describe('SLA queue filters', () => {
  it('starts from the due times the SLA gave each ticket', async () => {
    const due = async (name: string) =>
      (await call(server.app, desk.callers.agent1, 'GET', `/api/v1/tickets/${t[name]}`)).body.slaDueAt;
    expect(await due('due0600')).toBe('2026-03-30T06:00:00.000Z');
    expect(await due('due0750')).toBe('2026-03-30T07:50:00.000Z');
    expect(await due('answered')).toBeNull(); // first response met
    expect(await due('noTarget')).toBeNull(); // P4: no targets
  });

  it('breached: due at or before now (a ticket due this very instant is breached, not breaching)', async () => {
    expect(await list('sla=breached&sort=slaDue')).toEqual(['due0600', 'due0700']);
  });

  it('breaching: due after now and within N minutes, N inclusive, 60 by default', async () => {
    expect(await list('sla=breaching&sort=slaDue')).toEqual(['due0750', 'due0800']);
    expect(await list('sla=breaching&slaWithinMinutes=60&sort=slaDue')).toEqual(['due0750', 'due0800']);
    expect(await list('sla=breaching&slaWithinMinutes=59&sort=slaDue')).toEqual(['due0750']);
    expect(await list('sla=breaching&slaWithinMinutes=50')).toEqual(['due0750']);
    expect(await list('sla=breaching&slaWithinMinutes=49')).toEqual([]);
  });

  it('follows the clock: later, more tickets are breached', async () => {
    clock.set('2026-03-30T07:55:00Z');
    try {
      expect(await list('sla=breached&sort=slaDue')).toEqual(['due0600', 'due0700', 'due0750']);
      expect(await list('sla=breaching&slaWithinMinutes=5')).toEqual(['due0800']);
    } finally {
      clock.set('2026-03-30T07:00:00Z');
    }
  });

  it('sorts by due time, tickets without one last in both directions, and pages through them', async () => {
    const ascending = ['due0600', 'due0700', 'due0750', 'due0800', ...withoutDue()];
    const descending = ['due0800', 'due0750', 'due0700', 'due0600', ...withoutDue().reverse()];
    expect(await list('sort=slaDue')).toEqual(ascending);
    expect(await list('sort=-slaDue')).toEqual(descending);
    expect(await allPages('sort=slaDue')).toEqual(ascending);
    expect(await allPages('sort=-slaDue')).toEqual(descending);
    expect(await allPages('sla=breached&sort=-slaDue')).toEqual(['due0700', 'due0600']);
  });

  it.each([
    ['sla=late', 'query.sla'],
    ['sla=breaching&slaWithinMinutes=0', 'query.slaWithinMinutes'],
    ['sla=breaching&slaWithinMinutes=soon', 'query.slaWithinMinutes'],
    ['sla=breaching&slaWithinMinutes=1.5', 'query.slaWithinMinutes'],
    ['sort=sla', 'query.sort'],
  ])('refuses ?%s with 400 naming %s', async (query, field) => {
    expectFieldError(await call(server.app, desk.callers.agent1, 'GET', `/api/v1/tickets?${query}`), field);
  });

  it('stays within what the caller may see', async () => {
    expect(await list('sla=breached', desk.callers.requester)).toEqual(expect.arrayContaining(['due0600']));
    expect(await list('sla=breached', desk.callers.colleague)).toEqual([]);
    expect(await list('sla=breached', desk.callers.requesterB)).toEqual([]);
    expect(await list('sla=breaching', desk.callers.outsider)).toEqual([]);
  });

  it('works in saved views, counted with the server’s clock', async () => {
    const created = await call(server.app, desk.callers.agent1, 'POST', '/api/v1/views', {
      name: 'Breaching within the hour',
      filters: { tag: 'queue', sla: 'breaching', slaWithinMinutes: 60 },
      sort: 'slaDue',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      filters: { tag: 'queue', sla: 'breaching', slaWithinMinutes: '60' },
      sort: 'slaDue',
    });
    const count = async () =>
      (await call(server.app, desk.callers.agent1, 'GET', '/api/v1/views')).body.items.find(
        (view: { id: string }) => view.id === created.body.id,
      ).count;
    expect(await count()).toBe(2);
    clock.set('2026-03-30T07:55:00Z');
    try {
      expect(await count()).toBe(1);
    } finally {
      clock.set('2026-03-30T07:00:00Z');
    }
  });
});
