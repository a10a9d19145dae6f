import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { expectErrorShape, expectFieldError } from '../support/errors.js';
import { givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';

/*
 * Business calendars as an administrator keeps them: presets, validation naming the field, who may
 * read and write, iCalendar holiday import, and open tickets' due times following a calendar edit
 * (through the sla.recompute_policy job, run by the in-process worker).
 */

const clock = fixedClock('2026-03-30T07:00:00Z'); // Monday 09:00 in Berlin (CEST)
let server: TestServer;
let desk: Desk;
let serviceManager: Caller;
let seq = 0;

beforeAll(async () => {
  server = await startTestServer({ clock, worker: true });
  desk = await givenDesk(server);
  const manager = await givenUser(server.database.db, 'service_manager', desk.providerId);
  serviceManager = await login(server.app, manager.email, PASSWORD);
});
afterAll(async () => server?.close());

const admin = () => desk.callers.admin;
const newCalendar = (body: Record<string, unknown>, caller: Caller = admin()) =>
  call(server.app, caller, 'POST', '/api/v1/calendars', { name: `Calendar ${++seq}`, ...body });
const importIcs = (
  id: string,
  ics: string,
  caller: Caller = admin(),
  type = 'text/calendar; charset=utf-8',
) =>
  call(server.app, caller, 'POST', `/api/v1/calendars/${id}/holidays/import`, ics, { 'content-type': type });
const preview = (calendarId: string, start: string, minutes: number) =>
  call(server.app, desk.callers.agent1, 'POST', '/api/v1/sla/preview', { calendarId, start, minutes });

const WORKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
const ALL = [...WORKDAYS, 'sat', 'sun'];
const hoursOf = (days: string[], open: string, close: string) =>
  Object.fromEntries(days.map((day) => [day, [[open, close]]]));

describe('calendars', () => {
  it.each([
    // preset, its hours, a Friday-evening start (CET) + 120 minutes → due
    ['24/7', hoursOf(ALL, '00:00', '24:00'), '2026-03-27T22:00:00Z', '2026-03-28T00:00:00Z'],
    ['24/5', hoursOf(WORKDAYS, '00:00', '24:00'), '2026-03-27T22:00:00Z', '2026-03-29T23:00:00Z'],
    ['12/5', hoursOf(WORKDAYS, '08:00', '20:00'), '2026-03-27T18:00:00Z', '2026-03-30T07:00:00Z'],
    ['8/5', hoursOf(WORKDAYS, '09:00', '17:00'), '2026-03-27T15:00:00Z', '2026-03-30T08:00:00Z'],
  ])(
    'creates the %s preset with its hours, and business time follows them',
    async (preset, hours, start, due) => {
      const created = await newCalendar({ preset, timezone: 'Europe/Berlin' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ timezone: 'Europe/Berlin', hours, holidays: [], version: 1 });
      expect((await preview(created.body.id, start, 120)).body).toEqual({ due });
    },
  );

  it.each([
    [{ preset: '8/5', timezone: 'Mars/Olympus' }, 'body.timezone'],
    [{ timezone: 'Europe/Berlin' }, 'body.hours'],
    [
      {
        timezone: 'UTC',
        hours: {
          mon: [
            ['09:00', '13:00'],
            ['12:00', '17:00'],
          ],
        },
      },
      'body.hours.mon[1]',
    ],
    [{ timezone: 'UTC', hours: { mon: [['17:00', '09:00']] } }, 'body.hours.mon[0]'],
    [{ timezone: 'UTC', hours: { tue: [['09:00', '09:00']] } }, 'body.hours.tue[0]'],
    [{ timezone: 'UTC', hours: { mon: [['09:00', '25:00']] } }, 'body.hours.mon[0][1]'],
    [{ timezone: 'UTC', hours: { mon: [['24:00', '24:00']] } }, 'body.hours.mon[0][0]'],
    [{ timezone: 'UTC', hours: { monday: [['09:00', '17:00']] } }, 'body.hours.monday'],
    [{ preset: '8/5', timezone: 'UTC', holidays: ['2026-02-30'] }, 'body.holidays[0]'],
    [{ preset: '8/5', timezone: 'UTC', holidays: ['2026-12-24', 'Christmas'] }, 'body.holidays[1]'],
    [{ preset: '9/5', timezone: 'UTC' }, 'body.preset'],
  ])('refuses %o with 400 naming %s', async (body, field) => {
    expectFieldError(await newCalendar(body), field);
  });

  it('keeps names unique (ignoring case), edits with a new version, and refuses a bad edit by field', async () => {
    const first = await newCalendar({ name: 'Vienna office', preset: '8/5', timezone: 'Europe/Vienna' });
    const again = await newCalendar({ name: 'VIENNA OFFICE', preset: '24/7', timezone: 'UTC' });
    expect(again.status).toBe(409);
    expectErrorShape(again.body);
    expect(again.body.error.code).toBe('calendars.name_taken');
    const url = `/api/v1/calendars/${first.body.id}`;
    const edited = await call(server.app, admin(), 'PATCH', url, {
      hours: {
        mon: [
          ['08:00', '12:00'],
          ['13:00', '24:00'],
        ],
      },
      holidays: ['2026-12-25', '2026-12-24', '2026-12-25'],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      version: 2,
      hours: {
        mon: [
          ['08:00', '12:00'],
          ['13:00', '24:00'],
        ],
      },
      holidays: ['2026-12-24', '2026-12-25'],
    });
    expectFieldError(
      await call(server.app, admin(), 'PATCH', url, { timezone: 'Europe/Vien' }),
      'body.timezone',
    );
    expect((await call(server.app, admin(), 'GET', url)).body.version).toBe(2);
    const other = await newCalendar({ preset: '8/5', timezone: 'UTC' });
    const clash = { name: 'vienna office' };
    expect(
      (await call(server.app, admin(), 'PATCH', `/api/v1/calendars/${other.body.id}`, clash)).status,
    ).toBe(409);
  });

  it('lets admins and service managers write; agents read; customers get 403; an unknown id is 404', async () => {
    const { body: calendar } = await newCalendar({ preset: '12/5', timezone: 'UTC' });
    const url = `/api/v1/calendars/${calendar.id}`;
    const managed = await newCalendar(
      { name: 'Service manager hours', preset: '8/5', timezone: 'UTC' },
      serviceManager,
    );
    expect(managed.status).toBe(201);
    expect(
      (
        await call(server.app, serviceManager, 'PATCH', `/api/v1/calendars/${managed.body.id}`, {
          name: 'Renamed',
        })
      ).status,
    ).toBe(200);
    for (const staff of [desk.callers.agent1]) {
      expect((await newCalendar({ preset: '8/5', timezone: 'UTC' }, staff)).status).toBe(403);
      expect((await call(server.app, staff, 'PATCH', url, { name: 'Mine now' })).status).toBe(403);
      expect((await importIcs(calendar.id, 'BEGIN:VCALENDAR\r\nEND:VCALENDAR', staff)).status).toBe(403);
      expect((await call(server.app, staff, 'GET', url)).body.id).toBe(calendar.id);
      const list = await call(server.app, staff, 'GET', '/api/v1/calendars?limit=100');
      expect(list.body.items.map((item: { id: string }) => item.id)).toContain(calendar.id);
    }
    for (const customer of [desk.callers.manager, desk.callers.requester]) {
      expect((await call(server.app, customer, 'GET', url)).status).toBe(403);
      expect((await call(server.app, customer, 'GET', '/api/v1/calendars')).status).toBe(403);
      expect((await newCalendar({ preset: '8/5', timezone: 'UTC' }, customer)).status).toBe(403);
      expect((await call(server.app, customer, 'PATCH', url, { name: 'Ours' })).status).toBe(403);
    }
    const missing = '/api/v1/calendars/00000000-0000-4000-8000-000000000000';
    expect((await call(server.app, admin(), 'GET', missing)).status).toBe(404);
    expect((await call(server.app, admin(), 'PATCH', missing, { name: 'Nobody' })).status).toBe(404);
    expect((await call(server.app, null, 'GET', url)).status).toBe(401);
  });
});

/** A public-holiday feed as calendar programs export it (CRLF, folded lines, RRULE, EXDATE). */
const FEED = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Tend tests//Feiertage Berlin//DE',
  'CALSCALE:GREGORIAN',
  'X-WR-TIMEZONE:Europe/Berlin',
  'BEGIN:VEVENT',
  'UID:ostermontag-2026@tend.test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20260406',
  'SUMMARY:Ostermontag',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:tag-der-arbeit-2026@tend.test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20260501',
  'DTEND;VALUE=DATE:20260502',
  'SUMMARY:Tag der Arbeit',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:betriebsferien-2026@tend.test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20261228',
  'DTEND;VALUE=DATE:20261231',
  'SUMMARY:Betriebsferien zwischen den Jahren (the office is closed; DTEND is exclus',
  ' ive)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:weihnachten@tend.test',
  'DTSTAMP:20200101T000000Z',
  'DTSTART;VALUE=DATE:20201225',
  'DTEND;VALUE=DATE:20201227',
  'RRULE:FREQ=YEARLY',
  'SUMMARY:Weihnachtsfeiertage',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:neujahr@tend.test',
  'DTSTAMP:20200101T000000Z',
  'DTSTART;VALUE=DATE:20200101',
  'RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1',
  'EXDATE;VALUE=DATE:20270101',
  'SUMMARY:Neujahr',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const years = [2025, 2026, 2027, 2028, 2029, 2030, 2031]; // the server's year (2026) - 1 .. + 5
const FEED_DATES = [
  '2026-04-06',
  '2026-05-01',
  '2026-12-28',
  '2026-12-29',
  '2026-12-30',
  ...years.flatMap((year) => [`${year}-12-25`, `${year}-12-26`]),
  ...years.filter((year) => year !== 2027).map((year) => `${year}-01-01`),
].sort();

describe('holiday import (.ics)', () => {
  it('adds the local dates of single, multi-day and yearly events, and skips those already there', async () => {
    const { body: calendar } = await newCalendar({
      preset: '8/5',
      timezone: 'Europe/Berlin',
      holidays: ['2026-12-25'],
    });
    const imported = await importIcs(calendar.id, FEED);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.added).toEqual(FEED_DATES.filter((date) => date !== '2026-12-25'));
    expect(imported.body.skipped).toBe(1);
    expect(imported.body.calendar.holidays).toEqual(FEED_DATES);
    expect(imported.body.calendar.version).toBe(2);
    const again = await importIcs(calendar.id, FEED, admin(), 'text/calendar');
    expect(again.body).toMatchObject({ added: [], skipped: FEED_DATES.length });
  });

  it.each([
    ['garbage', 'this is not a calendar'],
    ['a lone event', 'BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nEND:VEVENT'],
    ['an impossible date', FEED.replace('DTSTART;VALUE=DATE:20260406', 'DTSTART;VALUE=DATE:20261345')],
    [
      'an event repeating every minute',
      FEED.replace(
        'END:VCALENDAR',
        'BEGIN:VEVENT\r\nDTSTART:20260101T000000Z\r\nRRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\nEND:VCALENDAR',
      ),
    ],
    [
      'a rule that cannot be expanded',
      FEED.replace('RRULE:FREQ=YEARLY\r\n', 'RRULE:FREQ=YEARLY;UNTIL=soon\r\n'),
    ],
  ])('answers 400 for %s and changes nothing', async (_label, ics) => {
    const { body: calendar } = await newCalendar({ preset: '8/5', timezone: 'UTC' });
    expectFieldError(await importIcs(calendar.id, ics), 'body');
    expect((await call(server.app, admin(), 'GET', `/api/v1/calendars/${calendar.id}`)).body.version).toBe(1);
  });

  it('accepts several calendars in one file, and answers 404 for an unknown calendar', async () => {
    const { body: calendar } = await newCalendar({ preset: '8/5', timezone: 'UTC' });
    const [head, ...rest] = FEED.split('BEGIN:VEVENT\r\nUID:tag-der-arbeit');
    const two = `${head}END:VCALENDAR\r\nBEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:tag-der-arbeit${rest.join('')}`;
    expect((await importIcs(calendar.id, two)).body.added).toEqual(FEED_DATES);
    expect((await importIcs('00000000-0000-4000-8000-000000000000', FEED)).status).toBe(404);
  });
});

