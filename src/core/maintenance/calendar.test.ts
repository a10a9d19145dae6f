import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../ical/index.js';
import { clockChangeAt, occurrencesOverlapping, type WindowSpec, windowEvents } from './index.js';

/**
 * The events we write for a window, expanded by ical.js (as a subscribed calendar client would),
 * give exactly our own occurrences over a year with clock changes.
 */
const year = { from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') };

function calendarOf(spec: WindowSpec): string {
  const events = windowEvents(
    {
      ...spec,
      uid: 'window-1@tend.test',
      sequence: 2,
      summary: 'Patching',
      description: 'OS updates',
      created: new Date('2025-12-01T00:00:00Z'),
      lastModified: new Date('2025-12-02T00:00:00Z'),
    },
    year,
  );
  return buildCalendar({
    prodId: '-//Tend//EN',
    stamp: new Date('2026-01-01T00:00:00Z'),
    events,
    zoneYears: { from: 2025, until: 2031 },
  });
}

/** What ical.js shows of the first event in [from, until), overrides applied. */
function clientOccurrences(text: string, range: { from: Date; until: Date }): string[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent');
  const master = new ICAL.Event(events.find((event) => !event.hasProperty('recurrence-id')));
  for (const event of events) if (event.hasProperty('recurrence-id')) master.relateException(event);
  if (!master.isRecurring()) return [master.startDate.toJSDate().toISOString()];
  const shown: string[] = [];
  const iterator = master.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    const start = master.getOccurrenceDetails(next).startDate.toJSDate();
    if (start >= range.until) break;
    if (start >= range.from) shown.push(start.toISOString());
  }
  return shown.sort();
}

const spec = (over: Partial<WindowSpec>): WindowSpec => ({
  rrule: 'FREQ=WEEKLY;BYDAY=SU',
  dtstart: '2026-01-04T02:30:00',
  timezone: 'Europe/Berlin',
  durationMinutes: 180,
  exdates: [],
  ...over,
});

describe('windowEvents, read back by ical.js', () => {
  const table: [string, WindowSpec][] = [
    ['Berlin, Sundays 02:30 (in the spring gap and autumn overlap)', spec({})],
    ['Berlin, nightly 02:30', spec({ rrule: 'FREQ=DAILY', dtstart: '2026-01-01T02:30:00' })],
    [
      'Berlin, Saturdays 23:00 across midnight, until October',
      spec({ rrule: 'FREQ=WEEKLY;BYDAY=SA;UNTIL=20261031', dtstart: '2026-01-03T23:00:00' }),
    ],
    [
      'New York, nightly 01:30, skipping a date',
      spec({
        rrule: 'FREQ=DAILY',
        dtstart: '2026-01-01T01:30:00',
        timezone: 'America/New_York',
        exdates: ['2026-02-01'],
      }),
    ],
    [
      'New York, first Sunday monthly, DTSTART not on the rule, COUNT',
      spec({
        rrule: 'FREQ=MONTHLY;BYDAY=1SU;COUNT=8',
        dtstart: '2026-01-05T23:00:00',
        timezone: 'America/New_York',
      }),
    ],
    [
      'Lord Howe, nightly 02:15 (a 30-minute gap)',
      spec({ rrule: 'FREQ=DAILY', dtstart: '2026-01-01T02:15:00', timezone: 'Australia/Lord_Howe' }),
    ],
    [
      'Lord Howe, nightly 01:45 (a 30-minute overlap)',
      spec({ rrule: 'FREQ=DAILY', dtstart: '2026-01-01T01:45:00', timezone: 'Australia/Lord_Howe' }),
    ],
    [
      'skips in every spelling',
      spec({ exdates: ['2026-05-03', '2026-06-07T02:30', '2026-07-05T00:30:00Z', '20260329T023000'] }),
    ],
    [
      'a lenient rule (lower case, spaces, local UNTIL)',
      spec({ rrule: 'rrule: freq=weekly; byday=su,we ; until=2026-09-30T02:30:00;' }),
    ],
    ['a one-off window in the spring gap', spec({ rrule: null, dtstart: '2026-03-29T02:30:00' })],
    ['a one-off window', spec({ rrule: null, dtstart: '2026-07-01T22:00:00' })],
  ];
  it.each(table)('%s', (_name, window) => {
    const ours = occurrencesOverlapping(window, year).map((o) => o.start.toISOString());
    expect(ours.length).toBeGreaterThan(0);
    expect(clientOccurrences(calendarOf(window), year)).toEqual(ours);
  });

  it('pins gap and overlap occurrences with overrides, and skips by nominal local time', () => {
    const text = calendarOf(spec({ exdates: ['2026-03-29'] }));
    // 29 March is skipped by its nominal 02:30 (no override for it); 25 October is pinned to
    // the earlier 02:30 (CEST), which ical.js would otherwise read as the later one.
    expect(text).toContain('EXDATE;TZID=Europe/Berlin:20260329T023000\r\n');
    expect(text).not.toContain('RECURRENCE-ID;TZID=Europe/Berlin:20260329T023000');
    expect(text).toMatch(
      /DTSTART:20261025T003000Z\r\n[\s\S]*?RECURRENCE-ID;TZID=Europe\/Berlin:20261025T023000\r\n/,
    );
    expect(text.match(/UID:window-1@tend\.test/g)?.length).toBe(text.match(/BEGIN:VEVENT/g)?.length);
  });
});

describe('clockChangeAt', () => {
  it.each([
    ['20260329T023000', 'Europe/Berlin', 'gap'],
    ['20261025T023000', 'Europe/Berlin', 'overlap'],
    ['20261025T033000', 'Europe/Berlin', null],
    ['20261004T021500', 'Australia/Lord_Howe', 'gap'],
    ['20260405T014500', 'Australia/Lord_Howe', 'overlap'],
    ['20260308T023000', 'America/New_York', 'gap'],
  ] as const)('%s in %s → %s', (local, zone, expected) => expect(clockChangeAt(local, zone)).toBe(expected));
});
