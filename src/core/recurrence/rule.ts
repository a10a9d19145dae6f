/**
 * Parsing and validating an RFC 5545 RRULE value (section 3.3.10) into a plain object.
 * Only syntax and value ranges are checked here; what the rule means next to a DTSTART is
 * resolved in compile.ts.
 */
import { dayNumber, MS_PER_DAY, parseCivilDate, parseLocalDateTime, toLocalMs } from './civil.js';
import { RecurrenceError } from './errors.js';

export const FREQUENCIES = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** RFC 5545 weekday codes in index order: 0 = MO … 6 = SU. */
export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** A BYDAY entry: weekday 0..6 and its ordinal (`n` = 0 when none, e.g. "SU"; -1 for "-1SU"). */
export interface WeekdayNum {
  readonly weekday: number;
  readonly n: number;
}

/**
 * UNTIL, inclusive in every spelling:
 * - `utc` (`…Z`, what RFC 5545 requires with a zoned DTSTART): compared with each occurrence's instant;
 * - `local`: a date-time without Z is compared with each occurrence's local wall time; a date-only
 *   `YYYYMMDD` means "up to the end of that local day" (its last millisecond).
 */
export type Until =
  | { readonly kind: 'utc'; readonly instantMs: number }
  | { readonly kind: 'local'; readonly localMs: number };

export interface RecurrenceRule {
  readonly freq: Frequency;
  readonly interval: number;
  readonly count: number | null;
  readonly until: Until | null;
  readonly bySecond: readonly number[] | null;
  readonly byMinute: readonly number[] | null;
  readonly byHour: readonly number[] | null;
  readonly byDay: readonly WeekdayNum[] | null;
  readonly byMonthDay: readonly number[] | null;
  readonly byYearDay: readonly number[] | null;
  readonly byWeekNo: readonly number[] | null;
  readonly byMonth: readonly number[] | null;
  readonly bySetPos: readonly number[] | null;
  readonly wkst: number;
}

/** Integer list parts: `signed` ones take 1..max or -max..-1, the others min..max. */
const INT_LISTS = {
  BYSECOND: { min: 0, max: 59, signed: false },
  BYMINUTE: { min: 0, max: 59, signed: false },
  BYHOUR: { min: 0, max: 23, signed: false },
  BYMONTHDAY: { min: 1, max: 31, signed: true },
  BYYEARDAY: { min: 1, max: 366, signed: true },
  BYWEEKNO: { min: 1, max: 53, signed: true },
  BYMONTH: { min: 1, max: 12, signed: false },
  BYSETPOS: { min: 1, max: 366, signed: true },
} as const;
type IntListName = keyof typeof INT_LISTS;

const PART_NAMES = new Set([
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'WKST',
  ...Object.keys(INT_LISTS),
]);

function fail(message: string): never {
  throw new RecurrenceError('rrule', message);
}

/** Splits "FREQ=WEEKLY;BYDAY=SU" into a map; tolerates an "RRULE:" prefix and a trailing ';'. */
function splitParts(text: string): Map<string, string> {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body === '') fail('the rule is empty; FREQ is required');
  const parts = new Map<string, string>();
  for (const raw of body.split(';')) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) fail(`malformed rule part '${part}' (expected NAME=VALUE)`);
    const name = part.slice(0, eq).trim().toUpperCase();
    const value = part.slice(eq + 1).trim();
    if (!PART_NAMES.has(name)) fail(`unknown rule part '${name}'`);
    if (parts.has(name)) fail(`${name} is given more than once`);
    if (value === '') fail(`${name}: value is empty`);
    parts.set(name, value);
  }
  return parts;
}

function parseFreq(value: string | undefined): Frequency {
  if (value === undefined) fail('FREQ is required');
  const freq = value.toUpperCase();
  if (freq === 'SECONDLY') fail('FREQ: SECONDLY is not supported');
  const known = FREQUENCIES.find((f) => f === freq);
  if (!known) fail(`FREQ: unknown frequency '${value}'`);
  return known;
}

