/**
 * Per-year lookup tables for the day filters, following python-dateutil's `_iterinfo`: a day is
 * addressed by its index from 1 January of the period's year. WEEKLY periods may run up to six
 * days into the next year, so the week-number table is seven days longer than the year.
 */
import { civilDate, dayNumber, daysInMonth, daysInYear, mod, weekdayOf } from './civil.js';
import { type CompiledRule, YEARLY } from './compile.js';

export interface YearInfo {
  readonly year: number;
  readonly yearLen: number;
  readonly nextYearLen: number;
  /** Day number of 1 January. */
  readonly firstDay: number;
  /** 1 where the day (by index) is in a week listed in BYWEEKNO; null without BYWEEKNO. */
  readonly weekNoMask: Uint8Array | null;
}

interface WeekLayout {
  /** Index of the first day of week 1 within the year (0 when week 1 starts in the previous year). */
  readonly no1wkst: number;
  /** Index of the first week start inside the year. */
  readonly firstWkst: number;
  readonly numWeeks: number;
}

/** RFC 5545 week numbering: week 1 is the first week (starting on WKST) with at least 4 days in the year. */
function weekLayout(year: number, wkst: number): WeekLayout {
  const yearLen = daysInYear(year);
  const jan1 = weekdayOf(dayNumber(year, 1, 1));
  const firstWkst = mod(7 - jan1 + wkst, 7);
  const startsEarly = firstWkst >= 4;
  const no1wkst = startsEarly ? 0 : firstWkst;
  const weekYearLen = startsEarly ? yearLen + mod(jan1 - wkst, 7) : yearLen - no1wkst;
  return { no1wkst, firstWkst, numWeeks: Math.floor(weekYearLen / 7) + Math.floor((weekYearLen % 7) / 4) };
}

/** Marks the week starting at index i: seven days, or fewer when i is 1 January inside a week. */
function markWeek(mask: Uint8Array, from: number, firstDay: number, wkst: number): void {
  let i = from;
  for (let j = 0; j < 7; j++) {
    mask[i] = 1;
    i += 1;
    if (weekdayOf(firstDay + i) === wkst) break;
  }
}

function weekStartIndex(layout: WeekLayout, week: number): number {
  if (week === 1) return layout.no1wkst;
  const i = layout.no1wkst + (week - 1) * 7;
  return layout.no1wkst !== layout.firstWkst ? i - (7 - layout.firstWkst) : i;
}

function buildWeekNoMask(year: number, firstDay: number, weeks: readonly number[], wkst: number): Uint8Array {
  const yearLen = daysInYear(year);
  const mask = new Uint8Array(yearLen + 7);
  const layout = weekLayout(year, wkst);
  for (const listed of weeks) {
    const week = listed < 0 ? listed + layout.numWeeks + 1 : listed;
    if (week >= 1 && week <= layout.numWeeks) markWeek(mask, weekStartIndex(layout, week), firstDay, wkst);
  }
  // The last days of December may already be week 1 of next year.
  if (weeks.includes(1)) {
    const i = weekStartIndex(layout, layout.numWeeks + 1);
    if (i < yearLen) markWeek(mask, i, firstDay, wkst);
  }
  // The first days of January may still be the last week of last year. dateutil computes that
  // week's number from this year's length (a bug: it calls some 52nd weeks 53); we use last year's.
  if (layout.no1wkst > 0) {
    const lastWeek = weeks.includes(-1) ? -1 : weekLayout(year - 1, wkst).numWeeks;
    if (weeks.includes(lastWeek)) mask.fill(1, 0, layout.no1wkst);
  }
  return mask;
}

export function buildYearInfo(year: number, rule: CompiledRule): YearInfo {
  const firstDay = dayNumber(year, 1, 1);
  return {
    year,
    yearLen: daysInYear(year),
    nextYearLen: daysInYear(year + 1),
    firstDay,
    weekNoMask: rule.byWeekNo ? buildWeekNoMask(year, firstDay, rule.byWeekNo, rule.wkst) : null,
  };
}

/**
 * Days matching ordinal BYDAY entries ("1MO", "-1SU"): counted within the month for MONTHLY, and
 * for YEARLY within each BYMONTH month, or within the whole year when there is no BYMONTH.
 */
export function buildNthWeekdayMask(info: YearInfo, rule: CompiledRule, month: number): Uint8Array | null {
  if (!rule.byNthWeekday) return null;
  const monthStart = (m: number) => dayNumber(info.year, m, 1) - info.firstDay;
  const monthRange = (m: number): [number, number] => [
    monthStart(m),
    monthStart(m) + daysInMonth(info.year, m),
  ];
  let ranges: [number, number][];
  if (rule.freq !== YEARLY) ranges = [monthRange(month)];
  else if (rule.byMonth) ranges = [...rule.byMonth].map(monthRange);
  else ranges = [[0, info.yearLen]];
  const mask = new Uint8Array(info.yearLen);
  for (const [first, end] of ranges) {
    const last = end - 1;
    for (const { weekday, n } of rule.byNthWeekday) {
      let i: number;
      if (n < 0) {
        i = last + (n + 1) * 7;
        i -= mod(weekdayOf(info.firstDay + i) - weekday, 7);
      } else {
        i = first + (n - 1) * 7;
        i += mod(7 - weekdayOf(info.firstDay + i) + weekday, 7);
      }
      if (i >= first && i <= last) mask[i] = 1;
    }
  }
  return mask;
}

function matchesYearDay(info: YearInfo, days: ReadonlySet<number>, i: number): boolean {
  if (i < info.yearLen) return days.has(i + 1) || days.has(i - info.yearLen);
  return days.has(i + 1 - info.yearLen) || days.has(i - info.yearLen - info.nextYearLen);
}

/**
 * Whether day `day` survives the BYxxx day filters (BYMONTH, BYWEEKNO, BYDAY, BYMONTHDAY,
 * BYYEARDAY — each limits, so all must hold). BYDAY entries are a union: "1MO,FR" means the first
 * Monday or any Friday (dateutil and rrule.js intersect the two kinds and match nothing).
 */
export function dayMatches(
  rule: CompiledRule,
  info: YearInfo,
  nthMask: Uint8Array | null,
  day: number,
): boolean {
  const i = day - info.firstDay;
  const date = civilDate(day);
  if (rule.byMonth && !rule.byMonth.has(date.month)) return false;
  if (info.weekNoMask && info.weekNoMask[i] !== 1) return false;
  if (rule.byWeekday || rule.byNthWeekday) {
    const plain = rule.byWeekday?.has(weekdayOf(day)) ?? false;
    if (!plain && !(nthMask && nthMask[i] === 1)) return false;
  }
  if (rule.byMonthDay || rule.byNegMonthDay) {
    const negative = date.day - daysInMonth(date.year, date.month) - 1;
    if (!rule.byMonthDay?.has(date.day) && !rule.byNegMonthDay?.has(negative)) return false;
  }
  return !rule.byYearDay || matchesYearDay(info, rule.byYearDay, i);
}
