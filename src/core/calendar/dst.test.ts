import { describe, expect, it } from 'vitest';
import { addBusinessTime, elapsedBusinessMs, elapsedBusinessSeconds } from './business-time.js';
import { compileCalendar } from './calendar.js';
import { type CalendarPreset, presetCalendar } from './presets.js';
import type { CalendarInput } from './types.js';

/*
 * Business time at DST changes, worked out by hand from the definition (instants whose local wall
 * clock is inside an opening interval). Transition instants, 2026 unless noted:
 *   Europe/Berlin        29 Mar 01:00Z (+1 → +2)        25 Oct 01:00Z (+2 → +1)
 *   America/New_York      8 Mar 07:00Z (-5 → -4)          1 Nov 06:00Z (-4 → -5)
 *   Australia/Sydney      4 Apr 16:00Z (+11 → +10)        3 Oct 16:00Z (+10 → +11)
 *   Pacific/Auckland      4 Apr 14:00Z (+13 → +12)       26 Sep 14:00Z (+12 → +13)
 *   Australia/Lord_Howe   4 Apr 15:00Z (+11 → +10:30)     3 Oct 15:30Z (+10:30 → +11)
 *   America/Santiago 2025 6 Apr 03:00Z (-3 → -4, Sat 24:00 → 23:00)  7 Sep 04:00Z (-4 → -3, Sun 00:00 → 01:00)
 *   America/Sao_Paulo     4 Nov 2018 03:00Z (-3 → -2, midnight gap)   17 Feb 2019 02:00Z (-2 → -3)
 *   Pacific/Apia         30 Dec 2011 10:00Z (-10 → +14: Friday 30 December never happened there)
 *   Asia/Kolkata +05:30 and Asia/Kathmandu +05:45 have no DST: offsets that are not whole hours.
 */

type Hours = CalendarInput['hours'];
const calendar = (zone: string, shape: CalendarPreset | Hours, holidays: string[] = []) =>
  compileCalendar(
    typeof shape === 'string'
      ? presetCalendar(shape, zone, holidays)
      : { timezone: zone, hours: shape, holidays },
  );

const ALWAYS = '24/7';
const H = 3600;

type ElapsedCase = [
  name: string,
  zone: string,
  shape: CalendarPreset | Hours,
  start: string,
  end: string,
  seconds: number,
];

