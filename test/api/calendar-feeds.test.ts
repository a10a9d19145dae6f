import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { expectFieldError } from '../support/errors.js';
import { call } from '../support/http.js';

/**
 * Private iCalendar feeds of maintenance windows: a tokenised public URL (only its digest stored),
 * RFC 5545 text (CRLF, folded lines, VTIMEZONE, RRULE + EXDATE, stable UID, SEQUENCE bumped on
 * edit) that ical.js — as a calendar client — expands to exactly the occurrences the API gives,
 * over a year with clock changes; rotation and revocation end the old URL.
 */
let server: TestServer;
let desk: Desk;
let serviceId: string;
let feedUrl: string;
let feedId: string;
const windows: Record<string, any> = {};
const YEAR = { from: '2026-01-01T00:00:00Z', until: '2027-01-01T00:00:00Z' };

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenDesk(server);
  const admin = desk.callers.admin;
  serviceId = (
    await call(server.app, admin, 'POST', '/api/v1/services', {
      organisationId: desk.a.id,
      name: 'Shop; the, "B2C" one',
    })
  ).body.id;
  const production = (
    await call(server.app, admin, 'POST', `/api/v1/services/${serviceId}/environments`, {
      name: 'production',
      kind: 'production',
    })
  ).body;
  const create = async (key: string, body: Record<string, unknown>) => {
    const response = await call(server.app, admin, 'POST', '/api/v1/maintenance/windows', {
      serviceId,
      environmentId: production.id,
      durationMinutes: 240,
      ...body,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    windows[key] = response.body;
  };
  await create('berlin', {
    title: 'Sunday patching — OS, database; kernel',
    description: `Rolling restarts.\nExpect short outages.${' Long text.'.repeat(20)}`,
    rrule: 'FREQ=WEEKLY;BYDAY=SU',
    dtstart: '2026-01-04T02:30:00',
    timezone: 'Europe/Berlin',
    exdates: ['2026-12-27', '2026-05-03T02:30'],
  });
  await create('newYork', {
    title: 'Nightly backups',
    rrule: 'FREQ=DAILY',
    dtstart: '2026-01-01T01:30:00',
    timezone: 'America/New_York',
    durationMinutes: 60,
  });
  await create('lordHowe', {
    title: 'Monthly, first Sunday',
    rrule: 'FREQ=MONTHLY;BYDAY=1SU;UNTIL=20261231',
    dtstart: '2026-01-01T02:15:00',
    timezone: 'Australia/Lord_Howe',
  });
  await create('oneOff', {
    title: 'Data centre move',
    dtstart: '2026-03-29T02:30:00',
    timezone: 'Europe/Berlin',
  });
});
afterAll(async () => server?.close());

const path = (url: string) => new URL(url).pathname;

async function fetchFeed(url: string) {
  return await call(server.app, null, 'GET', path(url));
}

/** Occurrence starts ical.js shows for each UID in [from, until), overrides applied. */
function clientView(text: string, range: { from: string; until: string }): Map<string, string[]> {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const byUid = new Map<string, ICAL.Component[]>();
  for (const event of calendar.getAllSubcomponents('vevent')) {
    const uid = String(event.getFirstPropertyValue('uid'));
    byUid.set(uid, [...(byUid.get(uid) ?? []), event]);
  }
  const from = new Date(range.from);
  const until = new Date(range.until);
  const view = new Map<string, string[]>();
  for (const [uid, events] of byUid) {
    const master = new ICAL.Event(events.find((event) => !event.hasProperty('recurrence-id')));
    for (const event of events) if (event.hasProperty('recurrence-id')) master.relateException(event);
    const starts: string[] = [];
    if (!master.isRecurring()) starts.push(master.startDate.toJSDate().toISOString());
    else {
      const iterator = master.iterator();
      for (let next = iterator.next(); next; next = iterator.next()) {
        const start = master.getOccurrenceDetails(next).startDate.toJSDate();
        if (start >= until) break;
        if (start >= from) starts.push(start.toISOString());
      }
    }
    view.set(uid, starts.sort());
  }
  return view;
}

