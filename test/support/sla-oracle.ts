/**
 * An independent brute-force reading of DOMAIN.md "SLA", for checking the business-time API from
 * outside: it shares nothing with src/core/calendar. It walks real time in pieces (UTC minutes,
 * cut further at pause edges), asks the platform (Intl) for each UTC minute's local wall clock, and
 * applies the definition literally: an instant is business time when its local wall-clock minute
 * lies in one of that weekday's [open, close) intervals and its local date is no holiday; pauses
 * [from, to) never count. A UTC minute has one wall-clock minute throughout because every offset
 * of the zones used (2025-2028) is a whole number of minutes; `checkWholeMinuteOffsets` asserts it.
 */

export const MINUTE = 60_000;
export const DAY = 86_400_000;
const SUNDAY_FIRST = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface OracleCalendar {
  timezone: string;
  hours: Partial<Record<string, [string, string][]>>;
  holidays?: string[];
}
export interface OraclePause {
  from: number;
  to: number;
}

/** Wall clocks memoised per zone and UTC minute over 2024-12 .. 2028-06 (lazily, in a typed array). */
const CACHE_FROM = Date.UTC(2024, 11, 1);
const CACHE_MINUTES = (Date.UTC(2028, 5, 1) - CACHE_FROM) / MINUTE;

class WallClock {
  private readonly format: Intl.DateTimeFormat;
  /** Local minutes since 1970-01-01T00:00 local (+1; 0 = not asked yet). */
  private readonly cache = new Int32Array(CACHE_MINUTES);
  asked = 0;

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

  /** The local wall clock of a UTC minute, as local minutes since the local epoch. */
  localMinute(utcMinuteStart: number): number {
    const slot = (utcMinuteStart - CACHE_FROM) / MINUTE;
    const inCache = slot >= 0 && slot < CACHE_MINUTES;
    if (inCache && this.cache[slot]! !== 0) return this.cache[slot]! - 1;
    this.asked++;
    const text = this.format.format(utcMinuteStart);
    const match = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2})$/.exec(text);
    if (!match) throw new Error(`unexpected wall clock: ${text}`);
    const [, month, day, year, hour, minute] = match.map(Number) as number[];
    const local = (Date.UTC(year!, month! - 1, day!) / DAY) * 1440 + hour! * 60 + minute!;
    if (inCache) this.cache[slot] = local + 1;
    return local;
  }
}

const clocks = new Map<string, WallClock>();
export function wallClock(zone: string): WallClock {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = new WallClock(zone);
    clocks.set(zone, clock);
  }
  return clock;
}

export const toMinutes = (clock: string) =>
  clock === '24:00' ? 1440 : Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

const isoDate = (localDay: number) => new Date(localDay * DAY).toISOString().slice(0, 10);

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDateOf(zone: string, at: number): string {
  return isoDate(Math.floor(wallClock(zone).localMinute(Math.floor(at / MINUTE) * MINUTE) / 1440));
}

export class Oracle {
  private readonly clock: WallClock;
  private readonly week: Map<string, [number, number][]>;
  /** Holidays as local day numbers (days since 1970-01-01). */
  private readonly holidays: Set<number>;

  constructor(
    calendar: OracleCalendar,
    private readonly pauses: OraclePause[],
  ) {
    this.clock = wallClock(calendar.timezone);
    this.week = new Map(
      Object.entries(calendar.hours).map(([day, list]) => [
        day,
        (list ?? []).map(([open, close]) => [toMinutes(open), toMinutes(close)] as [number, number]),
      ]),
    );
    this.holidays = new Set((calendar.holidays ?? []).map((date) => Date.parse(`${date}T00:00:00Z`) / DAY));
  }

  /** Is instant t business time, not paused? */
  counts(t: number): boolean {
    if (this.pauses.some((pause) => pause.from <= t && t < pause.to)) return false;
    const local = this.clock.localMinute(Math.floor(t / MINUTE) * MINUTE);
    const day = Math.floor(local / 1440);
    if (this.holidays.has(day)) return false;
    const weekday = SUNDAY_FIRST[(((day + 4) % 7) + 7) % 7]!; // 1970-01-01 was a Thursday
    const minute = local - day * 1440;
    return (this.week.get(weekday) ?? []).some(([open, close]) => open <= minute && minute < close);
  }

  /** The end of the piece that starts at t: the next UTC minute or pause edge. */
  private pieceEnd(t: number): number {
    let end = Math.floor(t / MINUTE) * MINUTE + MINUTE;
    for (const { from, to } of this.pauses) {
      if (from > t && from < end) end = from;
      if (to > t && to < end) end = to;
    }
    return end;
  }

  /** Earliest t ≥ start with `minutes` counted minutes in [start, t) (exact ms). */
  due(start: number, minutes: number): number {
    const target = minutes * MINUTE;
    if (target === 0) return start;
    let counted = 0;
    for (let t = start; t < start + 400 * DAY; ) {
      const end = this.pieceEnd(t);
      if (this.counts(t)) {
        if (counted + (end - t) >= target) return t + (target - counted);
        counted += end - t;
      }
      t = end;
    }
    throw new Error('the oracle walked 400 days without reaching the target');
  }

  /** Counted ms in [start, end). */
  elapsedMs(start: number, end: number): number {
    let counted = 0;
    for (let t = start; t < end; ) {
      const pieceEnd = Math.min(this.pieceEnd(t), end);
      if (this.counts(t)) counted += pieceEnd - t;
      t = pieceEnd;
    }
    return counted;
  }
}

/** "UTC instant, seconds precision, truncated": 2026-03-30T07:30:00Z. */
export const utcSeconds = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * Offset changes of a zone in [from, to), to the minute (Intl's offset names, day then minute
 * steps). Throws unless every offset met is whole minutes (GMT±HH:MM): the oracle's premise.
 */
export function offsetChanges(zone: string, from: number, to: number): { at: number; offset: string }[] {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  const offset = (t: number) => format.formatToParts(t).find((part) => part.type === 'timeZoneName')!.value;
  const changes: { at: number; offset: string }[] = [];
  let previous = offset(from);
  for (let day = from; day < to; day += DAY) {
    const next = offset(day + DAY);
    if (next === previous) continue;
    let t = day;
    while (offset(t) === previous) t += MINUTE;
    changes.push({ at: t, offset: next });
    previous = next;
  }
  for (const name of [offset(from), ...changes.map((change) => change.offset)]) {
    if (!/^GMT([+-]\d{2}:\d{2})?$/.test(name))
      throw new Error(`${zone}: offset ${name} is not whole minutes`);
  }
  return changes;
}
