import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { WindowDefinition } from './definition.js';
import { RecurrenceError } from './errors.js';
import { type ExpandWindowsInput, expandWindows, isInstantInWindow } from './windows.js';

const UTC_DAY: Omit<ExpandWindowsInput, 'rrule' | 'from' | 'until'> = {
  dtstart: '2026-01-01T09:00:00',
  timezone: 'UTC',
  durationMinutes: 60,
};

/** Expands in UTC (so local = instant) and returns "YYYY-MM-DDTHH:MM" starts. */
function utcStarts(
  rrule: string,
  from: string,
  until: string,
  extra: Partial<ExpandWindowsInput> = {},
): string[] {
  const windows = expandWindows({
    ...UTC_DAY,
    rrule,
    from: new Date(from),
    until: new Date(until),
    ...extra,
  });
  return windows.map((w) => w.start.toISOString().slice(0, 16));
}

const dates = (list: string[]) => list.map((s) => s.slice(0, 10));

describe('windowing: [from, until) and limit', () => {
  it('includes a start exactly at from and excludes one exactly at until', () => {
    expect(utcStarts('FREQ=DAILY', '2026-01-02T09:00:00Z', '2026-01-04T09:00:00Z')).toEqual([
      '2026-01-02T09:00',
      '2026-01-03T09:00',
    ]);
  });

  it('returns the earliest `limit` windows, default 100, and nothing for an empty range', () => {
    expect(utcStarts('FREQ=DAILY', '2026-01-01Z', '2027-01-01Z', { limit: 3 })).toEqual([
      '2026-01-01T09:00',
      '2026-01-02T09:00',
      '2026-01-03T09:00',
    ]);
    expect(utcStarts('FREQ=DAILY', '2026-01-01Z', '2027-01-01Z')).toHaveLength(100);
    expect(utcStarts('FREQ=DAILY', '2026-01-05Z', '2026-01-05Z')).toEqual([]);
  });

  it('counts windows that started before `from` out, even when they are still running', () => {
    expect(utcStarts('FREQ=DAILY', '2026-01-02T09:30:00Z', '2026-01-03T10:00:00Z')).toEqual([
      '2026-01-03T09:00',
    ]);
  });

  it('end is start plus the duration', () => {
    const [w] = expandWindows({
      ...UTC_DAY,
      rrule: 'FREQ=DAILY',
      from: new Date('2026-01-01Z'),
      until: new Date('2026-01-02Z'),
      durationMinutes: 90,
    });
    expect(w?.end.getTime()).toBe(Date.parse('2026-01-01T10:30:00Z'));
  });
});