function parsePositive(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\+?\d{1,9}$/.test(value) || Number(value) < 1)
    fail(`${name}: must be a positive integer, got '${value}'`);
  return Number(value);
}

function parseIntList(name: IntListName, value: string | undefined): number[] | null {
  if (value === undefined) return null;
  const { min, max, signed } = INT_LISTS[name];
  const range = signed ? `${min} to ${max} or -${max} to -${min}` : `${min} to ${max}`;
  return value.split(',').map((item) => {
    const text = item.trim();
    if (!/^[+-]?\d{1,3}$/.test(text)) fail(`${name}: '${text}' is not an integer`);
    const n = Number(text);
    const magnitude = Math.abs(n);
    if (magnitude < min || magnitude > max || (!signed && n < 0))
      fail(`${name}: ${text} is out of range (${range})`);
    return n;
  });
}

function parseWeekday(name: string, code: string): number {
  const index = (WEEKDAY_CODES as readonly string[]).indexOf(code.toUpperCase());
  if (index < 0) fail(`${name}: unknown weekday '${code}'`);
  return index;
}

function parseByDay(value: string | undefined): WeekdayNum[] | null {
  if (value === undefined) return null;
  return value.split(',').map((item) => {
    const m = /^([+-]?\d{1,2})?([A-Za-z]*)$/.exec(item.trim());
    if (!m || m[2] === '') fail(`BYDAY: unknown weekday '${item.trim()}'`);
    const weekday = parseWeekday('BYDAY', m[2] ?? '');
    const n = m[1] === undefined ? 0 : Number(m[1]);
    if (m[1] !== undefined && (n === 0 || Math.abs(n) > 53)) {
      fail(`BYDAY: ordinal in '${item.trim()}' must be 1 to 53 or -53 to -1`);
    }
    return { weekday, n };
  });
}

/** Accepts `YYYYMMDD`, `YYYYMMDDTHHMMSS` and `YYYYMMDDTHHMMSSZ` (extended ISO spellings too). */
function parseUntil(value: string | undefined): Until | null {
  if (value === undefined) return null;
  const text = value.toUpperCase();
  const date = parseCivilDate(text);
  if (date)
    return { kind: 'local', localMs: (dayNumber(date.year, date.month, date.day) + 1) * MS_PER_DAY - 1 };
  const utc = text.endsWith('Z');
  const local = parseLocalDateTime(utc ? text.slice(0, -1) : text);
  if (!local) fail(`UNTIL: expected YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ, got '${value}'`);
  // Floating local milliseconds of a UTC wall time are exactly its epoch milliseconds.
  return utc ? { kind: 'utc', instantMs: toLocalMs(local) } : { kind: 'local', localMs: toLocalMs(local) };
}

/** Parses an RRULE value such as "FREQ=WEEKLY;BYDAY=SU" (an "RRULE:" prefix is accepted). */
export function parseRecurrenceRule(text: string): RecurrenceRule {
  const parts = splitParts(text);
  const list = (name: IntListName) => parseIntList(name, parts.get(name));
  const wkst = parts.get('WKST');
  return {
    freq: parseFreq(parts.get('FREQ')),
    interval: parsePositive('INTERVAL', parts.get('INTERVAL')) ?? 1,
    count: parsePositive('COUNT', parts.get('COUNT')),
    until: parseUntil(parts.get('UNTIL')),
    bySecond: list('BYSECOND'),
    byMinute: list('BYMINUTE'),
    byHour: list('BYHOUR'),
    byDay: parseByDay(parts.get('BYDAY')),
    byMonthDay: list('BYMONTHDAY'),
    byYearDay: list('BYYEARDAY'),
    byWeekNo: list('BYWEEKNO'),
    byMonth: list('BYMONTH'),
    bySetPos: list('BYSETPOS'),
    wkst: wkst === undefined ? 0 : parseWeekday('WKST', wkst),
  };
}
