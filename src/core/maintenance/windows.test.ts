import { describe, expect, it } from 'vitest';
import {
  findContainingWindow,
  occurrenceContaining,
  occurrencesOverlapping,
  type WindowSpec,
} from './index.js';

const spec = (over: Partial<WindowSpec>): WindowSpec => ({
  rrule: 'FREQ=WEEKLY;BYDAY=SU',
  dtstart: '2026-01-04T02:00:00',
  timezone: 'Europe/Berlin',
  durationMinutes: 240,
  exdates: [],
  ...over,
});
const z = (text: string) => new Date(text);

const berlinSunday = spec({});
const newYorkNightly = spec({
  rrule: 'FREQ=DAILY',
  dtstart: '2026-01-01T01:00:00',
  timezone: 'America/New_York',
  durationMinutes: 120,
});
const lordHowe = spec({
  rrule: 'FREQ=DAILY',
  dtstart: '2026-01-01T02:15:00',
  timezone: 'Australia/Lord_Howe',
  durationMinutes: 60,
});
const lordHoweAutumn = spec({
  rrule: 'FREQ=DAILY',
  dtstart: '2026-01-01T01:45:00',
  timezone: 'Australia/Lord_Howe',
  durationMinutes: 30,
});
const saturdayNight = spec({
  rrule: 'FREQ=WEEKLY;BYDAY=SA',
  dtstart: '2026-01-03T23:00:00',
  durationMinutes: 180,
});
const oneOff = spec({ rrule: null, dtstart: '2026-05-01T20:00:00', durationMinutes: 90 });

