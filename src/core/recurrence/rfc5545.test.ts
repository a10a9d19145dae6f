import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, formatRecurrenceRule, RecurrenceError } from './index.js';

describe('formatRecurrenceRule: canonical RFC 5545 text for calendar clients', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=SU', 'Europe/Berlin', 'FREQ=WEEKLY;BYDAY=SU'],
    ['rrule: freq=monthly; byday=-1fr ;interval=2;', 'UTC', 'FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR'],
    ['FREQ=DAILY;COUNT=5;WKST=SU', 'UTC', 'FREQ=DAILY;COUNT=5;WKST=SU'],
    // A local UNTIL becomes the instant it names in the zone; a date the end of that local day.
    ['FREQ=DAILY;UNTIL=20260701T020000', 'Europe/Berlin', 'FREQ=DAILY;UNTIL=20260701T000000Z'],
    ['FREQ=DAILY;UNTIL=2026-01-31', 'America/New_York', 'FREQ=DAILY;UNTIL=20260201T045959Z'],
    ['FREQ=DAILY;UNTIL=2026-03-01T00:00:00Z', 'Europe/Berlin', 'FREQ=DAILY;UNTIL=20260301T000000Z'],
    [
      'FREQ=YEARLY;BYMONTH=3,10;BYMONTHDAY=1,-1;BYHOUR=2;BYMINUTE=0;BYSETPOS=1',
      'UTC',
      'FREQ=YEARLY;BYMINUTE=0;BYHOUR=2;BYMONTHDAY=1,-1;BYMONTH=3,10;BYSETPOS=1',
    ],
  ])('%s in %s', (rule, zone, expected) => expect(formatRecurrenceRule(rule, zone)).toBe(expected));

  it('rejects what the expansion rejects', () => {
    expect(() => formatRecurrenceRule('FREQ=SECONDLY', 'UTC')).toThrow(RecurrenceError);
  });

  it('writes DTSTART in basic form', () => {
    expect(formatLocalDateTime('2026-01-04T02:00')).toBe('20260104T020000');
    expect(formatLocalDateTime('20260104T020000')).toBe('20260104T020000');
  });
});
