/**
 * Resolves a parsed rule against its DTSTART into what the expander needs.
 *
 * The defaults follow python-dateutil (and rrule.js, its port), the de-facto reading of RFC 5545:
 * - with none of BYWEEKNO/BYYEARDAY/BYMONTHDAY/BYDAY, the day comes from DTSTART: YEARLY takes
 *   DTSTART's month (unless BYMONTH) and day of month, MONTHLY its day of month, WEEKLY its weekday;
 * - BYHOUR/BYMINUTE/BYSECOND default to DTSTART's values below HOURLY/MINUTELY/SECONDLY;
 * - an ordinal on BYDAY (e.g. "1MO") only means something with MONTHLY and YEARLY; with finer
 *   frequencies it is ignored (RFC 5545 forbids it there; we accept it as dateutil does).
 */
import { dayOfLocalMs, type LocalDateTime, mod, toLocalMs, weekdayOf } from './civil.js';
import { RecurrenceError } from './errors.js';
import type { Frequency, RecurrenceRule, Until, WeekdayNum } from './rule.js';

/** Frequency rank, as dateutil numbers them: the lower, the coarser. */
export const YEARLY = 0;
export const MONTHLY = 1;
export const WEEKLY = 2;
export const DAILY = 3;
export const HOURLY = 4;
export const MINUTELY = 5;
const RANKS: Record<Frequency, number> = { YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY, MINUTELY };

export interface CompiledRule {
  readonly freq: number;
  readonly interval: number;
  readonly count: number | null;
  readonly until: Until | null;
  /** DTSTART as floating local milliseconds, its day number, and its parts. */
  readonly dtstartMs: number;
  readonly dtstartDay: number;
  readonly start: LocalDateTime;
  readonly byMonth: ReadonlySet<number> | null;
  readonly byWeekNo: readonly number[] | null;
  readonly byYearDay: ReadonlySet<number> | null;
  /** BYMONTHDAY split by sign: 1..31 and -31..-1. */
  readonly byMonthDay: ReadonlySet<number> | null;
  readonly byNegMonthDay: ReadonlySet<number> | null;
  /** BYDAY split into plain weekdays and (MONTHLY/YEARLY only) ordinal weekdays. */
  readonly byWeekday: ReadonlySet<number> | null;
  readonly byNthWeekday: readonly WeekdayNum[] | null;
  readonly byHour: ReadonlySet<number> | null;
  readonly byMinute: ReadonlySet<number> | null;
  readonly bySetPos: readonly number[] | null;
  readonly wkst: number;
  /**
   * Sorted times inside one period, in milliseconds: from midnight for DAILY and coarser, from the
   * start of the hour for HOURLY, from the start of the minute for MINUTELY.
   */
  readonly timeset: readonly number[];
}

