import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  elapsedBusinessMs,
  elapsedBusinessSeconds,
  MAX_BUSINESS_MINUTES,
} from './business-time.js';
import { compileCalendar } from './calendar.js';
import { NoBusinessTimeError } from './errors.js';
import { presetCalendar } from './presets.js';
import type { Pause } from './types.js';

// UTC keeps the arithmetic in these cases visible; DST is covered in dst.test.ts.
const office = compileCalendar(presetCalendar('8/5', 'UTC', ['2026-06-03']));
const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString() ?? null;
const pause = (from: string, to: string | null): Pause => ({
  from: at(from),
  to: to === null ? null : at(to),
});

describe('addBusinessTime', () => {
  it.each([
    ['inside hours', '2026-06-01T10:00:00Z', 60, '2026-06-01T11:00:00.000Z'],
    ['before opening', '2026-06-01T06:12:00Z', 30, '2026-06-01T09:30:00.000Z'],
    ['exactly at opening', '2026-06-01T09:00:00Z', 480, '2026-06-01T17:00:00.000Z'],
    ['finishing exactly at closing stays at closing', '2026-06-01T16:00:00Z', 60, '2026-06-01T17:00:00.000Z'],
    ['exactly at closing', '2026-06-01T17:00:00Z', 30, '2026-06-02T09:30:00.000Z'],
    ['on a weekend', '2026-06-06T12:00:00Z', 1, '2026-06-08T09:01:00.000Z'],
    ['over a holiday (Wed 3 June)', '2026-06-02T16:00:00Z', 120, '2026-06-04T10:00:00.000Z'],
    ['with seconds and ms', '2026-06-01T16:59:59.250Z', 1, '2026-06-02T09:00:59.250Z'],
    ['N = 0 inside hours', '2026-06-01T10:00:00.123Z', 0, '2026-06-01T10:00:00.123Z'],
    [
      'N = 0 outside hours gives start, not the next opening',
      '2026-06-06T12:00:00Z',
      0,
      '2026-06-06T12:00:00.000Z',
    ],
    [
      'five days over the holiday end at a closing',
      '2026-06-01T09:00:00Z',
      5 * 480,
      '2026-06-08T17:00:00.000Z',
    ],
  ])('%s', (_name, start, minutes, due) => {
    expect(iso(addBusinessTime(office, at(start), minutes))).toBe(due);
  });

  it('handles split shifts and a close at 24:00 that runs into the next day', () => {
    const calendar = compileCalendar({
      timezone: 'UTC',
      hours: {
        mon: [
          ['08:00', '12:00'],
          ['13:00', '17:00'],
          ['22:00', '24:00'],
        ],
        tue: [['00:00', '02:00']],
      },
    });
    const monday = (time: string) => at(`2026-06-01T${time}Z`);
    expect(iso(addBusinessTime(calendar, monday('11:30:00'), 60))).toBe('2026-06-01T13:30:00.000Z');
    expect(iso(addBusinessTime(calendar, monday('12:30:00'), 240))).toBe('2026-06-01T17:00:00.000Z');
    expect(iso(addBusinessTime(calendar, monday('16:00:00'), 180))).toBe('2026-06-02T00:00:00.000Z');
    expect(iso(addBusinessTime(calendar, monday('23:00:00'), 120))).toBe('2026-06-02T01:00:00.000Z');
    expect(iso(addBusinessTime(calendar, monday('23:00:00'), 181))).toBe('2026-06-08T08:01:00.000Z');
    expect(elapsedBusinessSeconds(calendar, monday('00:00:00'), at('2026-06-02T12:00:00Z'))).toBe(12 * 3600);
  });

  it('rejects invalid arguments', () => {
    expect(() => addBusinessTime(office, at('nonsense'), 5)).toThrow(RangeError);
    expect(() => addBusinessTime(office, at('2026-06-01T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addBusinessTime(office, at('2026-06-01T10:00:00Z'), 1.5)).toThrow(RangeError);
    expect(() => addBusinessTime(office, at('2026-06-01T10:00:00Z'), MAX_BUSINESS_MINUTES + 1)).toThrow(
      RangeError,
    );
    const backwards = [pause('2026-06-01T11:00:00Z', '2026-06-01T10:00:00Z')];
    expect(() => addBusinessTime(office, at('2026-06-01T10:00:00Z'), 5, backwards)).toThrow(RangeError);
  });
});

describe('pauses', () => {
  const start = at('2026-06-01T09:00:00Z');

  it('do not count, even when they overlap each other', () => {
    const pauses = [
      pause('2026-06-01T10:00:00Z', '2026-06-01T10:30:00Z'),
      pause('2026-06-01T10:15:00Z', '2026-06-01T11:00:00Z'),
    ];
    expect(iso(addBusinessTime(office, start, 120, pauses))).toBe('2026-06-01T12:00:00.000Z');
    expect(elapsedBusinessSeconds(office, start, at('2026-06-01T12:00:00Z'), pauses)).toBe(7200);
    // Given in reverse order, the same.
    expect(iso(addBusinessTime(office, start, 120, [...pauses].reverse()))).toBe('2026-06-01T12:00:00.000Z');
  });

  it('that cover the start, lie outside business time or before the start change nothing else', () => {
    const pauses = [
      pause('2026-05-29T12:00:00Z', '2026-05-29T13:00:00Z'),
      pause('2026-06-01T08:00:00Z', '2026-06-01T09:30:00Z'),
      pause('2026-06-01T18:00:00Z', '2026-06-02T08:00:00Z'),
    ];
    expect(iso(addBusinessTime(office, start, 120, pauses))).toBe('2026-06-01T11:30:00.000Z');
    expect(iso(addBusinessTime(office, start, 600, pauses))).toBe('2026-06-02T11:30:00.000Z');
  });

  it('that span a closing time push the due time into the next day', () => {
    const pauses = [pause('2026-06-01T16:00:00.500Z', '2026-06-02T10:00:00Z')];
    expect(iso(addBusinessTime(office, start, 480, pauses))).toBe('2026-06-02T10:59:59.500Z');
  });

  it('open-ended: no due time if the work is not done when the pause begins', () => {
    const open = [pause('2026-06-01T10:00:00Z', null)];
    expect(addBusinessTime(office, start, 61, open)).toBeNull();
    expect(iso(addBusinessTime(office, start, 60, open))).toBe('2026-06-01T10:00:00.000Z');
    expect(iso(addBusinessTime(office, start, 30, open))).toBe('2026-06-01T09:30:00.000Z');
    expect(iso(addBusinessTime(office, start, 0, [pause('2026-06-01T08:00:00Z', null)]))).toBe(iso(start));
    expect(elapsedBusinessSeconds(office, start, at('2026-06-05T00:00:00Z'), open)).toBe(3600);
  });
});

describe('elapsedBusinessSeconds', () => {
  it('measures [start, end) and floors to whole seconds', () => {
    expect(elapsedBusinessSeconds(office, start('09:00:00.000'), start('09:00:01.999'))).toBe(1);
    expect(elapsedBusinessMs(office, start('08:59:59.999'), start('09:00:01.999'))).toBe(1999);
    expect(elapsedBusinessSeconds(office, start('16:59:59.500'), at('2026-06-02T09:00:00.400Z'))).toBe(0);
    expect(elapsedBusinessMs(office, start('16:59:59.500'), at('2026-06-02T09:00:00.400Z'))).toBe(900);
  });

  it('is 0 when start ≥ end', () => {
    expect(elapsedBusinessSeconds(office, start('12:00:00'), start('12:00:00'))).toBe(0);
    expect(elapsedBusinessSeconds(office, start('12:00:00'), start('10:00:00'))).toBe(0);
  });

  it('spans long ranges (a year of 8/5 in UTC, one holiday)', () => {
    const days = 261 - 1; // weekdays in 2026, minus 3 June
    expect(elapsedBusinessSeconds(office, at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe(
      days * 8 * 3600,
    );
  });

  function start(time: string): Date {
    return at(`2026-06-01T${time}Z`);
  }
});

describe('calendars without business time', () => {
  it('throws when there are no opening hours at all', () => {
    const never = compileCalendar({ timezone: 'UTC', hours: {} });
    expect(() => addBusinessTime(never, at('2026-01-01T00:00:00Z'), 1)).toThrow(NoBusinessTimeError);
    expect(iso(addBusinessTime(never, at('2026-01-01T00:00:00Z'), 0))).toBe('2026-01-01T00:00:00.000Z');
    expect(elapsedBusinessSeconds(never, at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe(0);
  });

  it('gives up after the horizon when every open day is a holiday, and not before', () => {
    // Every Monday from 2026 until the given year, as local dates.
    const mondaysUntil = (year: number) => {
      const dates: string[] = [];
      for (let day = Date.UTC(2026, 0, 5); new Date(day).getUTCFullYear() < year; day += 7 * 86_400_000) {
        dates.push(new Date(day).toISOString().slice(0, 10));
      }
      return dates;
    };
    const start = at('2026-01-01T00:00:00Z');
    const closedForSixYears = compileCalendar({
      timezone: 'UTC',
      hours: { mon: [['09:00', '10:00']] },
      holidays: mondaysUntil(2032),
    });
    expect(() => addBusinessTime(closedForSixYears, start, 1)).toThrow(NoBusinessTimeError);
    const closedForTwoYears = compileCalendar({
      timezone: 'UTC',
      hours: { mon: [['09:00', '10:00']] },
      holidays: mondaysUntil(2028),
    });
    expect(iso(addBusinessTime(closedForTwoYears, start, 1))).toBe('2028-01-03T09:01:00.000Z');
  });
});