// biome-ignore format: one case per line reads as a table
const ELAPSED_CASES: ElapsedCase[] = [
  ['Berlin spring day has 23 h', 'Europe/Berlin', ALWAYS, '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 23 * H],
  ['Berlin autumn day has 25 h', 'Europe/Berlin', ALWAYS, '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 25 * H],
  ['Berlin [01:00,04:00) over the gap holds 2 h', 'Europe/Berlin', { sun: [['01:00', '04:00']] }, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', 2 * H],
  ['Berlin [02:00,02:30) inside the gap holds nothing', 'Europe/Berlin', { sun: [['02:00', '02:30']] }, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', 0],
  ['Berlin [02:00,03:00) in the overlap holds 2 h', 'Europe/Berlin', { sun: [['02:00', '03:00']] }, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z', 2 * H],
  ['New York spring Sunday has 23 h', 'America/New_York', ALWAYS, '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', 23 * H],
  ['New York autumn Sunday has 25 h', 'America/New_York', ALWAYS, '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', 25 * H],
  ['New York [01:00,03:00) over the gap holds 1 h', 'America/New_York', { sun: [['01:00', '03:00']] }, '2026-03-07T00:00:00Z', '2026-03-09T00:00:00Z', H],
  ['Sydney April Sunday has 25 h', 'Australia/Sydney', ALWAYS, '2026-04-04T13:00:00Z', '2026-04-05T14:00:00Z', 25 * H],
  ['Sydney October Sunday has 23 h', 'Australia/Sydney', ALWAYS, '2026-10-03T14:00:00Z', '2026-10-04T13:00:00Z', 23 * H],
  ['Sydney [02:00,03:00) in the overlap holds 2 h', 'Australia/Sydney', { sun: [['02:00', '03:00']] }, '2026-04-03T00:00:00Z', '2026-04-06T00:00:00Z', 2 * H],
  ['Auckland April Sunday has 25 h', 'Pacific/Auckland', ALWAYS, '2026-04-04T11:00:00Z', '2026-04-05T12:00:00Z', 25 * H],
  ['Auckland September Sunday has 23 h', 'Pacific/Auckland', ALWAYS, '2026-09-26T12:00:00Z', '2026-09-27T11:00:00Z', 23 * H],
  ['Auckland [01:00,04:00) over the gap holds 2 h', 'Pacific/Auckland', { sun: [['01:00', '04:00']] }, '2026-09-25T00:00:00Z', '2026-09-28T00:00:00Z', 2 * H],
  ['Lord Howe April Sunday has 24.5 h', 'Australia/Lord_Howe', ALWAYS, '2026-04-04T13:00:00Z', '2026-04-05T13:30:00Z', 24.5 * H],
  ['Lord Howe October Sunday has 23.5 h', 'Australia/Lord_Howe', ALWAYS, '2026-10-03T13:30:00Z', '2026-10-04T13:00:00Z', 23.5 * H],
  ['Lord Howe [01:00,03:00) with 01:30-02:00 twice holds 2.5 h', 'Australia/Lord_Howe', { sun: [['01:00', '03:00']] }, '2026-04-03T00:00:00Z', '2026-04-06T00:00:00Z', 2.5 * H],
  ['Lord Howe [02:00,02:30) inside the half-hour gap holds nothing', 'Australia/Lord_Howe', { sun: [['02:00', '02:30']] }, '2026-10-02T00:00:00Z', '2026-10-05T00:00:00Z', 0],
  ['Lord Howe [02:00,03:00) over the half-hour gap holds 0.5 h', 'Australia/Lord_Howe', { sun: [['02:00', '03:00']] }, '2026-10-02T00:00:00Z', '2026-10-05T00:00:00Z', 0.5 * H],
  ['Santiago Saturday ending 24:00 → 23:00 has 25 h', 'America/Santiago', ALWAYS, '2025-04-05T03:00:00Z', '2025-04-06T04:00:00Z', 25 * H],
  ['Santiago Saturday [23:00,24:00) happens twice', 'America/Santiago', { sat: [['23:00', '24:00']] }, '2025-04-05T00:00:00Z', '2025-04-07T00:00:00Z', 2 * H],
  ['Santiago Sunday starting at 01:00 has 23 h', 'America/Santiago', ALWAYS, '2025-09-07T04:00:00Z', '2025-09-08T03:00:00Z', 23 * H],
  ['Santiago Sunday [00:00,01:00) never happens', 'America/Santiago', { sun: [['00:00', '01:00']] }, '2025-09-06T00:00:00Z', '2025-09-09T00:00:00Z', 0],
  ['São Paulo 2018 Sunday from the midnight gap has 23 h', 'America/Sao_Paulo', ALWAYS, '2018-11-04T03:00:00Z', '2018-11-05T02:00:00Z', 23 * H],
  ['São Paulo 2019 Saturday with 23:00-24:00 twice has 25 h', 'America/Sao_Paulo', ALWAYS, '2019-02-16T02:00:00Z', '2019-02-17T03:00:00Z', 25 * H],
  ['Apia 2011: Thursday evening, no Friday, Saturday morning', 'Pacific/Apia', { thu: [['20:00', '24:00']], fri: [['00:00', '24:00']], sat: [['00:00', '04:00']] }, '2011-12-29T00:00:00Z', '2012-01-01T00:00:00Z', 8 * H],
  ['Kolkata 8/5 day is 03:30Z-11:30Z', 'Asia/Kolkata', '8/5', '2026-06-01T03:29:00Z', '2026-06-01T11:31:00Z', 8 * H],
  ['Kathmandu 8/5 week is 40 h', 'Asia/Kathmandu', '8/5', '2026-05-31T00:00:00Z', '2026-06-07T00:00:00Z', 40 * H],
];

describe.each(ELAPSED_CASES)('%s', (_name, zone, shape, start, end, seconds) => {
  it('elapsed', () => {
    expect(elapsedBusinessSeconds(calendar(zone, shape), new Date(start), new Date(end))).toBe(seconds);
  });
});

type DueCase = [
  name: string,
  zone: string,
  shape: CalendarPreset | Hours,
  holidays: string[],
  start: string,
  minutes: number,
  due: string,
];

// biome-ignore format: one case per line reads as a table
const DUE_CASES: DueCase[] = [
  ['Berlin 8/5 Friday into the week after spring-forward, with ms', 'Europe/Berlin', '8/5', [], '2026-03-27T15:30:12.345Z', 60, '2026-03-30T07:30:12.345Z'],
  ['Berlin 8/5 Friday into the week after fall-back', 'Europe/Berlin', '8/5', [], '2026-10-23T14:00:00Z', 120, '2026-10-26T09:00:00.000Z'],
  ['Berlin through the gap: 01:00-02:00 CET then 03:00 CEST', 'Europe/Berlin', { sun: [['01:00', '04:00']] }, [], '2026-03-29T00:00:00Z', 61, '2026-03-29T01:01:00.000Z'],
  ['Berlin through the gap to closing', 'Europe/Berlin', { sun: [['01:00', '04:00']] }, [], '2026-03-29T00:00:00Z', 120, '2026-03-29T02:00:00.000Z'],
  ['Berlin interval inside the gap: due the week after', 'Europe/Berlin', { sun: [['02:00', '02:30']] }, [], '2026-03-28T12:00:00Z', 30, '2026-04-05T00:30:00.000Z'],
  ['Berlin into the repeated hour (02:30 CET)', 'Europe/Berlin', { sun: [['02:00', '03:00']] }, [], '2026-10-24T12:00:00Z', 90, '2026-10-25T01:30:00.000Z'],
  ['Berlin split shift inside the repeated hour', 'Europe/Berlin', { sun: [ ['02:00', '02:30'], ['02:30', '03:00']],
    },
    [],
    '2026-10-25T00:00:00Z',
    105,
    '2026-10-25T01:45:00.000Z',
  ],
  ['New York 12/5 Friday evening into EDT', 'America/New_York', '12/5', [], '2026-03-07T00:00:00Z', 120, '2026-03-09T13:00:00.000Z'],
  ['New York 01:00-02:00 twice on fall-back', 'America/New_York', { sun: [['01:00', '02:00']] }, [], '2026-10-31T12:00:00Z', 90, '2026-11-01T06:30:00.000Z'],
  ['Sydney 8/5 Friday into AEST', 'Australia/Sydney', '8/5', [], '2026-04-03T05:00:00Z', 120, '2026-04-06T00:00:00.000Z'],
  ['Sydney 8/5 over Easter Monday', 'Australia/Sydney', '8/5', ['2026-04-06'], '2026-04-03T05:00:00Z', 120, '2026-04-07T00:00:00.000Z'],
  ['Auckland split shift from lunch with seconds, to closing', 'Pacific/Auckland', { mon: [ ['08:00', '12:00'], ['13:00', '17:00']],
    },
    [],
    '2026-09-27T23:30:45Z',
    240,
    '2026-09-28T04:00:00.000Z',
  ],
  ['Auckland 24/7 across the September gap', 'Pacific/Auckland', ALWAYS, [], '2026-09-26T13:30:00Z', 60, '2026-09-26T14:30:00.000Z'],
  ['Lord Howe 24/7 across the half-hour overlap', 'Australia/Lord_Howe', ALWAYS, [], '2026-04-04T14:45:00Z', 30, '2026-04-04T15:15:00.000Z'],
  ['Lord Howe after the half-hour gap', 'Australia/Lord_Howe', { sun: [['02:00', '03:00']] }, [], '2026-10-03T00:00:00Z', 10, '2026-10-03T15:40:00.000Z'],
  ['Santiago Saturday 20:00-24:00 then Sunday 01:00-02:00 are contiguous', 'America/Santiago', { sat: [['20:00', '24:00']], sun: [['00:00', '02:00']] }, [], '2025-09-07T00:00:00Z', 300, '2025-09-07T05:00:00.000Z'],
  ['Santiago Saturday 23:00-24:00 twice', 'America/Santiago', { sat: [['23:00', '24:00']] }, [], '2025-04-05T12:00:00Z', 90, '2025-04-06T03:30:00.000Z'],
  ['São Paulo 8/5 Friday into the 2018 DST week', 'America/Sao_Paulo', '8/5', [], '2018-11-02T19:30:00Z', 60, '2018-11-05T11:30:00.000Z'],
  ['Apia 2011 from Thursday evening straight into Saturday', 'Pacific/Apia', { thu: [['20:00', '24:00']], fri: [['00:00', '24:00']], sat: [['00:00', '04:00']] }, [], '2011-12-30T06:00:00Z', 300, '2011-12-30T11:00:00.000Z'],
  ['Kolkata 8/5 one ms before closing', 'Asia/Kolkata', '8/5', [], '2026-06-05T11:29:59.999Z', 1, '2026-06-08T03:30:59.999Z'],
  ['Kathmandu 8/5 from Saturday to Monday closing', 'Asia/Kathmandu', '8/5', [], '2026-06-06T10:00:00Z', 480, '2026-06-08T11:15:00.000Z'],
];

describe.each(DUE_CASES)('%s', (_name, zone, shape, holidays, start, minutes, due) => {
  const compiled = calendar(zone, shape, holidays);

  it('due time', () => {
    expect(addBusinessTime(compiled, new Date(start), minutes)?.toISOString()).toBe(due);
  });

  it('elapsed from start to the due time is the target, exactly', () => {
    expect(elapsedBusinessMs(compiled, new Date(start), new Date(due))).toBe(minutes * 60_000);
  });
});
