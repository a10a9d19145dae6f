/**
 * The daily, weekly and sub-daily worked examples of RFC 5545 §3.8.5.3, whose expected dates are
 * printed there for the Eastern United States zone: run through expandWindows in America/New_York
 * and shown back as local wall times.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { expandWindows } from './windows.js';

const ZONE = 'America/New_York';

function localStarts(rrule: string, dtstart: string, until: string, exdates: string[] = []): string[] {
  const windows = expandWindows({
    rrule,
    dtstart,
    timezone: ZONE,
    durationMinutes: 60,
    exdates,
    from: new Date('1996-01-01T00:00:00Z'),
    until: new Date(until),
    limit: 1000,
  });
  return windows.map((w) => DateTime.fromJSDate(w.start, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm"));
}

/** { 1997: { 9: [2, 4] } } → ["1997-09-02T09:00", "1997-09-04T09:00"]: every RFC example is at 9 AM. */
function at9(spec: Record<number, Record<number, number[]>>): string[] {
  const pad = (n: number | string) => String(n).padStart(2, '0');
  return Object.entries(spec).flatMap(([year, months]) =>
    Object.entries(months).flatMap(([month, days]) =>
      days.map((d) => `${year}-${pad(month)}-${pad(d)}T09:00`),
    ),
  );
}

function range(from: number, to: number, step = 1): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n += step) out.push(n);
  return out;
}

const JAN = { 1: range(1, 31) };

/** [description, DTSTART, RRULE, end of the queried range, expected 9 AM dates]. */
const EXAMPLES: [string, string, string, string, string[]][] = [
  [
    'daily for 10 occurrences',
    '1997-09-02',
    'FREQ=DAILY;COUNT=10',
    '1998',
    at9({ 1997: { 9: range(2, 11) } }),
  ],
  [
    'daily until December 24, 1997 (UNTIL is 23 Dec 19:00 EST)',
    '1997-09-02',
    'FREQ=DAILY;UNTIL=19971224T000000Z',
    '1999',
    at9({ 1997: { 9: range(2, 30), 10: range(1, 31), 11: range(1, 30), 12: range(1, 23) } }),
  ],
  [
    'every other day',
    '1997-09-02',
    'FREQ=DAILY;INTERVAL=2',
    '1997-12-04',
    at9({ 1997: { 9: range(2, 30, 2), 10: range(2, 30, 2), 11: range(1, 29, 2), 12: [1, 3] } }),
  ],
  [
    'every 10 days, 5 occurrences',
    '1997-09-02',
    'FREQ=DAILY;INTERVAL=10;COUNT=5',
    '1998',
    at9({ 1997: { 9: [2, 12, 22], 10: [2, 12] } }),
  ],
  [
    'every day in January for 3 years (daily)',
    '1998-01-01',
    'FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1',
    '2001',
    at9({ 1998: JAN, 1999: JAN, 2000: JAN }),
  ],
  [
    'weekly for 10 occurrences',
    '1997-09-02',
    'FREQ=WEEKLY;COUNT=10',
    '1998',
    at9({ 1997: { 9: [2, 9, 16, 23, 30], 10: [7, 14, 21, 28], 11: [4] } }),
  ],
  [
    'weekly until December 24, 1997',
    '1997-09-02',
    'FREQ=WEEKLY;UNTIL=19971224T000000Z',
    '1999',
    at9({ 1997: { 9: [2, 9, 16, 23, 30], 10: [7, 14, 21, 28], 11: [4, 11, 18, 25], 12: [2, 9, 16, 23] } }),
  ],
  [
    'every other week',
    '1997-09-02',
    'FREQ=WEEKLY;INTERVAL=2;WKST=SU',
    '1998-02-18',
    at9({
      1997: { 9: [2, 16, 30], 10: [14, 28], 11: [11, 25], 12: [9, 23] },
      1998: { 1: [6, 20], 2: [3, 17] },
    }),
  ],
  [
    'weekly on Tuesday and Thursday for five weeks (UNTIL)',
    '1997-09-02',
    'FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH',
    '1998',
    at9({ 1997: { 9: [2, 4, 9, 11, 16, 18, 23, 25, 30], 10: [2] } }),
  ],
  [
    'weekly on Tuesday and Thursday for five weeks (COUNT)',
    '1997-09-02',
    'FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH',
    '1998',
    at9({ 1997: { 9: [2, 4, 9, 11, 16, 18, 23, 25, 30], 10: [2] } }),
  ],
  [
    'every other week on Monday, Wednesday and Friday until December 24',
    '1997-09-01',
    'FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR',
    '1998',
    at9({
      1997: {
        9: [1, 3, 5, 15, 17, 19, 29],
        10: [1, 3, 13, 15, 17, 27, 29, 31],
        11: [10, 12, 14, 24, 26, 28],
        12: [8, 10, 12, 22],
      },
    }),
  ],
  [
    'every other week on Tuesday and Thursday, for 8 occurrences',
    '1997-09-02',
    'FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH',
    '1998',
    at9({ 1997: { 9: [2, 4, 16, 18, 30], 10: [2, 14, 16] } }),
  ],
  [
    'WKST=MO: FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU',
    '1997-08-05',
    'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO',
    '1998',
    at9({ 1997: { 8: [5, 10, 19, 24] } }),
  ],
  [
    'WKST=SU changes the result',
    '1997-08-05',
    'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU',
    '1998',
    at9({ 1997: { 8: [5, 17, 19, 31] } }),
  ],
];

