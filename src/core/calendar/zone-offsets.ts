import { IANAZone } from 'luxon';

/**
 * UTC offsets of one IANA zone as a list of constant-offset stretches of real time, so the
 * business-time arithmetic can run on plain epoch numbers. Asking the platform (Intl, through Luxon)
 * costs microseconds per instant; here it is asked ~1,500 times per zone and UTC year, once, and
 * the changes are kept for every calendar in that zone.
 */

/** Real time [start, end) (epoch ms) during which local wall clock = instant + offset (ms). */
export interface OffsetSegment {
  start: number;
  end: number;
  offset: number;
}

interface YearOffsets {
  /** Instants (epoch ms) at which the offset changes within the year, ascending. */
  changes: number[];
  /** offsets[0] holds at the year's start; offsets[i + 1] from changes[i] on. */
  offsets: number[];
}

// Samples 6 h apart, then a binary search to the second at each change. A zone that changes its
// offset and changes it back within 6 h would be missed; tzdata has no such pair in modern times,
// and the property test checks against the platform's wall clock minute by minute.
const SAMPLE_STEP_MS = 6 * 3_600_000;

export class ZoneOffsets {
  private readonly zone: IANAZone;
  private readonly years = new Map<number, YearOffsets>();

  constructor(readonly name: string) {
    this.zone = IANAZone.create(name);
    if (!this.zone.isValid) throw new RangeError(`unknown IANA time zone: ${name}`);
  }

  /** Offset in ms at an instant, straight from the platform (slow; used to find the changes). */
  private offsetAt(instant: number): number {
    return Math.round(this.zone.offset(instant) * 60_000);
  }

  /** The constant-offset stretches covering [from, to), clipped to it, in order. */
  segments(from: number, to: number): OffsetSegment[] {
    const result: OffsetSegment[] = [];
    const lastYear = new Date(to - 1).getUTCFullYear();
    for (let year = new Date(from).getUTCFullYear(); year <= lastYear; year++) {
      const { changes, offsets } = this.year(year);
      const bounds = [yearStart(year), ...changes, yearStart(year + 1)];
      for (let i = 0; i < offsets.length; i++) {
        const start = Math.max(bounds[i]!, from);
        const end = Math.min(bounds[i + 1]!, to);
        if (start < end) result.push({ start, end, offset: offsets[i]! });
      }
    }
    return result;
  }

  private year(year: number): YearOffsets {
    let found = this.years.get(year);
    if (!found) {
      found = this.scanYear(yearStart(year), yearStart(year + 1));
      this.years.set(year, found);
    }
    return found;
  }

  private scanYear(start: number, end: number): YearOffsets {
    const changes: number[] = [];
    const offsets = [this.offsetAt(start)];
    let at = start;
    let offset = offsets[0]!;
    while (at < end) {
      const next = Math.min(at + SAMPLE_STEP_MS, end);
      // The year's end belongs to the next year; only look for changes strictly inside this one.
      const probe = next === end ? end - 1000 : next;
      if (this.offsetAt(probe) !== offset) {
        at = this.firstChange(at, probe, offset);
        offset = this.offsetAt(at);
        changes.push(at);
        offsets.push(offset);
        continue; // another change may follow within the same step
      }
      at = next;
    }
    return { changes, offsets };
  }

  /** First whole second in (from, to] whose offset differs from `offset` (which holds at `from`). */
  private firstChange(from: number, to: number, offset: number): number {
    let lo = from;
    let hi = to;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (this.offsetAt(mid) === offset) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}

/** 1 January 00:00 UTC of a year; unlike Date.UTC, years 0-99 stay themselves. */
function yearStart(year: number): number {
  return new Date(0).setUTCFullYear(year, 0, 1);
}

const zones = new Map<string, ZoneOffsets>();

/** The shared offsets of a zone; found changes are reused by every calendar in that zone. */
export function zoneOffsets(name: string): ZoneOffsets {
  let zone = zones.get(name);
  if (!zone) {
    zone = new ZoneOffsets(name);
    zones.set(name, zone);
  }
  return zone;
}
