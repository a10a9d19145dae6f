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

const DEFAULT = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P4' },
};
// Stricter: anything with a high side is P1, medium×medium P2.
const STRICT = {
  high: { high: 'P1', medium: 'P1', low: 'P2' },
  medium: { high: 'P1', medium: 'P2', low: 'P3' },
  low: { high: 'P2', medium: 'P3', low: 'P4' },
};

const open = async (impact: string, urgency: string) =>
  (
    await call(server.app, desk.callers.requester, 'POST', '/api/v1/tickets', {
      subject: 'Slow search',
      description: 'Search takes a minute.',
      impact,
      urgency,
    })
  ).body;

describe('the priority matrix', () => {
  it('starts as DOMAIN.md’s default and is readable by staff only', async () => {
    const read = await call(server.app, desk.callers.agent1, 'GET', '/api/v1/priority-matrix');
    expect(read.status).toBe(200);
    expect(read.body).toEqual(DEFAULT);
    expect((await call(server.app, desk.callers.manager, 'GET', '/api/v1/priority-matrix')).status).toBe(403);
  });

  it('is replaced by admins only, audited, and validated whole', async () => {
    for (const caller of [desk.callers.agent1, desk.callers.manager]) {
      expect((await call(server.app, caller, 'PUT', '/api/v1/priority-matrix', STRICT)).status).toBe(403);
    }
    const partial = { ...STRICT, low: { high: 'P2', medium: 'P3' } };
    expect(
      (await call(server.app, desk.callers.admin, 'PUT', '/api/v1/priority-matrix', partial)).status,
    ).toBe(400);
    const wrong = { ...STRICT, low: { ...STRICT.low, low: 'P5' } };
    const invalid = await call(server.app, desk.callers.admin, 'PUT', '/api/v1/priority-matrix', wrong);
    expect(invalid.body.error.details.fields[0].path).toBe('body.low.low');
    expect((await call(server.app, desk.callers.agent1, 'GET', '/api/v1/priority-matrix')).body).toEqual(
      DEFAULT,
    );
  });

  it('gives new tickets the new priority; existing ones keep theirs until impact or urgency change', async () => {
    const before = await open('medium', 'medium');
    expect(before.priority).toBe('P3');
    const replaced = await call(server.app, desk.callers.admin, 'PUT', '/api/v1/priority-matrix', STRICT);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual(STRICT);
    const audit = await call(
      server.app,
      desk.callers.admin,
      'GET',
      '/api/v1/audit?action=priority_matrix.updated',
    );
    expect(audit.body.items[0]).toMatchObject({ actorId: desk.admin.id, before: DEFAULT, after: STRICT });

    const after = await open('medium', 'medium');
    expect(after.priority).toBe('P2');
    expect(
      (await call(server.app, desk.callers.agent1, 'GET', `/api/v1/tickets/${before.id}`)).body.priority,
    ).toBe('P3');
    const edited = await call(
      server.app,
      desk.callers.agent1,
      'PATCH',
      `/api/v1/tickets/${before.id}`,
      { urgency: 'low' },
      { 'if-match': `"${before.version}"` },
    );
    expect(edited.body.priority).toBe('P3');
    const subjectOnly = await call(
      server.app,
      desk.callers.agent1,
      'PATCH',
      `/api/v1/tickets/${after.id}`,
      { subject: 'Slow search (all users)' },
      { 'if-match': `"${after.version}"` },
    );
    expect(subjectOnly.body.priority).toBe('P2');
  });
});