describe('a calendar edit moves open tickets’ due times', () => {
  const sla = async (id: string) =>
    (await call(server.app, desk.callers.agent1, 'GET', `/api/v1/tickets/${id}/sla`)).body;
  const until = async (id: string, due: string) => {
    for (let waited = 0; waited < 15_000; waited += 100) {
      const ticket = await call(server.app, desk.callers.agent1, 'GET', `/api/v1/tickets/${id}`);
      if (ticket.body.slaDueAt === due) return ticket.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`ticket ${id} never became due at ${due}`);
  };

  it('recomputes through the job after a PATCH and after a holiday import', async () => {
    clock.set('2026-03-30T07:00:00Z');
    const { body: calendar } = await newCalendar({
      name: 'Berlin desk',
      preset: '8/5',
      timezone: 'Europe/Berlin',
    });
    const policy = await call(server.app, admin(), 'POST', '/api/v1/sla/policies', {
      name: 'Berlin standard',
      calendarId: calendar.id,
      isDefault: true,
      targets: { P3: { firstResponse: 60, resolution: 480 } },
    });
    expect(policy.status).toBe(201);
    const ticket = await call(server.app, desk.callers.requester, 'POST', '/api/v1/tickets', {
      subject: 'Export fails',
      description: 'Since this morning.',
    });
    expect(ticket.body.slaDueAt).toBe('2026-03-30T08:00:00.000Z'); // Mon 10:00 CEST
    const edit = { holidays: ['2026-03-30'] }; // today becomes a holiday
    expect((await call(server.app, admin(), 'PATCH', `/api/v1/calendars/${calendar.id}`, edit)).status).toBe(
      200,
    );
    await until(ticket.body.id, '2026-03-31T08:00:00.000Z'); // Tue 10:00 CEST
    const feed = FEED.replace('DTSTART;VALUE=DATE:20260406', 'DTSTART;VALUE=DATE:20260331');
    expect((await importIcs(calendar.id, feed)).body.added).toContain('2026-03-31');
    await until(ticket.body.id, '2026-04-01T08:00:00.000Z'); // Wed 10:00 CEST
    const explained = await sla(ticket.body.id);
    expect(explained.targets.find((t: { target: string }) => t.target === 'resolution').dueAt).toBe(
      '2026-04-01T15:00:00.000Z',
    );
    expect(explained.calendar).toMatchObject({ id: calendar.id, version: 3 });
    expect(explained.timeline.filter((e: { kind: string }) => e.kind === 'recomputed')).toHaveLength(2);
    expect(explained.timeline.at(-1).reason).toContain('calendar changed');
  });
});