function setOf(values: readonly number[] | null | undefined): ReadonlySet<number> | null {
  return values && values.length > 0 ? new Set(values) : null;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

interface DayParts {
  byMonth: readonly number[] | null;
  byMonthDay: readonly number[] | null;
  byDay: readonly WeekdayNum[] | null;
}

function dayDefaults(rule: RecurrenceRule, freq: number, start: LocalDateTime): DayParts {
  const parts = { byMonth: rule.byMonth, byMonthDay: rule.byMonthDay, byDay: rule.byDay };
  if (rule.byWeekNo || rule.byYearDay || rule.byMonthDay || rule.byDay) return parts;
  if (freq === YEARLY) return { ...parts, byMonth: rule.byMonth ?? [start.month], byMonthDay: [start.day] };
  if (freq === MONTHLY) return { ...parts, byMonthDay: [start.day] };
  if (freq === WEEKLY) return { ...parts, byDay: [{ weekday: weekdayOf(toDay(start)), n: 0 }] };
  return parts;
}

function toDay(start: LocalDateTime): number {
  return dayOfLocalMs(toLocalMs(start));
}

function splitByDay(byDay: readonly WeekdayNum[] | null, freq: number) {
  const ordinalsApply = freq <= MONTHLY;
  const plain = (byDay ?? []).filter((d) => d.n === 0 || !ordinalsApply).map((d) => d.weekday);
  const nth = (byDay ?? []).filter((d) => d.n !== 0 && ordinalsApply);
  return { byWeekday: setOf(plain), byNthWeekday: nth.length > 0 ? nth : null };
}

function product(a: readonly number[], b: readonly number[], scale: number): number[] {
  return a.flatMap((x) => b.map((y) => x * scale + y));
}

/** Times within one period (see CompiledRule.timeset), in milliseconds. */
function buildTimeset(
  freq: number,
  hours: readonly number[],
  minutes: readonly number[],
  seconds: readonly number[],
): number[] {
  const s = [...seconds].sort((x, y) => x - y);
  const m = [...minutes].sort((x, y) => x - y);
  const h = [...hours].sort((x, y) => x - y);
  const inSeconds =
    freq === MINUTELY ? s : freq === HOURLY ? product(m, s, 60) : product(h, product(m, s, 60), 3600);
  return inSeconds.map((x) => x * 1000);
}

/**
 * HOURLY/MINUTELY rules step through the clock by INTERVAL from DTSTART, so BYHOUR/BYMINUTE values
 * off that grid are never reached; if none is, the rule is empty forever (dateutil raises too).
 */
function checkReachable(
  freq: number,
  interval: number,
  start: LocalDateTime,
  hours: ReadonlySet<number> | null,
  minutes: ReadonlySet<number> | null,
) {
  if (freq === HOURLY && hours) {
    const steps = 24 / gcd(interval, 24);
    for (let j = 0; j < steps; j++) if (hours.has(mod(start.hour + j * interval, 24))) return;
    throw new RecurrenceError(
      'rrule',
      `BYHOUR: no listed hour is reachable from DTSTART in steps of INTERVAL=${interval} hours`,
    );
  }
  if (freq === MINUTELY && (hours || minutes)) {
    const first = start.hour * 60 + start.minute;
    const steps = 1440 / gcd(interval, 1440);
    for (let j = 0; j < steps; j++) {
      const t = mod(first + j * interval, 1440);
      if ((!hours || hours.has(Math.floor(t / 60))) && (!minutes || minutes.has(t % 60))) return;
    }
    throw new RecurrenceError(
      'rrule',
      `BYHOUR/BYMINUTE: no listed time of day is reachable from DTSTART in steps of INTERVAL=${interval} minutes`,
    );
  }
}

export function compileRule(rule: RecurrenceRule, start: LocalDateTime): CompiledRule {
  const freq = RANKS[rule.freq];
  const days = dayDefaults(rule, freq, start);
  const hours = rule.byHour ?? (freq < HOURLY ? [start.hour] : null);
  const minutes = rule.byMinute ?? (freq < MINUTELY ? [start.minute] : null);
  const seconds = rule.bySecond ?? [start.second];
  const byHour = setOf(hours);
  const byMinute = setOf(minutes);
  checkReachable(freq, rule.interval, start, byHour, freq === MINUTELY ? byMinute : null);
  const dtstartMs = toLocalMs(start);
  return {
    freq,
    interval: rule.interval,
    count: rule.count,
    until: rule.until,
    dtstartMs,
    dtstartDay: dayOfLocalMs(dtstartMs),
    start,
    byMonth: setOf(days.byMonth),
    byWeekNo: rule.byWeekNo,
    byYearDay: setOf(rule.byYearDay),
    byMonthDay: setOf(days.byMonthDay?.filter((d) => d > 0)),
    byNegMonthDay: setOf(days.byMonthDay?.filter((d) => d < 0)),
    ...splitByDay(days.byDay, freq),
    byHour,
    byMinute,
    bySetPos: rule.bySetPos,
    wkst: rule.wkst,
    timeset: buildTimeset(freq, hours ?? [], minutes ?? [], seconds),
  };
}
