/**
 * Which occurrences of a maintenance plan's schedule need a task now. Pure: the caller passes the
 * plan's schedule, how far ahead it generates, how far it has already generated, and "now".
 *
 * Generation keeps a high-water mark per plan (`generatedThrough`): every occurrence starting
 * before it has been turned into a task (or deliberately passed over). Each run covers
 * [generatedThrough, now + lead time) and moves the mark to the end of what it covered, so runs
 * chain without gaps or overlaps, an occurrence missed while no worker ran is still generated
 * (late, and overdue), and an edited schedule applies only from the mark on — tasks already
 * generated are never generated again under another key.
 */
import { expandWindows, validateWindowDefinition } from '../recurrence/index.js';

/** A plan's recurrence: an RFC 5545 RRULE on a local DTSTART in an IANA zone, as maintenance windows. */
export interface PlanSchedule {
  readonly rrule: string;
  /** Local wall time of the first occurrence, no offset: "2026-01-04T09:00:00". */
  readonly dtstart: string;
  readonly timezone: string;
  /** Local dates (YYYY-MM-DD) or local date-times to skip, as for windows. */
  readonly exdates?: readonly string[];
}

export interface GenerationInput {
  readonly schedule: PlanSchedule;
  /** Generate a task this many days (24 h each) before it is due; 0 = when it falls due. */
  readonly generateAheadDays: number;
  /** The plan's high-water mark: occurrences before it are already handled. */
  readonly generatedThrough: Date;
  readonly now: Date;
  /** At most this many occurrences per run (the rest next run); default 100. */
  readonly limit?: number;
}

export interface DueOccurrence {
  /** Deterministic and unique per plan: the occurrence's UTC instant, e.g. 2026-03-29T01:00:00Z. */
  readonly key: string;
  /** The task is due at the occurrence. */
  readonly dueAt: Date;
}

export interface GenerationPlan {
  readonly occurrences: readonly DueOccurrence[];
  /** The new high-water mark: never earlier than the old one. */
  readonly through: Date;
}

export const MAX_GENERATE_AHEAD_DAYS = 366;
export const DEFAULT_GENERATION_LIMIT = 100;
const DAY_MS = 86_400_000;

/** Occurrences fall on whole seconds: the key is the instant with seconds and a Z. */
export function occurrenceKey(dueAt: Date): string {
  return dueAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The instant up to which a plan should have generated its tasks at `now`. */
export function generationHorizon(now: Date, generateAheadDays: number): Date {
  return new Date(now.getTime() + generateAheadDays * DAY_MS);
}

/** Throws RecurrenceError (naming rrule, dtstart, timezone or exdates) for a schedule that cannot be saved. */
export function validatePlanSchedule(schedule: PlanSchedule): void {
  validateWindowDefinition({ ...schedule, durationMinutes: 1 });
}

/** The API validates the lead time; this guards the arithmetic against a bad caller. */
function readAhead(days: number): number {
  if (!Number.isInteger(days) || days < 0 || days > MAX_GENERATE_AHEAD_DAYS)
    throw new RangeError(`generateAheadDays must be a whole number from 0 to ${MAX_GENERATE_AHEAD_DAYS}`);
  return days;
}

/**
 * The occurrences in [generatedThrough, now + lead time) that need a task, earliest first, at
 * most `limit`, and the mark to store afterwards. Two local occurrences at one instant (an hourly
 * rule across a spring-forward gap) are one task. When the limit cuts the range short, the mark
 * stops just after the last occurrence returned, so the next run continues from there.
 */
export function occurrencesToGenerate(input: GenerationInput): GenerationPlan {
  const horizon = generationHorizon(input.now, readAhead(input.generateAheadDays));
  const from = input.generatedThrough;
  if (horizon.getTime() <= from.getTime()) return { occurrences: [], through: from };
  const limit = input.limit ?? DEFAULT_GENERATION_LIMIT;
  const windows = expandWindows({
    ...input.schedule,
    durationMinutes: 1,
    from,
    until: horizon,
    limit,
  });
  const occurrences: DueOccurrence[] = [];
  for (const window of windows) {
    const key = occurrenceKey(window.start);
    if (occurrences.at(-1)?.key !== key) occurrences.push({ key, dueAt: window.start });
  }
  const last = windows.at(-1);
  const through = windows.length >= limit && last ? new Date(last.start.getTime() + 1) : horizon;
  return { occurrences, through };
}

/** The next `count` due dates from `from` on, for previews of a schedule. */
export function nextDueDates(schedule: PlanSchedule, from: Date, count: number): Date[] {
  const until = new Date(from.getTime() + 10 * 366 * DAY_MS);
  return expandWindows({ ...schedule, durationMinutes: 1, from, until, limit: count }).map(
    (window) => window.start,
  );
}
