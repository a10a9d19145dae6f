import { describe, expect, it } from 'vitest';
import { addBusinessTime, elapsedBusinessMs, elapsedBusinessSeconds } from './business-time.js';
import { compileCalendar } from './calendar.js';
import { CALENDAR_PRESETS, presetCalendar } from './presets.js';
import type { CalendarInput, Pause, Weekday } from './types.js';

/*
 * Property test: the compiled arithmetic against a deliberately simple reference that shares none
 * of its machinery. The reference walks real time minute by minute, asks the platform (Intl) for
 * each minute's local wall clock and checks the definition literally: weekday's [open, close)
 * contains the wall-clock minute, and the local date is no holiday. A UTC minute has one status
 * throughout because opening times are whole local minutes and every offset of these zones in
 * 2025-2027 is a whole number of minutes. Pause edges, starts and ends with milliseconds split
 * minutes into pieces. Seeded, so a failure names a case that reproduces.
 */

const ZONES = [
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Santiago',
  'America/Sao_Paulo',
  'America/Havana',
  'Africa/Casablanca',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'UTC',
];
const CASES = 2_000;
const SEED = 20_260_329;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SUNDAY_FIRST: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Local wall clock of each UTC minute, per zone, as { date: "YYYY-MM-DD", weekday, minute of day }. */
class WallClocks {
  private readonly format: Intl.DateTimeFormat;
  private readonly seen = new Map<number, { date: string; weekday: Weekday; minute: number }>();

  constructor(zone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
  }

  at(minuteStart: number) {
    let wall = this.seen.get(minuteStart);
    if (!wall) {
      const text = this.format.format(minuteStart);
      const match = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2})$/.exec(text);
      if (!match) throw new Error(`unexpected wall clock format: ${text}`);
      const [, month, day, year, hour, minute] = match.map(Number) as number[];
      const weekday = SUNDAY_FIRST[new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay()]!;
      wall = { date: `${match[3]}-${match[1]}-${match[2]}`, weekday, minute: hour! * 60 + minute! };
      this.seen.set(minuteStart, wall);
    }
    return wall;
  }
}

const wallClocks = new Map<string, WallClocks>();

class Reference {
  private readonly wall: WallClocks;
  private readonly hours: Map<Weekday, [number, number][]>;
  private readonly holidays: Set<string>;
  /** [from, to) in epoch ms; an open-ended pause reaches +∞. */
  private readonly pauses: [number, number][];

  constructor(input: CalendarInput, pauses: Pause[]) {
    this.pauses = pauses.map(({ from, to }) => [from.getTime(), to?.getTime() ?? Number.POSITIVE_INFINITY]);
    this.wall = wallClocks.get(input.timezone) ?? new WallClocks(input.timezone);
    wallClocks.set(input.timezone, this.wall);
    this.hours = new Map(
      Object.entries(input.hours).map(([day, list]) => [
        day as Weekday,
        list.map(([open, close]) => [toMinutes(open), toMinutes(close)]),
      ]),
    );
    this.holidays = new Set(input.holidays);
  }

  /** Walks pieces of real time from `start` until `ms` counted ms have passed; null if paused for ever. */
  add(start: number, ms: number): number | null {
    if (ms === 0) return start;
    let counted = 0;
    for (let from = start; from < start + 120 * DAY; ) {
      const to = this.pieceEnd(from);
      if (this.pausedForever(from)) return null;
      if (this.counts(from)) {
        if (counted + (to - from) >= ms) return from + (ms - counted);
        counted += to - from;
      }
      from = to;
    }
    throw new Error('reference walked 120 days');
  }

  elapsed(start: number, end: number): number {
    let counted = 0;
    for (let from = start; from < end; ) {
      const to = Math.min(this.pieceEnd(from), end);
      if (this.counts(from)) counted += to - from;
      from = to;
    }
    return counted;
  }

  /** The next minute boundary or pause edge after `t`: status is constant in between. */
  private pieceEnd(t: number): number {
    let end = Math.floor(t / MINUTE) * MINUTE + MINUTE;
    for (const [from, to] of this.pauses) {
      if (from > t && from < end) end = from;
      if (to > t && to < end) end = to;
    }
    return end;
  }

  private counts(t: number): boolean {
    if (this.pauses.some(([from, to]) => t >= from && t < to)) return false;
    const wall = this.wall.at(Math.floor(t / MINUTE) * MINUTE);
    if (this.holidays.has(wall.date)) return false;
    return (this.hours.get(wall.weekday) ?? []).some(
      ([open, close]) => wall.minute >= open && wall.minute < close,
    );
  }

  private pausedForever(t: number): boolean {
    return this.pauses.some(([from, to]) => to === Number.POSITIVE_INFINITY && t >= from);
  }
}

