/**
 * RFC 5545 expansion in floating local time (see civil.ts): yields every occurrence of a compiled
 * rule as local milliseconds, ascending, ignoring COUNT and UNTIL (applied by the caller, which
 * knows the time zone). Modelled on python-dateutil's `rrule._iter`, with two differences that do
 * not change results: periods before `notBefore` are skipped arithmetically instead of walked, and
 * HOURLY/MINUTELY jump over non-matching days and hours directly.
 *
 * Like dateutil, the first WEEKLY period runs from DTSTART's day to the next WKST (so BYSETPOS
 * there counts only days from DTSTART on); MONTHLY and YEARLY periods are whole months and years.
 */
import { civilDate, dayNumber, daysInMonth, MAX_YEAR, MS_PER_DAY, mod, weekdayOf } from './civil.js';
import { type CompiledRule, DAILY, HOURLY, MONTHLY, WEEKLY, YEARLY } from './compile.js';
import { RecurrenceError } from './errors.js';
import { buildNthWeekdayMask, buildYearInfo, dayMatches, type YearInfo } from './year-info.js';

/** Counts work units and stops runaway expansions (see MAX_EXPANSION_STEPS in windows.ts). */
export class Budget {
  private left: number;

  constructor(readonly steps: number) {
    this.left = steps;
  }

  spend(units = 1): void {
    this.left -= units;
    if (this.left < 0) {
      throw new RecurrenceError(
        'rrule',
        `expanding this rule needs more than ${this.steps} steps for the requested range; narrow from/until or lower COUNT`,
      );
    }
  }
}

/** Remembers the last year's tables: periods visit years in order. */
function yearCache(rule: CompiledRule): (year: number) => YearInfo {
  let last: YearInfo | null = null;
  return (year) => {
    if (last?.year !== year) last = buildYearInfo(year, rule);
    return last;
  };
}

interface Period {
  /** Candidate days [firstDay, endDay) and the year whose tables index them. */
  readonly firstDay: number;
  readonly endDay: number;
  readonly year: number;
  readonly month: number;
}

function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}

function weekStartOfDtstart(rule: CompiledRule): number {
  return rule.dtstartDay - mod(weekdayOf(rule.dtstartDay) - rule.wkst, 7);
}

/** The k-th period of a DAILY-or-coarser rule (k = 0 holds DTSTART). */
function periodAt(rule: CompiledRule, k: number): Period {
  const step = k * rule.interval;
  if (rule.freq === YEARLY) {
    const year = rule.start.year + step;
    const firstDay = dayNumber(year, 1, 1);
    return { firstDay, endDay: dayNumber(year + 1, 1, 1), year, month: 1 };
  }
  if (rule.freq === MONTHLY) {
    const index = monthIndex(rule.start.year, rule.start.month) + step;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const firstDay = dayNumber(year, month, 1);
    return { firstDay, endDay: firstDay + daysInMonth(year, month), year, month };
  }
  if (rule.freq === WEEKLY) {
    const weekStart = weekStartOfDtstart(rule) + 7 * step;
    const firstDay = k === 0 ? rule.dtstartDay : weekStart;
    const { year, month } = civilDate(firstDay);
    return { firstDay, endDay: weekStart + 7, year, month };
  }
  const firstDay = rule.dtstartDay + step;
  const { year, month } = civilDate(firstDay);
  return { firstDay, endDay: firstDay + 1, year, month };
}

/** Index of the period containing local time `ms`, or of the last one before it; never below 0. */
export function periodIndexAt(rule: CompiledRule, ms: number): number {
  const day = Math.floor(ms / MS_PER_DAY);
  let distance: number;
  if (rule.freq === YEARLY) distance = civilDate(day).year - rule.start.year;
  else if (rule.freq === MONTHLY) {
    const { year, month } = civilDate(day);
    distance = monthIndex(year, month) - monthIndex(rule.start.year, rule.start.month);
  } else if (rule.freq === WEEKLY)
    return Math.max(0, Math.floor((day - weekStartOfDtstart(rule)) / (7 * rule.interval)));
  else if (rule.freq === DAILY) distance = day - rule.dtstartDay;
  else distance = slotOf(rule, ms) - slotOf(rule, rule.dtstartMs);
  return Math.max(0, Math.floor(distance / rule.interval));
}

/**
 * Applies BYSETPOS to one period's candidates (days × timeset, in order), without building the
 * product: position p names day ⌊p/|timeset|⌋ and time p mod |timeset|. Duplicates collapse.
 */