describe('COUNT and DTSTART', () => {
  it('counts from DTSTART, not from `from`', () => {
    expect(utcStarts('FREQ=DAILY;COUNT=5', '2026-01-03Z', '2026-02-01Z')).toEqual([
      '2026-01-03T09:00',
      '2026-01-04T09:00',
      '2026-01-05T09:00',
    ]);
  });

  it('does not include or count a DTSTART that does not match the rule (dateutil/rrule.js reading)', () => {
    // DTSTART 2026-01-04 is a Sunday; the rule wants Mondays.
    const got = utcStarts('FREQ=WEEKLY;BYDAY=MO;COUNT=3', '2026-01-01Z', '2026-12-01Z', {
      dtstart: '2026-01-04T09:00:00',
    });
    expect(dates(got)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
  });

  it('counts occurrences removed by exdates (EXDATE applies after the rule)', () => {
    const got = utcStarts('FREQ=DAILY;COUNT=3', '2026-01-01Z', '2026-02-01Z', { exdates: ['2026-01-02'] });
    expect(dates(got)).toEqual(['2026-01-01', '2026-01-03']);
  });
});

describe('UNTIL', () => {
  it('is inclusive and compared in UTC', () => {
    const inBerlin = { dtstart: '2026-01-01T09:00:00', timezone: 'Europe/Berlin' };
    // 09:00 Berlin = 08:00Z: an UNTIL of exactly 08:00Z keeps the 5 January occurrence.
    expect(
      dates(utcStarts('FREQ=DAILY;UNTIL=20260105T080000Z', '2026-01-01Z', '2026-02-01Z', inBerlin)),
    ).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05']);
    expect(
      utcStarts('FREQ=DAILY;UNTIL=20260105T075959Z', '2026-01-01Z', '2026-02-01Z', inBerlin),
    ).toHaveLength(4);
  });

  it('date-only UNTIL includes that whole local day; local UNTIL compares wall times', () => {
    const inTokyo = { dtstart: '2026-01-01T23:00:00', timezone: 'Asia/Tokyo' };
    expect(utcStarts('FREQ=DAILY;UNTIL=20260103', '2025-12-01Z', '2026-02-01Z', inTokyo)).toHaveLength(3);
    expect(utcStarts('FREQ=DAILY;UNTIL=20260103T230000', '2025-12-01Z', '2026-02-01Z', inTokyo)).toHaveLength(
      3,
    );
    expect(utcStarts('FREQ=DAILY;UNTIL=20260103T225959', '2025-12-01Z', '2026-02-01Z', inTokyo)).toHaveLength(
      2,
    );
  });
});

describe('rule parts', () => {
  it('BYMONTHDAY=31 only in months with 31 days', () => {
    const got = utcStarts('FREQ=MONTHLY;BYMONTHDAY=31', '2026-01-01Z', '2027-01-01Z');
    expect(dates(got)).toEqual(['01', '03', '05', '07', '08', '10', '12'].map((m) => `2026-${m}-31`));
  });

  it('a DTSTART on the 31st without BYMONTHDAY also skips short months', () => {
    const got = utcStarts('FREQ=MONTHLY;COUNT=3', '2026-01-01Z', '2027-01-01Z', {
      dtstart: '2026-01-31T09:00:00',
    });
    expect(dates(got)).toEqual(['2026-01-31', '2026-03-31', '2026-05-31']);
  });

  it('last weekday of the month (BYSETPOS=-1) and last Sunday (BYDAY=-1SU)', () => {
    const workday = utcStarts('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '2026-01-01Z', '2026-07-01Z');
    expect(dates(workday)).toEqual([
      '2026-01-30',
      '2026-02-27',
      '2026-03-31',
      '2026-04-30',
      '2026-05-29',
      '2026-06-30',
    ]);
    const sunday = utcStarts('FREQ=MONTHLY;BYDAY=-1SU', '2026-01-01Z', '2026-04-01Z');
    expect(dates(sunday)).toEqual(['2026-01-25', '2026-02-22', '2026-03-29']);
  });

  it('BYSETPOS picks among date-times when there are several times a day', () => {
    const got = utcStarts(
      'FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=8,18;BYMINUTE=0;BYSETPOS=2,-1',
      '2026-01-05Z',
      '2026-01-12Z',
    );
    expect(got).toEqual(['2026-01-05T18:00', '2026-01-09T18:00']);
  });

  it('BYDAY mixing ordinals and plain days is a union (dateutil and rrule.js return nothing)', () => {
    const got = utcStarts('FREQ=MONTHLY;BYDAY=1MO,FR', '2026-01-01Z', '2026-02-01Z');
    expect(dates(got)).toEqual([
      '2026-01-02',
      '2026-01-05',
      '2026-01-09',
      '2026-01-16',
      '2026-01-23',
      '2026-01-30',
    ]);
  });

  it('negative BYYEARDAY counts from the end of the year, leap years included', () => {
    const got = utcStarts('FREQ=YEARLY;BYYEARDAY=-1,-366', '2023-01-01Z', '2025-01-01Z', {
      dtstart: '2023-01-01T09:00:00',
    });
    expect(dates(got)).toEqual(['2023-12-31', '2024-01-01', '2024-12-31']);
  });

  it.each([
    [-1, (d: DateTime) => d.weekNumber === d.weeksInWeekYear],
    [1, (d: DateTime) => d.weekNumber === 1],
    [52, (d: DateTime) => d.weekNumber === 52],
    [53, (d: DateTime) => d.weekNumber === 53],
  ])('BYWEEKNO=%i selects exactly the ISO weeks of that number, 1995-2035', (week, isWanted) => {
    const rule = `FREQ=YEARLY;BYWEEKNO=${week};BYDAY=MO,TU,WE,TH,FR,SA,SU`;
    const got = utcStarts(rule, '1995-01-01Z', '2036-01-01Z', {
      dtstart: '1995-01-01T09:00:00',
      limit: 1000,
    });
    const expected: string[] = [];
    for (let d = DateTime.utc(1995, 1, 1); d.year < 2036; d = d.plus({ days: 1 }))
      if (isWanted(d)) expected.push(d.toISODate() ?? '');
    expect(dates(got)).toEqual(expected);
  });
});

describe('exdates', () => {
  it('skips by local date, by local date-time, or by UTC instant', () => {
    const def = { dtstart: '2026-01-01T09:00:00', timezone: 'Europe/Berlin' };
    const exdates = ['2026-01-02', '2026-01-03T09:00:00', '2026-01-04T08:00:00Z', '2026-01-05T10:00'];
    const got = utcStarts('FREQ=DAILY;COUNT=6', '2026-01-01Z', '2026-02-01Z', { ...def, exdates });
    expect(dates(got)).toEqual(['2026-01-01', '2026-01-05', '2026-01-06']);
  });
});

describe('isInstantInWindow', () => {
  const def: WindowDefinition = {
    rrule: 'FREQ=WEEKLY;BYDAY=SU',
    dtstart: '2026-01-04T22:00:00',
    timezone: 'Europe/Berlin',
    durationMinutes: 240,
  };
  const at = (iso: string) => isInstantInWindow(def, new Date(iso));

  it('finds a window that started the day before, start inclusive, end exclusive', () => {
    expect(at('2026-01-11T21:00:00Z')?.start.toISOString()).toBe('2026-01-11T21:00:00.000Z');
    expect(at('2026-01-12T00:59:59.999Z')?.end.toISOString()).toBe('2026-01-12T01:00:00.000Z');
    expect(at('2026-01-12T01:00:00Z')).toBeNull();
    expect(at('2026-01-11T20:59:59.999Z')).toBeNull();
  });

  it('works far from DTSTART and across clock changes', () => {
    // 22:00 CEST on 2040-07-01 (a Sunday) is 20:00Z.
    expect(at('2040-07-01T23:59:00Z')?.start.toISOString()).toBe('2040-07-01T20:00:00.000Z');
  });

  it('respects exdates and COUNT', () => {
    expect(
      isInstantInWindow({ ...def, exdates: ['2026-01-11'] }, new Date('2026-01-11T22:00:00Z')),
    ).toBeNull();
    expect(
      isInstantInWindow({ ...def, rrule: 'FREQ=WEEKLY;COUNT=2' }, new Date('2026-01-18T22:00:00Z')),
    ).toBeNull();
  });

  it('returns the latest-starting window when windows overlap', () => {
    const hourly = { ...def, rrule: 'FREQ=HOURLY', durationMinutes: 150 };
    expect(isInstantInWindow(hourly, new Date('2026-02-01T10:30:00Z'))?.start.toISOString()).toBe(
      '2026-02-01T10:00:00.000Z',
    );
  });

  it('names a bad instant', () => {
    expect(() => isInstantInWindow(def, new Date(Number.NaN))).toThrow(RecurrenceError);
  });
});

describe('efficiency', () => {
  const timed = <T>(run: () => T): [T, number] => {
    const t0 = performance.now();
    const result = run();
    return [result, performance.now() - t0];
  };

  it('skips to a range years after DTSTART without walking there', () => {
    const [daily, ms1] = timed(() =>
      utcStarts('FREQ=DAILY', '2030-06-01Z', '2030-06-04Z', { dtstart: '2020-01-01T09:00:00' }),
    );
    expect(daily).toEqual(['2030-06-01T09:00', '2030-06-02T09:00', '2030-06-03T09:00']);
    const [minutely, ms2] = timed(() =>
      utcStarts('FREQ=MINUTELY;INTERVAL=7', '2035-01-01Z', '2035-01-01T00:30Z', {
        dtstart: '2000-01-01T00:00:00',
      }),
    );
    // 2035-01-01T00:00 is 18,408,960 minutes after DTSTART: 3 past a multiple of 7.
    expect(minutely).toEqual([
      '2035-01-01T00:04',
      '2035-01-01T00:11',
      '2035-01-01T00:18',
      '2035-01-01T00:25',
    ]);
    expect(ms1 + ms2).toBeLessThan(200);
  });

  it('stops at `limit` in a huge range of a dense rule', () => {
    const [got, ms] = timed(() => utcStarts('FREQ=MINUTELY', '2026-01-01Z', '2036-01-01Z', { limit: 1000 }));
    expect(got).toHaveLength(1000);
    expect(ms).toBeLessThan(500);
  });

  it('walks a rule that never matches only across the requested range', () => {
    const [got, ms] = timed(() =>
      utcStarts('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=3', '2026-01-01Z', '2036-01-01Z'),
    );
    expect(got).toEqual([]);
    expect(ms).toBeLessThan(500);
  });

  it('refuses, naming the rule, when COUNT forces walking millions of steps', () => {
    const run = () =>
      utcStarts('FREQ=MINUTELY;COUNT=100000000', '2100-01-01Z', '2100-01-02Z', {
        dtstart: '2020-01-01T00:00:00',
      });
    expect(run).toThrow(/more than 2000000 steps/);
  });
});