describe('RFC 5545 §3.8.5.3 daily, weekly and sub-daily examples (America/New_York)', () => {
  it.each(EXAMPLES)('%s', (_name, date, rrule, until, expected) => {
    expect(
      localStarts(rrule, `${date}T09:00:00`, until.length === 4 ? `${until}-01-01Z` : `${until}Z`),
    ).toEqual(expected);
  });
  it('every 3 hours from 9:00 AM to 5:00 PM: UNTIL=…T170000Z is 13:00 EDT, so 15:00 is out', () => {
    // The RFC prints 09:00, 12:00, 15:00, but its own UNTIL (17:00 UTC = 13:00 EDT) ends the set
    // after 12:00; the contract compares each occurrence's instant with UNTIL.
    const got = localStarts(
      'FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z',
      '1997-09-02T09:00:00',
      '1998-01-01Z',
    );
    expect(got).toEqual(['1997-09-02T09:00', '1997-09-02T12:00']);
  });
  it.each([
    ['FREQ=MINUTELY;INTERVAL=15;COUNT=6', ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15']],
    ['FREQ=MINUTELY;INTERVAL=90;COUNT=4', ['09:00', '10:30', '12:00', '13:30']],
  ])('every 15 minutes / hour and a half: %s', (rrule, times) => {
    expect(localStarts(rrule, '1997-09-02T09:00:00', '1998-01-01Z')).toEqual(
      times.map((t) => `1997-09-02T${t}`),
    );
  });
  it.each([
    'FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40',
    'FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16',
  ])('every 20 minutes from 9:00 AM to 4:40 PM every day: %s', (rule) => {
    const day = range(9, 16).flatMap((h) =>
      [0, 20, 40].map((m) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    );
    const got = localStarts(rule, '1997-09-02T09:00:00', '1997-09-04T04:00:00Z');
    expect(got).toEqual([...day.map((t) => `1997-09-02T${t}`), ...day.map((t) => `1997-09-03T${t}`)]);
  });
  it('maps 09:00 to 13:00Z in EDT and 14:00Z in EST', () => {
    const windows = expandWindows({
      rrule: 'FREQ=WEEKLY;COUNT=10',
      dtstart: '1997-09-02T09:00:00',
      timezone: ZONE,
      durationMinutes: 60,
      from: new Date('1997-01-01Z'),
      until: new Date('1998-01-01Z'),
    });
    expect(windows[0]?.start.toISOString()).toBe('1997-09-02T13:00:00.000Z');
    expect(windows[8]?.start.toISOString()).toBe('1997-10-28T14:00:00.000Z');
  });
});
