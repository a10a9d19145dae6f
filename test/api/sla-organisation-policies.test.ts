import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { type Caller, call } from '../support/http.js';

/**
 * GET /sla/organisation-policies: which organisations have a policy of their own, so the admin page
 * can show the assignment it sets with PUT /organisations/{id}/sla-policy. Staff see the
 * organisations in their scope; customers are refused.
 */
let server: TestServer;
let desk: Desk;
let gold: string;

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenDesk(server);
  const calendar = await call(server.app, desk.callers.admin, 'POST', '/api/v1/calendars', {
    name: 'Round the clock',
    preset: '24/7',
    timezone: 'UTC',
  });
  const policy = await call(server.app, desk.callers.admin, 'POST', '/api/v1/sla/policies', {
    name: 'Gold',
    calendarId: calendar.body.id,
    targets: { P1: { firstResponse: 30 } },
  });
  expect(policy.status).toBe(201);
  gold = policy.body.id;
});
afterAll(async () => server?.close());

const assignments = (caller: Caller) => call(server.app, caller, 'GET', '/api/v1/sla/organisation-policies');
const assign = (organisationId: string, policyId: string | null) =>
  call(server.app, desk.callers.admin, 'PUT', `/api/v1/organisations/${organisationId}/sla-policy`, {
    policyId,
  });

describe('organisation policy assignments', () => {
  it('lists what was assigned, and forgets an assignment set back to the default', async () => {
    expect((await assignments(desk.callers.admin)).body).toEqual({ items: [] });
    await assign(desk.a.id, gold);
    await assign(desk.b.id, gold);
    const both = await assignments(desk.callers.admin);
    expect(both.status).toBe(200);
    expect(both.body.items).toHaveLength(2);
    expect(both.body.items).toEqual(
      expect.arrayContaining([
        { organisationId: desk.a.id, policyId: gold },
        { organisationId: desk.b.id, policyId: gold },
      ]),
    );
    await assign(desk.b.id, null);
    expect((await assignments(desk.callers.admin)).body.items).toEqual([
      { organisationId: desk.a.id, policyId: gold },
    ]);
  });

  it('an agent sees only the organisations their teams serve; customers may not read it', async () => {
    await assign(desk.b.id, gold);
    expect((await assignments(desk.callers.agent1)).body.items).toEqual([
      { organisationId: desk.a.id, policyId: gold },
    ]);
    expect((await assignments(desk.callers.outsider)).body.items).toEqual([
      { organisationId: desk.b.id, policyId: gold },
    ]);
    expect((await assignments(desk.callers.manager)).status).toBe(403);
    expect((await assignments(desk.callers.requester)).status).toBe(403);
  });
});
