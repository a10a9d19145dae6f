/**
 * Maintenance windows as stored (a recurrence, or one window when there is no rule) and the
 * questions asked of them: which occurrences overlap a range, and which occurrence (if any)
 * holds a whole interval — a change that needs downtime must fit inside one. Pure.
 */
import { expandWindows, MAX_LIMIT, type Occurrence, type WindowDefinition } from '../recurrence/index.js';

export interface WindowSpec {
  /** RFC 5545 RRULE; null: a single window at dtstart. */
  readonly rrule: string | null;
  readonly dtstart: string;
  readonly timezone: string;
  readonly durationMinutes: number;
  readonly exdates: readonly string[];
}

export interface Interval {
  readonly start: Date;
  readonly end: Date;
}

/** A one-off window is the recurrence that yields DTSTART once. */
export const ONE_OFF_RULE = 'FREQ=DAILY;COUNT=1';

export function definitionOf(spec: WindowSpec): WindowDefinition {
  return {
    rrule: spec.rrule ?? ONE_OFF_RULE,
    dtstart: spec.dtstart,
    timezone: spec.timezone,
    durationMinutes: spec.durationMinutes,
    exdates: spec.rrule ? spec.exdates : [],
  };
}

/**
 * Occurrences overlapping [from, until) — also those that started before `from` and are still
 * open — ascending by start, at most `limit` (1–1000).
 */
export function occurrencesOverlapping(
  spec: WindowSpec,
  range: { from: Date; until: Date },
  limit = MAX_LIMIT,
): Occurrence[] {
  const from = new Date(range.from.getTime() - spec.durationMinutes * 60_000 + 1);
  return expandWindows({ ...definitionOf(spec), from, until: range.until, limit }).filter(
    (occurrence) => occurrence.end.getTime() > range.from.getTime(),
  );
}

/**
 * The occurrence that holds all of [start, end) — start ≥ its start and end ≤ its end — or null.
 * An empty interval (start = end) is held by the occurrence containing that instant.
 */
export function occurrenceContaining(spec: WindowSpec, interval: Interval): Occurrence | null {
  const start = interval.start.getTime();
  const end = interval.end.getTime();
  if (Number.isNaN(start) || Number.isNaN(end) || end < start)
    throw new RangeError('the interval must have a start and an end not before it');
  const durationMs = spec.durationMinutes * 60_000;
  // Candidates start no later than `start` and no earlier than `end − duration`.
  const earliestStart = Math.max(end - durationMs, start - durationMs + 1);
  if (earliestStart > start) return null;
  const candidates = expandWindows({
    ...definitionOf(spec),
    from: new Date(earliestStart),
    until: new Date(start + 1),
    limit: MAX_LIMIT,
  });
  return (
    candidates.find((occurrence) => occurrence.end.getTime() >= end && occurrence.end.getTime() > start) ??
    null
  );
}

/** The first of `windows` with an occurrence holding the interval, with that occurrence. */
export function findContainingWindow<W extends WindowSpec>(
  windows: readonly W[],
  interval: Interval,
): { window: W; occurrence: Occurrence } | null {
  for (const window of windows) {
    const occurrence = occurrenceContaining(window, interval);
    if (occurrence) return { window, occurrence };
  }
  return null;
}