describe('calendar feeds', () => {
  it('creates a feed whose URL is shown once; lists never show the token', async () => {
    const created = await call(server.app, desk.callers.manager, 'POST', '/api/v1/calendar-feeds', {
      organisationId: desk.a.id,
      name: 'Our maintenance',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    feedUrl = created.body.url;
    feedId = created.body.feed.id;
    expect(feedUrl).toMatch(
      /^http:\/\/127\.0\.0\.1\/api\/v1\/calendar-feeds\/tend_cal_[A-Za-z0-9_-]{43}\.ics$/,
    );
    const token = /(tend_cal_[^.]+)\.ics$/.exec(feedUrl)![1]!;
    const list = await call(
      server.app,
      desk.callers.admin,
      'GET',
      `/api/v1/calendar-feeds?organisationId=${desk.a.id}`,
    );
    expect(list.body.items.map((feed: any) => feed.id)).toEqual([feedId]);
    expect(JSON.stringify(list.body)).not.toContain(token);
    const stored = await server.database.pool.query('select token_hash from calendar_feeds where id = $1', [
      feedId,
    ]);
    expect(stored.rows[0].token_hash).not.toContain(token);
  });

  it('refuses feeds to requesters and to other tenants, naming the field', async () => {
    const post = (who: keyof Desk['callers'], body: Record<string, unknown>) =>
      call(server.app, desk.callers[who], 'POST', '/api/v1/calendar-feeds', { name: 'x', ...body });
    expect((await post('requester', { organisationId: desk.a.id })).status).toBe(403);
    expectFieldError(await post('requesterB', { organisationId: desk.a.id }), 'body.organisationId');
    expectFieldError(await post('admin', { organisationId: desk.b.id, serviceId }), 'body.serviceId');
    expect((await call(server.app, desk.callers.requester, 'GET', '/api/v1/calendar-feeds')).status).toBe(
      403,
    );
  });

  it('serves RFC 5545 text: CRLF, lines of at most 75 octets, VTIMEZONEs, escaped text', async () => {
    const response = await fetchFeed(feedUrl);
    expect(response.status).toBe(200);
    expect(String(response.headers['content-type'])).toMatch(/^text\/calendar; charset=utf-8/);
    const text: string = response.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'])
      expect(text).toContain(`BEGIN:VTIMEZONE\r\nTZID:${zone}\r\n`);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:Sunday patching — OS\\, database\\; kernel\r\n');
    expect(unfolded).toContain(`UID:maintenance-window-${windows.berlin.id}@127.0.0.1\r\n`);
    expect(unfolded).toContain(
      'DTSTART;TZID=Europe/Berlin:20260104T023000\r\nDURATION:PT4H\r\nRRULE:FREQ=WEEKLY;BYDAY=SU\r\n',
    );
    expect(unfolded).toContain('EXDATE;TZID=Europe/Berlin:20261227T023000\r\n');
    expect(unfolded).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
  });

  it('expands in ical.js to exactly the API’s occurrences over a year with clock changes', async () => {
    const text = (await fetchFeed(feedUrl)).body as string;
    const view = clientView(text, YEAR);
    for (const window of Object.values(windows)) {
      const ours = await call(
        server.app,
        desk.callers.manager,
        'GET',
        `/api/v1/maintenance/occurrences?serviceId=${serviceId}&from=${YEAR.from}&until=${YEAR.until}&limit=2000`,
      );
      const expected = ours.body.items
        .filter((item: any) => item.windowId === window.id)
        .map((item: any) => item.start)
        .sort();
      expect(expected.length, window.title).toBeGreaterThan(0);
      expect(view.get(`maintenance-window-${window.id}@127.0.0.1`), window.title).toEqual(expected);
    }
    // The spring-gap Sunday starts at 03:30 CEST, the autumn-overlap one at the first 02:30 (CEST).
    const berlin = view.get(`maintenance-window-${windows.berlin.id}@127.0.0.1`)!;
    expect(berlin).toContain('2026-03-29T01:30:00.000Z');
    expect(berlin).toContain('2026-10-25T00:30:00.000Z');
    expect(berlin).not.toContain('2026-05-03T00:30:00.000Z');
  });

  it('keeps the UID and bumps SEQUENCE when a window changes', async () => {
    const before = (await fetchFeed(feedUrl)).body as string;
    await call(server.app, desk.callers.admin, 'PATCH', `/api/v1/maintenance/windows/${windows.newYork.id}`, {
      dtstart: '2026-01-01T00:30:00',
    });
    const after = (await fetchFeed(feedUrl)).body as string;
    const block = (text: string) =>
      text
        .split('BEGIN:VEVENT')
        .find((event) => event.includes(`maintenance-window-${windows.newYork.id}@`))!;
    expect(block(before)).toContain('SEQUENCE:0\r\n');
    expect(block(after)).toContain('SEQUENCE:1\r\n');
    expect(block(after)).toContain('DTSTART;TZID=America/New_York:20260101T003000\r\n');
  });

  it('publishes one service only when the feed says so', async () => {
    const other = (
      await call(server.app, desk.callers.admin, 'POST', '/api/v1/services', {
        organisationId: desk.a.id,
        name: 'Other',
      })
    ).body;
    await call(server.app, desk.callers.admin, 'POST', '/api/v1/maintenance/windows', {
      serviceId: other.id,
      title: 'Other window',
      dtstart: '2026-08-01T22:00',
      timezone: 'UTC',
      durationMinutes: 30,
    });
    const feed = await call(server.app, desk.callers.admin, 'POST', '/api/v1/calendar-feeds', {
      organisationId: desk.a.id,
      serviceId: other.id,
      name: 'Other only',
    });
    const text = (await fetchFeed(feed.body.url)).body as string;
    expect(text).toContain('SUMMARY:Other window');
    expect(text).not.toContain('Sunday patching');
    expect((await fetchFeed(feedUrl)).body).toContain('SUMMARY:Other window');
  });

  it('rotation replaces the URL and revocation ends it; strangers get 404', async () => {
    const rotated = await call(
      server.app,
      desk.callers.manager,
      'POST',
      `/api/v1/calendar-feeds/${feedId}/rotate`,
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.url).not.toBe(feedUrl);
    expect((await fetchFeed(feedUrl)).status).toBe(404);
    expect((await fetchFeed(rotated.body.url)).status).toBe(200);
    expect(
      (await call(server.app, desk.callers.requesterB, 'DELETE', `/api/v1/calendar-feeds/${feedId}`)).status,
    ).toBe(404);
    expect(
      (await call(server.app, desk.callers.manager, 'DELETE', `/api/v1/calendar-feeds/${feedId}`)).status,
    ).toBe(204);
    const gone = await fetchFeed(rotated.body.url);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('calendar_feed.not_found');
    expect((await call(server.app, null, 'GET', '/api/v1/calendar-feeds/not-a-token.ics')).status).toBe(404);
    const audit = await call(server.app, desk.callers.admin, 'GET', `/api/v1/audit?entityId=${feedId}`);
    expect(audit.body.items.map((entry: any) => entry.action).sort()).toEqual([
      'calendar_feed.created',
      'calendar_feed.revoked',
      'calendar_feed.rotated',
    ]);
  });
});