describe('occurrenceContaining: does [start, end) fit inside one occurrence?', () => {
  // [window, change start, change end, the holding occurrence's [start, end) or null]
  const table: [string, WindowSpec, string, string, [string, string] | null][] = [
    [
      'Berlin, an ordinary Sunday (CET)',
      berlinSunday,
      '2026-03-22T01:00:00Z',
      '2026-03-22T05:00:00Z',
      ['2026-03-22T01:00:00Z', '2026-03-22T05:00:00Z'],
    ],
    ['Berlin, one second too long', berlinSunday, '2026-03-22T01:00:00Z', '2026-03-22T05:00:01Z', null],
    [
      'Berlin, starting before the window',
      berlinSunday,
      '2026-03-22T00:59:59Z',
      '2026-03-22T02:00:00Z',
      null,
    ],
    // 02:00 does not exist on 29 March: it takes the offset before the gap (+01:00), i.e. 03:00 CEST.
    [
      'Berlin spring gap: 02:00 → 01:00Z',
      berlinSunday,
      '2026-03-29T01:00:00Z',
      '2026-03-29T05:00:00Z',
      ['2026-03-29T01:00:00Z', '2026-03-29T05:00:00Z'],
    ],
    [
      'Berlin spring gap: not from 00:30Z',
      berlinSunday,
      '2026-03-29T00:30:00Z',
      '2026-03-29T02:00:00Z',
      null,
    ],
    // 02:00 happens twice on 25 October: the earlier (CEST) one is the window's start.
    [
      'Berlin autumn overlap: the earlier 02:00',
      berlinSunday,
      '2026-10-25T00:00:00Z',
      '2026-10-25T04:00:00Z',
      ['2026-10-25T00:00:00Z', '2026-10-25T04:00:00Z'],
    ],
    [
      'Berlin autumn overlap: not the later 02:00 for 4 h',
      berlinSunday,
      '2026-10-25T01:00:00Z',
      '2026-10-25T05:00:00Z',
      null,
    ],
    ['Berlin, a weekday', berlinSunday, '2026-03-24T01:00:00Z', '2026-03-24T02:00:00Z', null],
    [
      'New York spring forward: 01:00 EST, 2 h elapsed',
      newYorkNightly,
      '2026-03-08T07:00:00Z',
      '2026-03-08T08:00:00Z',
      ['2026-03-08T06:00:00Z', '2026-03-08T08:00:00Z'],
    ],
    [
      'New York fall back: 01:00 EDT (the earlier)',
      newYorkNightly,
      '2026-11-01T06:30:00Z',
      '2026-11-01T07:00:00Z',
      ['2026-11-01T05:00:00Z', '2026-11-01T07:00:00Z'],
    ],
    [
      'New York fall back: not past 07:00Z',
      newYorkNightly,
      '2026-11-01T06:30:00Z',
      '2026-11-01T07:01:00Z',
      null,
    ],
    // Lord Howe moves its clocks by 30 minutes: 02:00 → 02:30 on 4 October 2026.
    [
      'Lord Howe spring gap: 02:15 at +10:30',
      lordHowe,
      '2026-10-03T15:45:00Z',
      '2026-10-03T16:45:00Z',
      ['2026-10-03T15:45:00Z', '2026-10-03T16:45:00Z'],
    ],
    [
      'Lord Howe, the day after (+11:00)',
      lordHowe,
      '2026-10-04T15:15:00Z',
      '2026-10-04T16:15:00Z',
      ['2026-10-04T15:15:00Z', '2026-10-04T16:15:00Z'],
    ],
    [
      'Lord Howe autumn overlap: 01:45 at +11:00',
      lordHoweAutumn,
      '2026-04-04T14:45:00Z',
      '2026-04-04T15:15:00Z',
      ['2026-04-04T14:45:00Z', '2026-04-04T15:15:00Z'],
    ],
    [
      'across midnight: Saturday 23:00 for 3 h',
      saturdayNight,
      '2026-01-03T23:30:00Z',
      '2026-01-04T00:45:00Z',
      ['2026-01-03T22:00:00Z', '2026-01-04T01:00:00Z'],
    ],
    [
      'across midnight into the spring gap',
      saturdayNight,
      '2026-03-29T00:00:00Z',
      '2026-03-29T01:00:00Z',
      ['2026-03-28T22:00:00Z', '2026-03-29T01:00:00Z'],
    ],
    ['across midnight, past the end', saturdayNight, '2026-01-03T22:00:00Z', '2026-01-04T01:00:01Z', null],
    [
      'a one-off window',
      oneOff,
      '2026-05-01T18:00:00Z',
      '2026-05-01T19:30:00Z',
      ['2026-05-01T18:00:00Z', '2026-05-01T19:30:00Z'],
    ],
    ['a one-off window, a week later', oneOff, '2026-05-08T18:00:00Z', '2026-05-08T19:00:00Z', null],
    [
      'an instant (empty interval) inside',
      berlinSunday,
      '2026-03-22T03:00:00Z',
      '2026-03-22T03:00:00Z',
      ['2026-03-22T01:00:00Z', '2026-03-22T05:00:00Z'],
    ],
    ['an instant at the end is outside', berlinSunday, '2026-03-22T05:00:00Z', '2026-03-22T05:00:00Z', null],
  ];
  it.each(table)('%s', (_name, window, start, end, expected) => {
    const found = occurrenceContaining(window, { start: z(start), end: z(end) });
    expect(found && [found.start.toISOString(), found.end.toISOString()]).toEqual(
      expected ? expected.map((text) => z(text).toISOString()) : null,
    );
  });

  it('honours skipped dates and occurrences', () => {
    const skipping = spec({ exdates: ['2026-03-22', '2026-03-29T02:00'] });
    for (const day of ['2026-03-22T01:00:00Z', '2026-03-29T01:00:00Z'])
      expect(
        occurrenceContaining(skipping, { start: z(day), end: new Date(z(day).getTime() + 3_600_000) }),
      ).toBeNull();
    expect(
      occurrenceContaining(skipping, { start: z('2026-04-05T00:00:00Z'), end: z('2026-04-05T01:00:00Z') }),
    ).not.toBeNull();
  });

  it('rejects an interval that ends before it starts', () => {
    expect(() =>
      occurrenceContaining(berlinSunday, {
        start: z('2026-03-22T02:00:00Z'),
        end: z('2026-03-22T01:00:00Z'),
      }),
    ).toThrow(RangeError);
  });

  it('finds the first window of several that holds the interval', () => {
    const hit = findContainingWindow(
      [oneOff, berlinSunday].map((w, i) => ({ ...w, id: i })),
      {
        start: z('2026-03-22T02:00:00Z'),
        end: z('2026-03-22T03:00:00Z'),
      },
    );
    expect(hit?.window.id).toBe(1);
    expect(
      findContainingWindow([oneOff], { start: z('2026-03-22T02:00:00Z'), end: z('2026-03-22T03:00:00Z') }),
    ).toBeNull();
  });
});

describe('occurrencesOverlapping', () => {
  it('includes an occurrence already open at the range start, excludes one ending at it', () => {
    const found = occurrencesOverlapping(berlinSunday, {
      from: z('2026-03-22T03:00:00Z'),
      until: z('2026-04-05T00:00:00Z'),
    });
    expect(found.map((o) => o.start.toISOString())).toEqual([
      '2026-03-22T01:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
    ]);
    const none = occurrencesOverlapping(berlinSunday, {
      from: z('2026-03-22T05:00:00Z'),
      until: z('2026-03-29T01:00:00Z'),
    });
    expect(none).toEqual([]);
  });

  it('gives a one-off window once, whatever the range', () => {
    expect(
      occurrencesOverlapping(oneOff, { from: z('2026-01-01T00:00:00Z'), until: z('2027-01-01T00:00:00Z') }),
    ).toHaveLength(1);
  });
});
