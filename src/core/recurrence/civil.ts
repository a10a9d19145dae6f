/**
 * Proleptic Gregorian calendar arithmetic on plain numbers.
 *
 * Recurrence expansion happens in "floating" local time: a local wall-clock date-time is stored as
 * the number of milliseconds it would be if it were UTC (`localMs`). That keeps expansion free of
 * time-zone rules; only the final step (zone.ts) turns a local time into a real instant.
 * Days are counted from 1970-01-01 (`day number`), weekdays run 0 = Monday … 6 = Sunday as in the
 * RFC 5545 weekday order MO..SU.
 */

export const MS_PER_DAY = 86_400_000;
export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface LocalDateTime extends CivilDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** Modulo that is never negative for a positive divisor (JS `%` keeps the dividend's sign). */
export function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? 0);
}

/** Day number of a civil date (H. Hinnant's days_from_civil; exact for all years). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Civil date of a day number (inverse of dayNumber). */
export function civilDate(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Monday … 6 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(days: number): number {
  return mod(days + 3, 7);
}

export function yearOfDay(days: number): number {
  return civilDate(days).year;
}

export function toLocalMs(t: LocalDateTime): number {
  return dayNumber(t.year, t.month, t.day) * MS_PER_DAY + ((t.hour * 60 + t.minute) * 60 + t.second) * 1000;
}

export function dayOfLocalMs(localMs: number): number {
  return Math.floor(localMs / MS_PER_DAY);
}

// Extended (2026-01-04T02:00[:00[.000]]) and iCalendar basic (20260104T020000) forms; seconds
// optional; a fraction is tolerated only when it is zero (serialisers add ".000"), since
// recurrence works in whole seconds.
const DATE_TIME_PATTERNS = [
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.0{1,9})?)?$/,
  /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?$/,
];
const DATE_PATTERNS = [/^(\d{4})-(\d{2})-(\d{2})$/, /^(\d{4})(\d{2})(\d{2})$/];

function firstMatch(patterns: readonly RegExp[], text: string): number[] | null {
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (m) return m.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  }
  return null;
}

function isValidDate(year: number, month: number, day: number): boolean {
  return (
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** A calendar date `YYYY-MM-DD` or `YYYYMMDD`, or null when the text is not one. */
export function parseCivilDate(text: string): CivilDate | null {
  const m = firstMatch(DATE_PATTERNS, text);
  if (!m) return null;
  const [year = 0, month = 0, day = 0] = m;
  return isValidDate(year, month, day) ? { year, month, day } : null;
}

/** A local date-time without offset (`YYYY-MM-DDTHH:MM[:SS]` or `YYYYMMDDTHHMM[SS]`), or null. */
export function parseLocalDateTime(text: string): LocalDateTime | null {
  const m = firstMatch(DATE_TIME_PATTERNS, text.toUpperCase());
  if (!m) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = m;
  if (!isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return { year, month, day, hour, minute, second };
}
