/**
 * Clock changes. Expected instants were taken from Python's zoneinfo (fold=0), which implements
 * the same rules: a nonexistent local time takes the offset from before the gap, an ambiguous one
 * the earlier instant.
 */
import { describe, expect, it } from 'vitest';
import { expandWindows } from './windows.js';

function starts(rrule: string, dtstart: string, timezone: string, from: string, until: string): string[] {
  const windows = expandWindows({
    rrule,
    dtstart,
    timezone,
    durationMinutes: 240,
    from: new Date(from),
    until: new Date(until),
  });
  return windows.map((w) => w.start.toISOString().replace(':00.000Z', 'Z'));
}

describe('Europe/Berlin', () => {
  it('weekly Sunday 02:30: 29 March (gap) becomes 03:30 CEST; 25 October (overlap) the first 02:30', () => {
    const got = starts(
      'FREQ=WEEKLY;BYDAY=SU',
      '2026-03-22T02:30:00',
      'Europe/Berlin',
      '2026-03-01Z',
      '2026-11-02Z',
    );
    expect(got.slice(0, 3)).toEqual(['2026-03-22T01:30Z', '2026-03-29T01:30Z', '2026-04-05T00:30Z']);
    expect(got.slice(-3)).toEqual(['2026-10-18T00:30Z', '2026-10-25T00:30Z', '2026-11-01T01:30Z']);
  });

  it('the contract example: Sundays 02:00 for 240 minutes of elapsed time', () => {
    const windows = expandWindows({
      rrule: 'FREQ=WEEKLY;BYDAY=SU',
      dtstart: '2026-01-04T02:00:00',
      timezone: 'Europe/Berlin',
      durationMinutes: 240,
      from: new Date('2026-03-28T00:00:00Z'),
      until: new Date('2026-10-26T00:00:00Z'),
      limit: 100,
    });
    const first = windows[0];
    const last = windows.at(-1);
    // 02:00 does not exist on 29 March: 01:00Z (03:00 CEST); the window ends 05:00Z (07:00 CEST).
    expect([first?.start.toISOString(), first?.end.toISOString()]).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T05:00:00.000Z',
    ]);
    // 02:00 happens twice on 25 October: the first (CEST) one; 4 h later is 03:00 CET on the wall.
    expect([last?.start.toISOString(), last?.end.toISOString()]).toEqual([
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T04:00:00.000Z',
    ]);
  });

  it('last Sunday of the month at 02:30 lands on both change days', () => {
    const got = starts(
      'FREQ=MONTHLY;BYDAY=-1SU',
      '2026-01-25T02:30:00',
      'Europe/Berlin',
      '2026-01-01Z',
      '2027-01-01Z',
    );
    expect(got).toContain('2026-03-29T01:30Z');
    expect(got).toContain('2026-10-25T00:30Z');
    expect(got).toHaveLength(12);
  });

  it('hourly across the gap: local 02:00 and 03:00 are the same instant, both kept', () => {
    const got = starts(
      'FREQ=HOURLY;COUNT=5',
      '2026-03-29T00:00:00',
      'Europe/Berlin',
      '2026-03-28Z',
      '2026-03-30Z',
    );
    expect(got).toEqual([
      '2026-03-28T23:00Z',
      '2026-03-29T00:00Z',
      '2026-03-29T01:00Z',
      '2026-03-29T01:00Z',
      '2026-03-29T02:00Z',
    ]);
  });

  it('hourly across the overlap: the second 02:00 (CET) is not an occurrence', () => {
    const got = starts(
      'FREQ=HOURLY;COUNT=4',
      '2026-10-25T01:00:00',
      'Europe/Berlin',
      '2026-10-24Z',
      '2026-10-26Z',
    );
    expect(got).toEqual(['2026-10-24T23:00Z', '2026-10-25T00:00Z', '2026-10-25T02:00Z', '2026-10-25T03:00Z']);
  });

  it('every 30 minutes across the gap comes out sorted by instant', () => {
    const got = starts(
      'FREQ=MINUTELY;INTERVAL=30;COUNT=5',
      '2026-03-29T01:30:00',
      'Europe/Berlin',
      '2026-03-28Z',
      '2026-03-30Z',
    );
    expect(got).toEqual([
      '2026-03-29T00:30Z',
      '2026-03-29T01:00Z',
      '2026-03-29T01:00Z',
      '2026-03-29T01:30Z',
      '2026-03-29T01:30Z',
    ]);
  });
});

describe('America/New_York', () => {
  it('weekly Sunday 02:30 across 8 March (gap → 03:30 EDT)', () => {
    const got = starts(
      'FREQ=WEEKLY;BYDAY=SU',
      '2026-03-01T02:30:00',
      'America/New_York',
      '2026-02-28Z',
      '2026-03-16Z',
    );
    expect(got).toEqual(['2026-03-01T07:30Z', '2026-03-08T07:30Z', '2026-03-15T06:30Z']);
  });

  it('weekly Sunday 01:30 across 1 November (overlap → 01:30 EDT)', () => {
    const got = starts(
      'FREQ=WEEKLY;BYDAY=SU',
      '2026-10-25T01:30:00',
      'America/New_York',
      '2026-10-24Z',
      '2026-11-09Z',
    );
    expect(got).toEqual(['2026-10-25T05:30Z', '2026-11-01T05:30Z', '2026-11-08T06:30Z']);
  });
});

describe('Australia (southern hemisphere)', () => {
  it('Sydney: 4 October 02:30 is in the gap (→ 03:30 AEDT), 5 April 02:30 is doubled (→ AEDT)', () => {
    const spring = starts(
      'FREQ=WEEKLY;BYDAY=SU',
      '2026-09-27T02:30:00',
      'Australia/Sydney',
      '2026-09-26Z',
      '2026-10-11Z',
    );
    expect(spring).toEqual(['2026-09-26T16:30Z', '2026-10-03T16:30Z', '2026-10-10T15:30Z']);
    const autumn = starts(
      'FREQ=WEEKLY;BYDAY=SU',
      '2026-03-29T02:30:00',
      'Australia/Sydney',
      '2026-03-28Z',
      '2026-04-12Z',
    );
    expect(autumn).toEqual(['2026-03-28T15:30Z', '2026-04-04T15:30Z', '2026-04-11T16:30Z']);
  });

  it('Lord Howe shifts by 30 minutes: 02:15 in the gap, 01:45 in the overlap', () => {
    const spring = starts(
      'FREQ=WEEKLY;BYDAY=SU',
      '2026-09-27T02:15:00',
      'Australia/Lord_Howe',
      '2026-09-26Z',
      '2026-10-11Z',
    );
    expect(spring).toEqual(['2026-09-26T15:45Z', '2026-10-03T15:45Z', '2026-10-10T15:15Z']);
    const autumn = starts(
      'FREQ=WEEKLY;BYDAY=SU',
      '2026-03-29T01:45:00',
      'Australia/Lord_Howe',
      '2026-03-28Z',
      '2026-04-12Z',
    );
    expect(autumn).toEqual(['2026-03-28T14:45Z', '2026-04-04T14:45Z', '2026-04-11T15:15Z']);
  });
});

describe('whole skipped day', () => {
  it('Pacific/Apia skipped 30 December 2011: its local times take the offset before (−10)', () => {
    const got = starts(
      'FREQ=DAILY;COUNT=3',
      '2011-12-29T12:00:00',
      'Pacific/Apia',
      '2011-12-01Z',
      '2012-01-10Z',
    );
    expect(got).toEqual(['2011-12-29T22:00Z', '2011-12-30T22:00Z', '2011-12-30T22:00Z']);
  });
});
