import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenProvider, givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';

let server: TestServer;
let agent: Caller;

beforeAll(async () => {
  server = await startTestServer();
  const { providerId } = await givenProvider(server.database.db);
  agent = await login(server.app, (await givenUser(server.database.db, 'agent', providerId)).email, PASSWORD);
});
afterAll(async () => server?.close());

const preview = (body: Record<string, unknown>, caller: Caller = agent) =>
  call(server.app, caller, 'POST', '/api/v1/maintenance/preview', body);
const weeklySunday = {
  rrule: 'FREQ=WEEKLY;BYDAY=SU',
  dtstart: '2026-01-04T02:00:00',
  timezone: 'Europe/Berlin',
  durationMinutes: 240,
};

describe('POST /api/v1/maintenance/preview', () => {
  it('expands a weekly Sunday 02:00–06:00 Berlin window across the spring DST gap', async () => {
    const response = await preview({
      ...weeklySunday,
      from: '2026-03-20T00:00:00Z',
      until: '2026-04-10T00:00:00Z',
    });
    expect(response.status).toBe(200);
    expect(response.body.occurrences).toEqual([
      { start: '2026-03-22T01:00:00Z', end: '2026-03-22T05:00:00Z' },
      // 02:00 does not exist on 29 March: the offset before the gap (+01:00) applies.
      { start: '2026-03-29T01:00:00Z', end: '2026-03-29T05:00:00Z' },
      { start: '2026-04-05T00:00:00Z', end: '2026-04-05T04:00:00Z' },
    ]);
  });

  it('takes the earlier instant for an ambiguous local time (autumn overlap)', async () => {
    const response = await preview({
      ...weeklySunday,
      dtstart: '2026-01-04T02:30:00',
      durationMinutes: 60,
      from: '2026-10-24T00:00:00Z',
      until: '2026-10-26T00:00:00Z',
    });
    expect(response.body.occurrences).toEqual([
      { start: '2026-10-25T00:30:00Z', end: '2026-10-25T01:30:00Z' },
    ]);
  });

  it.each([
    [
      'last weekday of the month (BYSETPOS=-1)',
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
      ['2026-01-30', '2026-02-27', '2026-03-31'],
    ],
    ['last Sunday (negative BYDAY)', 'FREQ=MONTHLY;BYDAY=-1SU', ['2026-01-25', '2026-02-22', '2026-03-29']],
    ['the 31st, only in months that have one', 'FREQ=MONTHLY;BYMONTHDAY=31', ['2026-01-31', '2026-03-31']],
    ['COUNT counts from DTSTART', 'FREQ=DAILY;COUNT=2', ['2026-01-01', '2026-01-02']],
    [
      'UNTIL is inclusive, in UTC',
      'FREQ=DAILY;UNTIL=20260103T080000Z',
      ['2026-01-01', '2026-01-02', '2026-01-03'],
    ],
  ])('%s', async (_label, rrule, dates) => {
    const response = await preview({
      rrule,
      dtstart: '2026-01-01T09:00:00',
      timezone: 'Europe/Berlin',
      durationMinutes: 30,
      from: '2026-01-01T00:00:00Z',
      until: '2026-04-01T00:00:00Z',
      limit: 3,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.occurrences.map((window: { start: string }) => window.start.slice(0, 10))).toEqual(
      dates,
    );
  });

  it('returns only starts in [from, until), ascending, at most limit', async () => {
    const response = await preview({
      ...weeklySunday,
      from: '2026-01-04T01:00:00Z',
      until: '2026-01-18T01:00:00Z',
      limit: 100,
    });
    expect(response.body.occurrences.map((window: { start: string }) => window.start)).toEqual([
      '2026-01-04T01:00:00Z',
      '2026-01-11T01:00:00Z',
    ]);
    const limited = await preview({
      ...weeklySunday,
      from: '2026-01-01T00:00:00Z',
      until: '2027-01-01T00:00:00Z',
      limit: 5,
    });
    expect(limited.body.occurrences).toHaveLength(5);
    const defaults = await preview({
      ...weeklySunday,
      from: '2026-01-01T00:00:00Z',
      until: '2030-01-01T00:00:00Z',
    });
    expect(defaults.body.occurrences).toHaveLength(100);
  });

  it.each([
    [{ rrule: 'FREQ=SOMETIMES' }, 'body.rrule'],
    [{ rrule: 'BYDAY=SU' }, 'body.rrule'],
    [{ rrule: 'FREQ=WEEKLY;BYDAY=XX' }, 'body.rrule'],
    [{ timezone: 'Moon/Base' }, 'body.timezone'],
    [{ dtstart: '2026-01-04T02:00:00+01:00' }, 'body.dtstart'],
    [{ dtstart: 'yesterday' }, 'body.dtstart'],
    [{ durationMinutes: 0 }, 'body.durationMinutes'],
    [{ limit: 1001 }, 'body.limit'],
    [{ from: 'soon' }, 'body.from'],
    [{ until: '2025-01-01T00:00:00Z' }, 'body.until'],
  ])('answers 400 naming what is wrong for %o', async (change, path) => {
    const response = await preview({
      ...weeklySunday,
      from: '2026-01-01T00:00:00Z',
      until: '2026-02-01T00:00:00Z',
      ...change,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((field: { path: string }) => field.path)).toContain(path);
  });

  it('needs a signed-in caller', async () => {
    expect(
      (await preview({ ...weeklySunday, from: '2026-01-01T00:00:00Z', until: '2026-02-01T00:00:00Z' }, null))
        .status,
    ).toBe(401);
  });
});
