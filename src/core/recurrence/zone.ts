/**
 * Local wall time → instant in an IANA zone, with the contract's rules for clock changes:
 * - a local time that does not exist (spring-forward gap) takes the UTC offset in force BEFORE the
 *   gap, so it lands as far past the gap as it was into it: Berlin 2026-03-29 02:30 → 01:30Z,
 *   i.e. 03:30 CEST (RFC 5545 §3.3.5; Python zoneinfo fold=0; Temporal "compatible");
 * - an ambiguous local time (fall-back overlap) takes the EARLIER instant: Berlin 2026-10-25
 *   02:30 → 00:30Z, i.e. 02:30 CEST.
 * Offsets come from the runtime's ICU time-zone data (no clock involved).
 */
import { MS_PER_DAY } from './civil.js';
import { RecurrenceError } from './errors.js';

export interface TimeZone {
  readonly name: string;
  /** The instant (epoch ms) of a floating local time (see civil.ts). */
  toInstant(localMs: number): number;
}

// Creating a formatter costs far more than using one, so keep one per zone name. Intl accepts
// names in any letter case, so bound the cache rather than trust the number of spellings.
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED_ZONES = 1000;

function formatterFor(name: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(name);
  if (cached) return cached;
  try {
    const dtf = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      timeZoneName: 'longOffset',
      numberingSystem: 'latn',
    });
    if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
    formatters.set(name, dtf);
    return dtf;
  } catch {
    return null; // RangeError: not a time zone this runtime knows
  }
}

/**
 * UTC offset in milliseconds at an instant. "longOffset" prints it with seconds when it has them
 * ("GMT+00:53:28" for old local mean time), and is several times cheaper than formatting the
 * wall time and subtracting.
 */
function offsetAt(dtf: Intl.DateTimeFormat, instantMs: number): number {
  const text = dtf.format(instantMs);
  const m = /GMT(?:([+\-\u2212])(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) throw new RecurrenceError('timezone', `cannot read the UTC offset from '${text}'`);
  if (m[1] === undefined) return 0;
  const seconds = (Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4] ?? 0);
  return (m[1] === '+' ? 1 : -1) * seconds * 1000;
}

/**
 * Offsets of one zone, learnt lazily per UTC day: the offset at each midnight UTC, and for a day
 * whose two midnights differ, the exact second of its transition (binary search). Assumes a zone
 * changes offset at most once per UTC day, which holds for all IANA data; with it, dense rules cost
 * one ICU call per day instead of three per occurrence.
 */
class ZoneOffsets {
  private readonly midnights = new Map<number, number>();
  private readonly transitions = new Map<number, number>();

  constructor(private readonly dtf: Intl.DateTimeFormat) {}

  at(instantMs: number): number {
    const day = Math.floor(instantMs / MS_PER_DAY);
    const start = this.midnight(day);
    const end = this.midnight(day + 1);
    if (start === end) return start;
    return instantMs < this.transition(day, start) ? start : end;
  }

  private midnight(day: number): number {
    let offset = this.midnights.get(day);
    if (offset === undefined) {
      offset = offsetAt(this.dtf, day * MS_PER_DAY);
      this.midnights.set(day, offset);
    }
    return offset;
  }

  /** First instant of `day` with the new offset; tz data changes offsets on whole seconds. */
  private transition(day: number, before: number): number {
    const known = this.transitions.get(day);
    if (known !== undefined) return known;
    let lo = day * 86_400; // seconds; offset `before` here
    let hi = lo + 86_400; // the new offset here
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(this.dtf, mid * 1000) === before) lo = mid;
      else hi = mid;
    }
    this.transitions.set(day, hi * 1000);
    return hi * 1000;
  }
}

/**
 * The offsets a day before and a day after are the only candidates (the approach of the Temporal
 * polyfill). A candidate is right if the zone really has that offset at the instant it gives; with
 * two right ones (overlap) the earlier instant wins, with none (gap) the offset from before the
 * gap applies.
 */
function localToInstant(offsets: ZoneOffsets, localMs: number): number {
  const before = offsets.at(localMs - MS_PER_DAY);
  const after = offsets.at(localMs + MS_PER_DAY);
  let earliest: number | null = null;
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = localMs - offset;
    if (offsets.at(instant) === offset && (earliest === null || instant < earliest)) earliest = instant;
  }
  return earliest ?? localMs - before;
}

/** The zone named by an IANA identifier ("Europe/Berlin", "UTC"), or null if there is none. */
export function loadTimeZone(name: string): TimeZone | null {
  // Intl also takes offsets such as "+01:00"; the contract asks for IANA names only.
  if (!/^[A-Za-z]/.test(name)) return null;
  const dtf = formatterFor(name);
  if (!dtf) return null;
  // Offsets are learnt per loaded zone, i.e. per expansion call: no state outlives a request.
  const offsets = new ZoneOffsets(dtf);
  return { name: dtf.resolvedOptions().timeZone, toInstant: (localMs) => localToInstant(offsets, localMs) };
}
