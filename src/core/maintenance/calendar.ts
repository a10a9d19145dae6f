/**
 * A maintenance window as calendar events that every client expands to our occurrences:
 * - the series: DTSTART in the window's zone, RRULE, EXDATE at the skipped occurrences' nominal
 *   local starts (so they match each client's own expansion);
 * - a DTSTART that the rule does not produce is replaced by the first occurrence, because RFC 5545
 *   clients take DTSTART as an occurrence (and count it) and we, like dateutil, do not;
 * - overrides (RECURRENCE-ID) pin occurrences whose local start does not exist (spring-forward
 *   gap) or exists twice (fall-back overlap) to the instants we chose (the offset before the gap;
 *   the earlier instant): clients resolve those differently (ical.js: the other way round).
 *   Overrides are written for clock changes within the horizon asked for.
 */
import { DateTime } from 'luxon';
import type { CalendarEvent } from '../ical/index.js';
import { zoneTransitions } from '../ical/index.js';
import {
  expandWindowsLocal,
  formatLocalDateTime,
  formatRecurrenceRule,
  type LocalOccurrence,
  MAX_LIMIT,
} from '../recurrence/index.js';
import { definitionOf, type WindowSpec } from './windows.js';

export interface WindowEventInput extends WindowSpec {
  readonly uid: string;
  readonly sequence: number;
  readonly summary: string;
  readonly description: string;
  readonly created: Date;
  readonly lastModified: Date;
}

const DAY_MS = 86_400_000;

/** Whether a nominal local start (20260329T023000) falls in a gap or overlap of the zone. */
export function clockChangeAt(local: string, timezone: string): 'gap' | 'overlap' | null {
  const wall = DateTime.fromFormat(local, "yyyyMMdd'T'HHmmss", { zone: timezone });
  if (!wall.isValid) return null;
  if (wall.toFormat("yyyyMMdd'T'HHmmss") !== local) return 'gap';
  return wall.getPossibleOffsets().length > 1 ? 'overlap' : null;
}

function expand(spec: WindowSpec, from: number, until: number, withExdates: boolean): LocalOccurrence[] {
  const def = definitionOf(spec);
  return expandWindowsLocal({
    ...def,
    exdates: withExdates ? def.exdates : [],
    from: new Date(from),
    until: new Date(until),
    limit: MAX_LIMIT,
  });
}

/** Rough instant of a stored exdate, to expand around it (±2 days covers every offset). */
function exdateInstant(exdate: string): number {
  const text = exdate.trim().toUpperCase().replace(/[-:]/g, '').replace(/\.0+/, '');
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?Z?$/.exec(text);
  if (!m) return Number.NaN;
  const [year, month, day, hour = '12', minute = '0', second = '0'] = m.slice(1);
  return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
}

/** Nominal local starts of the occurrences the exdates remove. */
function excludedLocals(spec: WindowSpec): string[] {
  const excluded = new Set<string>();
  for (const exdate of spec.exdates) {
    const at = exdateInstant(exdate);
    if (Number.isNaN(at)) continue;
    const kept = new Set(expand(spec, at - 2 * DAY_MS, at + 2 * DAY_MS, true).map((o) => o.local));
    for (const o of expand(spec, at - 2 * DAY_MS, at + 2 * DAY_MS, false))
      if (!kept.has(o.local)) excluded.add(o.local);
  }
  return [...excluded].sort();
}

/**
 * The nominal local start of the rule's first occurrence, or null if it has none. It is DTSTART
 * when DTSTART matches the rule; otherwise clients (RFC 5545: DTSTART is always an occurrence)
 * get this as their DTSTART. The set stays the same: every field the rule takes from DTSTART by
 * default (weekday, day, month, time) has the same value in its first occurrence, and INTERVAL
 * steps from there stay in phase.
 */
function firstOccurrence(spec: WindowSpec, dtstartLocal: string): string | null {
  const near = Date.UTC(
    Number(dtstartLocal.slice(0, 4)),
    Number(dtstartLocal.slice(4, 6)) - 1,
    Number(dtstartLocal.slice(6, 8)),
  );
  const def = definitionOf(spec);
  const [first] = expandWindowsLocal({
    ...def,
    exdates: [],
    from: new Date(near - 2 * DAY_MS),
    until: new Date(Date.UTC(9999, 11, 31)),
    limit: 1,
  });
  return first?.local ?? null;
}

/** Occurrences around the zone's clock changes in the horizon whose local start is a gap or overlap. */
function clockChangeOccurrences(spec: WindowSpec, horizon: { from: Date; until: Date }): LocalOccurrence[] {
  const years = { from: horizon.from.getUTCFullYear(), until: horizon.until.getUTCFullYear() };
  const found = new Map<string, LocalOccurrence>();
  for (const change of zoneTransitions(spec.timezone, years.from, years.until)) {
    for (const o of expand(spec, change.at - DAY_MS, change.at + DAY_MS, true))
      if (clockChangeAt(o.local, spec.timezone)) found.set(o.local, o);
  }
  return [...found.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The window's VEVENTs: the series (or the single window) and its clock-change overrides. */
export function windowEvents(
  window: WindowEventInput,
  horizon: { from: Date; until: Date },
): CalendarEvent[] {
  const dtstart = formatLocalDateTime(window.dtstart);
  const common = {
    uid: window.uid,
    sequence: window.sequence,
    summary: window.summary,
    description: window.description,
    durationMinutes: window.durationMinutes,
    created: window.created,
    lastModified: window.lastModified,
    categories: ['Maintenance'],
  };
  if (!window.rrule) {
    const [only] = expand(
      window,
      Date.parse('0001-01-01T00:00:00Z'),
      Date.parse('9999-12-31T00:00:00Z'),
      false,
    );
    if (only && clockChangeAt(only.local, window.timezone))
      return [{ ...common, start: { instant: only.start } }];
    return [{ ...common, start: { local: dtstart, tzid: window.timezone } }];
  }
  const first = firstOccurrence(window, dtstart);
  if (!first) return [];
  const series: CalendarEvent = {
    ...common,
    start: { local: first, tzid: window.timezone },
    rrule: formatRecurrenceRule(window.rrule, window.timezone),
    exdates: excludedLocals(window),
  };
  const overrides = clockChangeOccurrences(window, horizon).map(
    (o): CalendarEvent => ({
      ...common,
      start: { instant: o.start },
      recurrenceId: { local: o.local, tzid: window.timezone },
    }),
  );
  return [series, ...overrides];
}