/** mulberry32: small, seeded, good enough to spread cases. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof prng>;

/** Instants in 2025-2027 at which the zone's offset changes (to the day; starts only need to be near). */
function transitionsOf(zone: string): number[] {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  const found: number[] = [];
  const offset = (t: number) => format.formatToParts(t).find((part) => part.type === 'timeZoneName')?.value;
  let previous = offset(Date.UTC(2025, 0, 1));
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += DAY) {
    const current = offset(t);
    if (current !== previous) found.push(t - DAY / 2);
    previous = current;
  }
  return found;
}

const clock = (minutes: number) =>
  minutes === 1440
    ? '24:00'
    : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function randomHours(random: Random): CalendarInput['hours'] {
  const hours: CalendarInput['hours'] = {};
  for (const day of SUNDAY_FIRST) {
    if (random.next() < 0.2) continue;
    // Distinct boundaries on a half-hour grid, paired in order: split shifts that never overlap.
    const count = random.int(1, 3) * 2;
    const points = new Set<number>();
    while (points.size < count) points.add(random.int(0, 48) * 30);
    const sorted = [...points].sort((a, b) => a - b);
    hours[day] = Array.from(
      { length: count / 2 },
      (_, i) => [clock(sorted[2 * i]!), clock(sorted[2 * i + 1]!)] as const,
    );
  }
  return hours;
}

function randomCase(random: Random, transitions: Map<string, number[]>) {
  const zone = random.pick(ZONES);
  const near = transitions.get(zone)!;
  // Near an offset change mostly; otherwise near one of a few fixed days, so that the reference's
  // memoised wall clocks get reused (asking Intl is the bulk of this test's run time).
  const anchor =
    near.length > 0 && random.next() < 0.85
      ? random.pick(near)
      : Date.UTC(2025, 0, 10) + random.int(0, 10) * 97 * DAY;
  let start = anchor + random.int(-2 * DAY, 2 * DAY);
  if (random.next() < 0.4) start = Math.floor(start / (15 * MINUTE)) * 15 * MINUTE; // hit edges exactly
  const holidays = Array.from({ length: random.int(0, 3) }, () =>
    new Date(start + random.int(-2, 8) * DAY).toISOString().slice(0, 10),
  );
  const input: CalendarInput =
    random.next() < 0.15
      ? presetCalendar(random.pick(CALENDAR_PRESETS), zone, holidays)
      : { timezone: zone, hours: randomHours(random), holidays };
  const weekly = Object.values(input.hours)
    .flat()
    .reduce((sum, [open, close]) => sum + toMinutes(close) - toMinutes(open), 0);
  // Mostly short targets (the DST change lies near the start), some up to a good part of the open week.
  const longest = random.next() < 0.6 ? 240 : 1200;
  const minutes =
    random.next() < 0.05 || weekly === 0 ? 0 : random.int(1, Math.min(longest, Math.ceil(weekly * 0.6)));
  const pauses: Pause[] = Array.from({ length: random.next() < 0.5 ? 0 : random.int(1, 3) }, () => {
    const from = start + random.int(-DAY, 3 * DAY);
    const to = random.next() < 0.1 ? null : new Date(from + random.int(0, 12 * HOUR));
    return { from: new Date(from), to };
  });
  const end = start + random.int(-DAY / 2, random.next() < 0.6 ? DAY : 2 * DAY);
  return { input, start, minutes, pauses, end };
}

function toMinutes(clockText: string): number {
  return clockText === '24:00' ? 1440 : Number(clockText.slice(0, 2)) * 60 + Number(clockText.slice(3));
}

describe('business-time arithmetic against the brute-force reference', () => {
  it(`agrees on ${CASES} seeded random cases around DST changes in ${ZONES.length} zones`, () => {
    const random = prng(SEED);
    const transitions = new Map(ZONES.map((zone) => [zone, transitionsOf(zone)]));
    expect(transitions.get('Australia/Lord_Howe')).toHaveLength(6); // the generator really targets DST
    for (let index = 0; index < CASES; index++) {
      const c = randomCase(random, transitions);
      const label = `case ${index}: ${JSON.stringify({ ...c, start: new Date(c.start), end: new Date(c.end) })}`;
      const calendar = compileCalendar(c.input);
      const reference = new Reference(c.input, c.pauses);
      const start = new Date(c.start);

      const due = addBusinessTime(calendar, start, c.minutes, c.pauses);
      expect(due?.getTime() ?? null, label).toBe(reference.add(c.start, c.minutes * MINUTE));
      const elapsed = reference.elapsed(c.start, c.end);
      expect(elapsedBusinessMs(calendar, start, new Date(c.end), c.pauses), label).toBe(elapsed);
      expect(elapsedBusinessSeconds(calendar, start, new Date(c.end), c.pauses), label).toBe(
        Math.floor(elapsed / 1000),
      );
      if (c.pauses.length === 0 && due) {
        expect(elapsedBusinessMs(calendar, start, due), label).toBe(c.minutes * MINUTE);
      }
    }
  }, 120_000); // ~10 s alone; generous for a loaded 2-core machine
});
