import type { BusinessCalendar } from './calendar.js';
import type { Pause } from './types.js';

const MINUTE_MS = 60_000;

/**
 * The largest target accepted: 100 years of minutes. SLA targets are days or weeks; the bound keeps
 * a mistaken or hostile target from walking the calendar for centuries.
 */
export const MAX_BUSINESS_MINUTES = 100 * 366 * 24 * 60;

/**
 * The due instant: the earliest t ≥ start with exactly `minutes` of business time, not counting
 * pauses, in [start, t). Work that completes exactly at closing time is due at closing time;
 * 0 minutes gives `start` (even inside a pause or outside business hours).
 *
 * Returns null when an open-ended pause (`to: null`) begins before the work is done: the clock is
 * stopped until further notice, so there is no due time yet.
 * Throws NoBusinessTimeError when the calendar has no business time at all, or none for the
 * search horizon (5 years) on the way; RangeError for invalid dates or minutes.
 */
export function addBusinessTime(
  calendar: BusinessCalendar,
  start: Date,
  minutes: number,
  pauses: readonly Pause[] = [],
): Date | null {
  const from = instant(start, 'start');
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_BUSINESS_MINUTES) {
    throw new RangeError(`minutes must be a whole number from 0 to ${MAX_BUSINESS_MINUTES}, got ${minutes}`);
  }
  if (minutes === 0) return new Date(from);
  const ms = minutes * MINUTE_MS;
  if (pauses.length === 0) return new Date(calendar.addMs(from, ms));
  const due = addAroundPauses(calendar, from, ms, mergePauses(pauses, from));
  return due === null ? null : new Date(due);
}

/** Business time in [start, end) minus pauses, in exact milliseconds; 0 when start ≥ end. */
export function elapsedBusinessMs(
  calendar: BusinessCalendar,
  start: Date,
  end: Date,
  pauses: readonly Pause[] = [],
): number {
  const from = instant(start, 'start');
  const to = instant(end, 'end');
  if (from >= to) return 0;
  let total = calendar.businessMs(from, to);
  for (const [pauseFrom, pauseTo] of mergePauses(pauses, from)) {
    const lo = Math.max(pauseFrom, from);
    const hi = Math.min(pauseTo, to);
    if (lo < hi) total -= calendar.businessMs(lo, hi);
  }
  return total;
}

/** Business time in [start, end) minus pauses, in whole seconds (floored). */
export function elapsedBusinessSeconds(
  calendar: BusinessCalendar,
  start: Date,
  end: Date,
  pauses: readonly Pause[] = [],
): number {
  return Math.floor(elapsedBusinessMs(calendar, start, end, pauses) / 1000);
}

/** Walks the business time between pauses until `ms` of it have been used. */
function addAroundPauses(
  calendar: BusinessCalendar,
  start: number,
  ms: number,
  pauses: readonly (readonly [number, number])[],
): number | null {
  let cursor = start;
  let remaining = ms;
  for (const [from, to] of pauses) {
    if (from > cursor) {
      const available = calendar.businessMs(cursor, from);
      if (available >= remaining) return calendar.addMs(cursor, remaining);
      remaining -= available;
    }
    if (to === Number.POSITIVE_INFINITY) return null;
    cursor = Math.max(cursor, to);
  }
  return calendar.addMs(cursor, remaining);
}

/**
 * Pauses as a sorted union of [from, to) epoch-ms intervals (open-ended ones reach +∞), keeping
 * only those that end after `after`: pauses may overlap each other and lie anywhere.
 */
function mergePauses(pauses: readonly Pause[], after: number): [number, number][] {
  const intervals: [number, number][] = [];
  pauses.forEach((pause, index) => {
    const from = instant(pause.from, `pauses[${index}].from`);
    const to = pause.to === null ? Number.POSITIVE_INFINITY : instant(pause.to, `pauses[${index}].to`);
    if (to < from) throw new RangeError(`pauses[${index}] ends before it starts`);
    if (to > after && to > from) intervals.push([from, to]);
  });
  intervals.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const interval of intervals) {
    const last = merged[merged.length - 1];
    if (last && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
    else merged.push(interval);
  }
  return merged;
}

function instant(date: Date, what: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${what} must be a valid Date`);
  return ms;
}
