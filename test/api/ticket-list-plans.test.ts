import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { call } from '../support/http.js';

/**
 * A list whose filter keeps few rows (a date range, nobody assigned) is filtered first and then
 * sorted (features/tickets/list-plan.ts) instead of walking the sort's index. Both ways must give
 * the same tickets in the same order, page after page: here every ticket matches the narrowing
 * filter, so the narrowed list must equal the plain one for every sort.
 */
let server: TestServer;
let desk: Desk;
let since: string;

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenDesk(server);
  since = new Date(Date.now() - 60_000).toISOString();
  const levels = ['high', 'medium', 'low'] as const;
  for (let i = 0; i < 7; i++) {
    const opened = await call(server.app, desk.callers.agent1, 'POST', '/api/v1/tickets', {
      subject: `Plan ${i}`,
      description: 'Listed in every order.',
      requesterId: desk.requester.id,
      impact: levels[i % 3],
      urgency: levels[(i + 1) % 3],
    });
    expect(opened.status).toBe(201);
  }
}, 120_000);
afterAll(async () => server?.close());

async function allPages(query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/tickets?limit=3&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await call(server.app, desk.callers.agent1, 'GET', url);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    ids.push(...page.body.items.map((item: { id: string }) => item.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}

describe('lists filtered first give the same pages as lists walked in order', () => {
  const sorts = ['updatedAt', 'createdAt', 'number', 'priority', '-priority', 'slaDue', '-slaDue'];
  for (const sort of sorts) {
    it(`sort=${sort}`, async () => {
      const plain = await allPages(`sort=${sort}`);
      expect(plain).toHaveLength(7);
      expect(await allPages(`sort=${sort}&createdFrom=${encodeURIComponent(since)}`)).toEqual(plain);
      expect(await allPages(`sort=${sort}&assigneeId=none`)).toEqual(plain);
    });
  }
});
