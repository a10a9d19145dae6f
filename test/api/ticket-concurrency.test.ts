import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { call } from '../support/http.js';

let server: TestServer;
let desk: Desk;

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenDesk(server);
});
afterAll(async () => server?.close());

describe('concurrent edits of one ticket', () => {
  it('lets exactly one of two PATCHes with the same If-Match win; the other gets 412 with the winner’s state', async () => {
    for (let round = 0; round < 5; round++) {
      const ticket = (
        await call(server.app, desk.callers.requester, 'POST', '/api/v1/tickets', {
          subject: 'Invoices are wrong',
          description: 'Totals are off by one cent.',
        })
      ).body;
      const url = `/api/v1/tickets/${ticket.id}`;
      const ifMatch = { 'if-match': `"${ticket.version}"` };
      const [first, second] = await Promise.all([
        call(
          server.app,
          desk.callers.agent1,
          'PATCH',
          url,
          { subject: 'by agent 1', impact: 'high' },
          ifMatch,
        ),
        call(
          server.app,
          desk.callers.agent2,
          'PATCH',
          url,
          { subject: 'by agent 2', urgency: 'low' },
          ifMatch,
        ),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 412]);
      const [winner, loser] = first.status === 200 ? [first, second] : [second, first];
      expect(winner.body.version).toBe(ticket.version + 1);
      expect(loser.body.error.code).toBe('tickets.version_conflict');
      expect(loser.body.error.details.current).toEqual(winner.body);
      const now = await call(server.app, desk.callers.agent1, 'GET', url);
      expect(now.body).toEqual(winner.body);
      const history = await call(server.app, desk.callers.agent1, 'GET', `${url}/history`);
      expect(history.body.items.filter((entry: { kind: string }) => entry.kind === 'field')).toHaveLength(1);
    }
  });
});
