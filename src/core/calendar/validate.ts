import { IANAZone } from 'luxon';
import { type CalendarInput, type CalendarProblem, WEEKDAYS } from './types.js';

const DAY_MS = 86_400_000;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TOP_LEVEL_FIELDS = new Set(['timezone', 'hours', 'holidays']);
const WEEKDAY_SET: ReadonlySet<string> = new Set(WEEKDAYS);

/** Minutes after local midnight for "HH:MM"; "24:00" only where it may close a day. */
export function parseClock(text: unknown, isClose: boolean): number | undefined {
  if (isClose && text === '24:00') return 1440;
  if (typeof text !== 'string') return undefined;
  const match = CLOCK.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Days since 1970-01-01 for a real calendar date "YYYY-MM-DD" (proleptic Gregorian). */
export function parseLocalDate(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = LOCAL_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as they are; it rolls 2026-02-30 over to
  // March, so a round trip catches impossible dates.
  const back = new Date(0);
  const ms = back.setUTCFullYear(year, month - 1, day);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return undefined;
  }
  return ms / DAY_MS;
}

/**
 * Every problem with a calendar input, each naming its field path, so the HTTP layer can answer
 * 400 with all of them at once. An empty list means `compileCalendar` will accept the input.
 */
export function validateCalendar(input: unknown): CalendarProblem[] {
  if (!isRecord(input)) return [{ path: '', message: 'must be an object' }];
  const problems: CalendarProblem[] = [];
  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL_FIELDS.has(key)) problems.push({ path: key, message: 'unknown field' });
  }
  if (typeof input.timezone !== 'string') {
    problems.push({ path: 'timezone', message: 'must be a string (an IANA time zone name)' });
  } else if (!IANAZone.isValidZone(input.timezone)) {
    problems.push({ path: 'timezone', message: 'unknown IANA time zone' });
  }
  validateHours(input.hours, problems);
  validateHolidays(input.holidays, problems);
  return problems;
}

/** False when no weekday has any opening interval: such a calendar never has business time. */
export function hasOpenHours(input: CalendarInput): boolean {
  return WEEKDAYS.some((day) => (input.hours[day]?.length ?? 0) > 0);
}

function validateHours(hours: unknown, problems: CalendarProblem[]): void {
  if (!isRecord(hours)) {
    problems.push({ path: 'hours', message: 'must be an object keyed by weekday (mon..sun)' });
    return;
  }
  for (const [day, intervals] of Object.entries(hours)) {
    const path = `hours.${day}`;
    if (!WEEKDAY_SET.has(day)) {
      problems.push({ path, message: `unknown weekday; use one of ${WEEKDAYS.join(', ')}` });
    } else if (!Array.isArray(intervals)) {
      problems.push({ path, message: 'must be a list of ["HH:MM", "HH:MM"] pairs' });
    } else {
      validateDay(path, intervals, problems);
    }
  }
}

interface ParsedInterval {
  index: number;
  open: number;
  close: number;
}

function validateDay(path: string, intervals: unknown[], problems: CalendarProblem[]): void {
  const parsed: ParsedInterval[] = [];
  intervals.forEach((pair, index) => {
    const at = `${path}[${index}]`;
    if (!Array.isArray(pair) || pair.length !== 2) {
      problems.push({ path: at, message: 'must be a pair ["HH:MM", "HH:MM"]' });
      return;
    }
    const open = parseClock(pair[0], false);
    const close = parseClock(pair[1], true);
    if (open === undefined) problems.push({ path: `${at}[0]`, message: clockMessage(pair[0]) });
    if (close === undefined)
      problems.push({ path: `${at}[1]`, message: 'must be a time "HH:MM" or "24:00"' });
    if (open === undefined || close === undefined) return;
    if (open >= close) problems.push({ path: at, message: 'start must be before end' });
    else parsed.push({ index, open, close });
  });
  reportOverlaps(path, parsed, problems);
}

function clockMessage(value: unknown): string {
  return value === '24:00' ? '"24:00" may only close an interval' : 'must be a time "HH:MM" (00:00-23:59)';
}

/** Intervals of one day may touch ([09:00,12:00] then [12:00,13:00]) but not overlap. */
function reportOverlaps(path: string, parsed: ParsedInterval[], problems: CalendarProblem[]): void {
  const byOpen = [...parsed].sort((a, b) => a.open - b.open || a.index - b.index);
  let reach: ParsedInterval | undefined;
  for (const current of byOpen) {
    if (reach && current.open < reach.close) {
      // Name the later-listed interval as the culprit: it is the one a user most likely just added.
      const [later, earlier] = current.index > reach.index ? [current, reach] : [reach, current];
      problems.push({ path: `${path}[${later.index}]`, message: `overlaps ${path}[${earlier.index}]` });
    }
    if (!reach || current.close > reach.close) reach = current;
  }
}

function validateHolidays(holidays: unknown, problems: CalendarProblem[]): void {
  if (holidays === undefined) return;
  if (!Array.isArray(holidays)) {
    problems.push({ path: 'holidays', message: 'must be a list of local dates "YYYY-MM-DD"' });
    return;
  }
  holidays.forEach((date, index) => {
    if (parseLocalDate(date) === undefined) {
      problems.push({ path: `holidays[${index}]`, message: 'must be a real local date "YYYY-MM-DD"' });
    }
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