function selectPositions(
  rule: CompiledRule,
  days: readonly number[],
  base: (day: number) => number,
): number[] {
  const times = rule.timeset;
  const total = days.length * times.length;
  const picked = new Set<number>();
  for (const pos of rule.bySetPos ?? []) {
    const index = pos > 0 ? pos - 1 : total + pos;
    if (index < 0 || index >= total) continue;
    const day = days[Math.floor(index / times.length)] ?? 0;
    picked.add(base(day) + (times[index % times.length] ?? 0));
  }
  return [...picked].sort((a, b) => a - b);
}

/** Occurrences of one period: every surviving day at every time, or the BYSETPOS picks. */
function* emitPeriod(
  rule: CompiledRule,
  days: readonly number[],
  base: (day: number) => number,
  budget: Budget,
) {
  if (rule.bySetPos) {
    for (const ms of selectPositions(rule, days, base)) if (ms >= rule.dtstartMs) yield ms;
    return;
  }
  for (const day of days) {
    for (const time of rule.timeset) {
      budget.spend();
      const ms = base(day) + time;
      if (ms >= rule.dtstartMs) yield ms;
    }
  }
}

const dayStartMs = (day: number) => day * MS_PER_DAY;

function* expandByDays(rule: CompiledRule, range: LocalRange, budget: Budget): Generator<number> {
  const yearOf = yearCache(rule);
  for (let k = range.notBefore === null ? 0 : periodIndexAt(rule, range.notBefore); ; k++) {
    const period = periodAt(rule, k);
    if (period.year > MAX_YEAR || period.firstDay * MS_PER_DAY > range.notAfter) return;
    const info = yearOf(period.year);
    const nth = rule.freq <= MONTHLY ? buildNthWeekdayMask(info, rule, period.month) : null;
    const days: number[] = [];
    for (let day = period.firstDay; day < period.endDay; day++) {
      budget.spend();
      if (dayMatches(rule, info, nth, day)) days.push(day);
    }
    yield* emitPeriod(rule, days, dayStartMs, budget);
  }
}

function slotMs(rule: CompiledRule): number {
  return rule.freq === HOURLY ? 3_600_000 : 60_000;
}

function slotOf(rule: CompiledRule, ms: number): number {
  return Math.floor(ms / slotMs(rule));
}

/**
 * HOURLY and MINUTELY step through slots DTSTART + k·INTERVAL (hours or minutes). A slot yields
 * when its day passes the day filters and its hour (and, for MINUTELY, minute) is listed; its
 * candidates are the timeset inside that hour or minute, then BYSETPOS.
 */
function* expandBySlots(rule: CompiledRule, range: LocalRange, budget: Budget): Generator<number> {
  const unit = slotMs(rule);
  const first = slotOf(rule, rule.dtstartMs);
  const yearOf = yearCache(rule);
  let checkedDay = Number.NaN;
  let dayOk = false;
  // Smallest k after `k` whose slot starts at or after local time `ms`.
  const nextAtOrAfter = (k: number, ms: number) =>
    Math.max(k + 1, Math.ceil((ms / unit - first) / rule.interval));
  for (let k = range.notBefore === null ? 0 : periodIndexAt(rule, range.notBefore); ; ) {
    budget.spend();
    const start = (first + k * rule.interval) * unit;
    if (start > range.notAfter) return;
    const day = Math.floor(start / MS_PER_DAY);
    if (day !== checkedDay) {
      const { year } = civilDate(day);
      if (year > MAX_YEAR) return;
      checkedDay = day;
      dayOk = dayMatches(rule, yearOf(year), null, day);
    }
    if (!dayOk) {
      k = nextAtOrAfter(k, (day + 1) * MS_PER_DAY);
      continue;
    }
    const minuteOfDay = Math.floor((start - day * MS_PER_DAY) / 60_000);
    const hour = Math.floor(minuteOfDay / 60);
    if (rule.byHour && !rule.byHour.has(hour)) {
      k = nextAtOrAfter(k, day * MS_PER_DAY + (hour + 1) * 3_600_000);
      continue;
    }
    if (rule.freq === HOURLY || !rule.byMinute || rule.byMinute.has(minuteOfDay % 60)) {
      yield* emitPeriod(rule, [day], () => start, budget);
    }
    k += 1;
  }
}

/**
 * Local times the caller cares about. Expansion starts at DTSTART, or with `notBefore` at the
 * period holding it (never use that with COUNT, which counts from DTSTART), and stops after
 * `notAfter` even when nothing matches, so rules that never match cost only the range walked.
 */
export interface LocalRange {
  readonly notBefore: number | null;
  readonly notAfter: number;
}

/** Occurrences within the range's periods, ascending local time; some may lie before `notBefore`. */
export function expandLocal(rule: CompiledRule, range: LocalRange, budget: Budget): Generator<number> {
  return rule.freq >= HOURLY ? expandBySlots(rule, range, budget) : expandByDays(rule, range, budget);
}
