/**
 * A maintenance-window definition, validated once and compiled for expansion: the rule against
 * its DTSTART, the time zone, the duration and the exceptions.
 */
import { dayNumber, dayOfLocalMs, parseCivilDate, parseLocalDateTime, toLocalMs } from './civil.js';
import { type CompiledRule, compileRule } from './compile.js';
import { RecurrenceError } from './errors.js';
import { parseRecurrenceRule } from './rule.js';
import { loadTimeZone, type TimeZone } from './zone.js';

export interface WindowDefinition {
  /** RFC 5545 RRULE value, e.g. "FREQ=WEEKLY;BYDAY=SU" (an "RRULE:" prefix is accepted). */
  readonly rrule: string;
  /** Local wall time of the first window, no offset: "2026-01-04T02:00:00" (or "20260104T020000"). */
  readonly dtstart: string;
  /** IANA zone the local times are in, e.g. "Europe/Berlin". */
  readonly timezone: string;
  /** Length of every window in elapsed minutes (a window across a clock change is still this long). */
  readonly durationMinutes: number;
  /**
   * Occurrences to skip: a local date "YYYY-MM-DD" skips every occurrence starting that local day;
   * a local date-time "YYYY-MM-DDTHH:MM[:SS]" skips the occurrence starting at that wall time; a
   * UTC date-time ending in "Z" skips the occurrence starting at that instant. Skipped occurrences
   * still count towards COUNT (RFC 5545: EXDATE is removed after the rule is expanded).
   */
  readonly exdates?: readonly string[];
}

/** Longest accepted window: 366 days. */
export const MAX_DURATION_MINUTES = 527_040;

export interface CompiledWindow {
  readonly rule: CompiledRule;
  readonly zone: TimeZone;
  readonly durationMs: number;
  /** Whether an occurrence at this local time / instant is excluded by `exdates`. */
  excludesLocal(localMs: number): boolean;
  excludesInstant(instantMs: number): boolean;
}

function requireString(field: 'rrule' | 'dtstart' | 'timezone', value: unknown): string {
  if (typeof value !== 'string') throw new RecurrenceError(field, `${field} must be a string`);
  return value;
}

function readZone(value: unknown): TimeZone {
  const name = requireString('timezone', value);
  const zone = loadTimeZone(name);
  if (!zone) throw new RecurrenceError('timezone', `unknown IANA time zone '${name}'`);
  return zone;
}

function readDuration(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_DURATION_MINUTES) {
    throw new RecurrenceError(
      'durationMinutes',
      `durationMinutes must be a whole number from 1 to ${MAX_DURATION_MINUTES}`,
    );
  }
  return value;
}

function readDtstart(value: unknown) {
  const text = requireString('dtstart', value);
  const start = parseLocalDateTime(text.trim());
  if (!start) {
    throw new RecurrenceError(
      'dtstart',
      `dtstart must be a local date-time without offset, like 2026-01-04T02:00:00 (years 1-9999), got '${text}'`,
    );
  }
  return start;
}

interface Exclusions {
  readonly days: Set<number>;
  readonly locals: Set<number>;
  readonly instants: Set<number>;
}

function readExdates(value: unknown): Exclusions {
  const result: Exclusions = { days: new Set(), locals: new Set(), instants: new Set() };
  if (value === undefined) return result;
  if (!Array.isArray(value)) throw new RecurrenceError('exdates', 'exdates must be a list of strings');
  value.forEach((item: unknown, index) => {
    const text = typeof item === 'string' ? item.trim().toUpperCase() : '';
    const date = parseCivilDate(text);
    const local = parseLocalDateTime(text.endsWith('Z') ? text.slice(0, -1) : text);
    if (date) result.days.add(dayNumber(date.year, date.month, date.day));
    else if (local && text.endsWith('Z')) result.instants.add(toLocalMs(local));
    else if (local) result.locals.add(toLocalMs(local));
    else {
      throw new RecurrenceError(
        'exdates',
        `exdates[${index}]: expected YYYY-MM-DD, a local date-time YYYY-MM-DDTHH:MM[:SS] or a UTC date-time ending in Z, got '${String(item)}'`,
      );
    }
  });
  return result;
}

/** Validates every field of a definition and prepares it for expansion; throws RecurrenceError. */
export function compileWindow(def: WindowDefinition): CompiledWindow {
  const rule = parseRecurrenceRule(requireString('rrule', def.rrule));
  const start = readDtstart(def.dtstart);
  const zone = readZone(def.timezone);
  const durationMs = readDuration(def.durationMinutes) * 60_000;
  const ex = readExdates(def.exdates);
  return {
    rule: compileRule(rule, start),
    zone,
    durationMs,
    excludesLocal: (ms) => ex.locals.has(ms) || ex.days.has(dayOfLocalMs(ms)),
    excludesInstant: (ms) => ex.instants.has(ms),
  };
}

/** Checks a definition without expanding it (for saving a window); throws RecurrenceError. */
export function validateWindowDefinition(def: WindowDefinition): void {
  compileWindow(def);
}
