import { describe, expect, it } from 'vitest';
import { RecurrenceError, type RecurrenceField } from './errors.js';
import { parseRecurrenceRule } from './rule.js';
import { type ExpandWindowsInput, expandWindows } from './windows.js';

function rejection(run: () => unknown): { field: RecurrenceField; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof RecurrenceError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a RecurrenceError');
}

describe('parseRecurrenceRule', () => {
  it('reads every supported part', () => {
    const rule = parseRecurrenceRule(
      'FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1MO,-1SU,FR;BYMONTHDAY=-1,31;BYMONTH=1,12;BYSETPOS=-1;WKST=SU;BYHOUR=2;BYMINUTE=30;BYSECOND=5',
    );
    expect(rule).toMatchObject({
      freq: 'MONTHLY',
      interval: 2,
      count: 10,
      until: null,
      byDay: [
        { weekday: 0, n: 1 },
        { weekday: 6, n: -1 },
        { weekday: 4, n: 0 },
      ],
      byMonthDay: [-1, 31],
      byMonth: [1, 12],
      bySetPos: [-1],
      wkst: 6,
      byHour: [2],
      byMinute: [30],
      bySecond: [5],
    });
  });

  it('accepts an RRULE: prefix, lower case, spaces and a trailing semicolon', () => {
    expect(parseRecurrenceRule(' rrule:freq=weekly; byday=su; ')).toMatchObject({
      freq: 'WEEKLY',
      byDay: [{ weekday: 6, n: 0 }],
    });
  });

  it('reads UNTIL in UTC, local and date-only forms', () => {
    expect(parseRecurrenceRule('FREQ=DAILY;UNTIL=20260301T010203Z').until).toEqual({
      kind: 'utc',
      instantMs: Date.parse('2026-03-01T01:02:03Z'),
    });
    expect(parseRecurrenceRule('FREQ=DAILY;UNTIL=20260301T010203').until).toEqual({
      kind: 'local',
      localMs: Date.parse('2026-03-01T01:02:03Z'),
    });
    // A date-only UNTIL reaches to the last millisecond of that local day.
    expect(parseRecurrenceRule('FREQ=DAILY;UNTIL=20260301').until).toEqual({
      kind: 'local',
      localMs: Date.parse('2026-03-02T00:00:00Z') - 1,
    });
  });

  it.each([
    ['', 'the rule is empty; FREQ is required'],
    ['BYDAY=MO', 'FREQ is required'],
    ['FREQ=FORTNIGHTLY', "FREQ: unknown frequency 'FORTNIGHTLY'"],
    ['FREQ=SECONDLY', 'FREQ: SECONDLY is not supported'],
    ['FREQ=WEEKLY;BYDAY=XX', "BYDAY: unknown weekday 'XX'"],
    ['FREQ=WEEKLY;BYDAY=MO,', "BYDAY: unknown weekday ''"],
    ['FREQ=MONTHLY;BYDAY=0MO', "BYDAY: ordinal in '0MO' must be 1 to 53 or -53 to -1"],
    ['FREQ=MONTHLY;BYDAY=54MO', "BYDAY: ordinal in '54MO' must be 1 to 53 or -53 to -1"],
    ['FREQ=YEARLY;BYMONTH=13', 'BYMONTH: 13 is out of range (1 to 12)'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'BYMONTHDAY: 0 is out of range (1 to 31 or -31 to -1)'],
    ['FREQ=MONTHLY;BYMONTHDAY=-32', 'BYMONTHDAY: -32 is out of range (1 to 31 or -31 to -1)'],
    ['FREQ=DAILY;BYHOUR=24', 'BYHOUR: 24 is out of range (0 to 23)'],
    ['FREQ=DAILY;BYMINUTE=-1', 'BYMINUTE: -1 is out of range (0 to 59)'],
    ['FREQ=YEARLY;BYWEEKNO=54', 'BYWEEKNO: 54 is out of range (1 to 53 or -53 to -1)'],
    ['FREQ=YEARLY;BYYEARDAY=367', 'BYYEARDAY: 367 is out of range (1 to 366 or -366 to -1)'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0', 'BYSETPOS: 0 is out of range (1 to 366 or -366 to -1)'],
    ['FREQ=MONTHLY;BYMONTHDAY=x', "BYMONTHDAY: 'x' is not an integer"],
    ['FREQ=DAILY;INTERVAL=0', "INTERVAL: must be a positive integer, got '0'"],
    ['FREQ=DAILY;COUNT=-1', "COUNT: must be a positive integer, got '-1'"],
    [
      'FREQ=DAILY;UNTIL=tomorrow',
      "UNTIL: expected YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ, got 'tomorrow'",
    ],
    [
      'FREQ=DAILY;UNTIL=20260230',
      "UNTIL: expected YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ, got '20260230'",
    ],
    ['FREQ=WEEKLY;WKST=XX', "WKST: unknown weekday 'XX'"],
    ['FREQ=DAILY;FOO=1', "unknown rule part 'FOO'"],
    ['FREQ=DAILY;FREQ=WEEKLY', 'FREQ is given more than once'],
    ['FREQ=DAILY;COUNT', "malformed rule part 'COUNT' (expected NAME=VALUE)"],
    ['FREQ=DAILY;COUNT=', 'COUNT: value is empty'],
  ])('rejects %j: %s', (text, message) => {
    expect(rejection(() => parseRecurrenceRule(text))).toEqual({ field: 'rrule', message });
  });
});

describe('input validation', () => {
  const valid: ExpandWindowsInput = {
    rrule: 'FREQ=WEEKLY;BYDAY=SU',
    dtstart: '2026-01-04T02:00:00',
    timezone: 'Europe/Berlin',
    durationMinutes: 240,
    from: new Date('2026-01-01T00:00:00Z'),
    until: new Date('2026-02-01T00:00:00Z'),
    limit: 100,
  };
  const reject = (patch: Record<string, unknown>) =>
    rejection(() => expandWindows({ ...valid, ...patch } as ExpandWindowsInput));

  it('accepts the valid baseline, with and without limit', () => {
    expect(expandWindows(valid)).toHaveLength(4);
    expect(expandWindows({ ...valid, limit: undefined })).toHaveLength(4);
    expect(expandWindows({ ...valid, dtstart: '20260104T0200' })).toHaveLength(4);
  });

  it.each<[Record<string, unknown>, RecurrenceField, string | RegExp]>([
    [{ rrule: 42 }, 'rrule', 'rrule must be a string'],
    [{ rrule: 'FREQ=HOURLY;INTERVAL=2;BYHOUR=3,5' }, 'rrule', /^BYHOUR: no listed hour is reachable/],
    [{ rrule: 'FREQ=MINUTELY;INTERVAL=60;BYMINUTE=30' }, 'rrule', /^BYHOUR\/BYMINUTE: no listed time of day/],
    [{ dtstart: '2026-01-04T02:00:00Z' }, 'dtstart', /^dtstart must be a local date-time without offset/],
    [{ dtstart: '2026-01-04T02:00:00+01:00' }, 'dtstart', /^dtstart must be a local date-time/],
    [{ dtstart: '2026-02-30T02:00:00' }, 'dtstart', /^dtstart must be a local date-time/],
    [{ dtstart: '2026-01-04' }, 'dtstart', /^dtstart must be a local date-time/],
    [{ timezone: 'Mars/Olympus_Mons' }, 'timezone', "unknown IANA time zone 'Mars/Olympus_Mons'"],
    [{ timezone: '+01:00' }, 'timezone', "unknown IANA time zone '+01:00'"],
    [{ durationMinutes: 0 }, 'durationMinutes', 'durationMinutes must be a whole number from 1 to 527040'],
    [{ durationMinutes: 1.5 }, 'durationMinutes', /^durationMinutes must be a whole number/],
    [{ durationMinutes: 527_041 }, 'durationMinutes', /^durationMinutes must be a whole number/],
    [{ exdates: ['2026-01-11', 'soon'] }, 'exdates', /^exdates\[1\]: expected YYYY-MM-DD/],
    [{ exdates: 'x' }, 'exdates', 'exdates must be a list of strings'],
    [{ from: new Date('nope') }, 'from', 'from must be a valid date-time'],
    [{ until: '2026-02-01' }, 'until', 'until must be a valid date-time'],
    [{ until: new Date('2025-12-31T00:00:00Z') }, 'until', 'until must not be before from'],
    [{ limit: 0 }, 'limit', 'limit must be a whole number from 1 to 1000'],
    [{ limit: 1001 }, 'limit', 'limit must be a whole number from 1 to 1000'],
    [{ limit: 2.5 }, 'limit', 'limit must be a whole number from 1 to 1000'],
  ])('rejects %j as a %s problem', (patch, field, message) => {
    const got = reject(patch);
    expect(got.field).toBe(field);
    if (typeof message === 'string') expect(got.message).toBe(message);
    else expect(got.message).toMatch(message);
  });
});
