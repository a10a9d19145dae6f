import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenCustomer, givenProvider, givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';

let server: TestServer;
let agent: Caller;
let requester: Caller;

beforeAll(async () => {
  server = await startTestServer();
  const { providerId, admin } = await givenProvider(server.database.db);
  agent = await login(server.app, (await givenUser(server.database.db, 'agent', providerId)).email, PASSWORD);
  const customer = await givenCustomer(server.database.db);
  requester = await login(
    server.app,
    (await givenUser(server.database.db, 'requester', customer.id)).email,
    PASSWORD,
  );
  void admin;
});
afterAll(async () => server?.close());

const berlin = {
  timezone: 'Europe/Berlin',
  hours: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
  holidays: ['2026-12-25'],
};
const preview = (body: Record<string, unknown>, caller: Caller = agent) =>
  call(server.app, caller, 'POST', '/api/v1/sla/preview', body);

describe('POST /api/v1/sla/preview', () => {
  it.each([
    [
      'across a weekend and the spring DST change',
      berlin,
      '2026-03-27T15:00:00Z',
      120,
      '2026-03-30T08:00:00Z',
    ],
    [
      'exactly to closing time (not the next opening)',
      berlin,
      '2026-03-30T13:00:00Z',
      120,
      '2026-03-30T15:00:00Z',
    ],
    [
      'zero minutes gives the start, even outside hours',
      berlin,
      '2026-03-28T12:34:56Z',
      0,
      '2026-03-28T12:34:56Z',
    ],
    ['from before opening', berlin, '2026-03-31T05:00:00Z', 30, '2026-03-31T07:30:00Z'],
    ['over a holiday', berlin, '2026-12-24T15:30:00Z', 60, '2026-12-28T08:30:00Z'],
    ['with seconds', berlin, '2026-03-31T07:00:30Z', 1, '2026-03-31T07:01:30Z'],
    [
      'a 24/7 spring day has 23 hours',
      {
        timezone: 'Europe/Berlin',
        hours: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]),
        ),
      },
      '2026-03-28T23:00:00Z',
      23 * 60,
      '2026-03-29T22:00:00Z',
    ],
    [
      'split shifts, southern hemisphere',
      {
        timezone: 'Australia/Sydney',
        hours: {
          mon: [
            ['08:00', '12:00'],
            ['13:00', '17:00'],
          ],
        },
      },
      '2026-04-05T23:00:00Z',
      300,
      '2026-04-06T05:00:00Z',
    ] /* Mon 09:00 AEST: 3h to 12:00, 2h from 13:00 */,
  ])('adds business time %s', async (_label, calendar, start, minutes, due) => {
    const response = await preview({ calendar, start, minutes });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({ due });
  });

  it('subtracts pauses and measures elapsed business seconds to an end', async () => {
    const response = await preview({
      calendar: berlin,
      start: '2026-03-30T07:00:00Z',
      minutes: 60,
      pauses: [{ from: '2026-03-30T07:30:00Z', to: '2026-03-30T08:00:00Z' }],
      end: '2026-03-30T08:15:00Z',
    });
    expect(response.body).toEqual({ due: '2026-03-30T08:30:00Z', elapsedSeconds: 45 * 60 });
  });

  it('accepts offsets in instants and a stored calendar by id', async () => {
    const admin = await login(
      server.app,
      (
        await givenUser(
          server.database.db,
          'admin',
          (
            await call(server.app, agent, 'GET', '/api/v1/auth/session')
          ).body.organisation.id,
        )
      ).email,
      PASSWORD,
    );
    const created = await call(server.app, admin, 'POST', '/api/v1/calendars', {
      name: 'Berlin office',
      preset: '8/5',
      timezone: 'Europe/Berlin',
    });
    expect(created.status).toBe(201);
    const response = await preview({
      calendarId: created.body.id,
      start: '2026-03-27T16:00:00+01:00',
      minutes: 120,
    });
    expect(response.body).toEqual({ due: '2026-03-30T08:00:00Z' });
  });

  it.each([
    [
      { calendar: { ...berlin, timezone: 'Mars/Olympus' }, start: '2026-03-27T15:00:00Z', minutes: 1 },
      'body.calendar.timezone',
    ],
    [
      {
        calendar: {
          ...berlin,
          hours: {
            mon: [
              ['09:00', '13:00'],
              ['12:00', '17:00'],
            ],
          },
        },
        start: '2026-03-27T15:00:00Z',
        minutes: 1,
      },
      'body.calendar.hours.mon[1]',
    ],
    [
      {
        calendar: { ...berlin, hours: { mon: [['17:00', '09:00']] } },
        start: '2026-03-27T15:00:00Z',
        minutes: 1,
      },
      'body.calendar.hours.mon[0]',
    ],
    [{ calendar: berlin, start: '2026-03-27 15:00', minutes: 1 }, 'body.start'],
    [{ calendar: berlin, start: '2026-03-27T15:00:00Z', minutes: -1 }, 'body.minutes'],
    [{ calendar: berlin, start: '2026-03-27T15:00:00Z', minutes: 1.5 }, 'body.minutes'],
    [{ calendar: berlin, start: '2026-03-27T15:00:00Z', minutes: 1, extra: true }, 'body.extra'],
    [
      {
        calendar: berlin,
        start: '2026-03-27T15:00:00Z',
        minutes: 1,
        pauses: [{ from: '2026-03-27T16:00:00Z', to: '2026-03-27T15:00:00Z' }],
      },
      'body.pauses.0.to',
    ],
    [{ start: '2026-03-27T15:00:00Z', minutes: 1 }, 'body.calendar'],
  ])('answers 400 naming the field for %o', async (body, path) => {
    const response = await preview(body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((field: { path: string }) => field.path)).toContain(path);
  });

  it('answers 422 for a calendar with no open time, and for one whose open days are all holidays', async () => {
    expect(
      (
        await preview({
          calendar: { timezone: 'UTC', hours: {} },
          start: '2026-03-27T15:00:00Z',
          minutes: 10,
        })
      ).status,
    ).toBe(422);
    const allHolidays = { timezone: 'UTC', hours: { mon: [['09:00', '17:00']] }, holidays: [] as string[] };
    const mondays = [];
    for (
      let day = new Date('2026-03-30T00:00:00Z');
      day < new Date('2032-01-01T00:00:00Z');
      day = new Date(day.getTime() + 7 * 86_400_000)
    )
      mondays.push(day.toISOString().slice(0, 10));
    allHolidays.holidays = mondays;
    const response = await preview({ calendar: allHolidays, start: '2026-03-27T15:00:00Z', minutes: 10 });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('sla.no_business_time');
  });

  it('is for staff: a requester gets 403, nobody signed in 401', async () => {
    expect(
      (await preview({ calendar: berlin, start: '2026-03-27T15:00:00Z', minutes: 1 }, requester)).status,
    ).toBe(403);
    expect(
      (await preview({ calendar: berlin, start: '2026-03-27T15:00:00Z', minutes: 1 }, null)).status,
    ).toBe(401);
  });
});
