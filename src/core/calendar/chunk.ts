import type { ZoneOffsets } from './zone-offsets.js';

/**
 * A chunk is the business time inside one fixed stretch of real time, as sorted epoch-ms
 * intervals with running totals, so that "how much business time lies before t" and "where does
 * the running total reach x" are binary searches on numbers. Chunks cover real time (not local
 * days) because local days can interleave in real time around a fall-back, while chunks of real
 * time are disjoint and ordered by construction.
 */
export interface Chunk {
  /** Disjoint, non-touching business intervals [starts[i], ends[i]), ascending. */
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** Business ms from the chunk's start up to ends[i]. */
  readonly cumEnd: Float64Array;
  /** Business ms in the whole chunk. */
  readonly total: number;
}

export const DAY_MS = 86_400_000;

/**
 * Per weekday (0 = Monday), local opening intervals as flat [open, close, open, close, …] in ms
 * after local midnight, ascending.
 */
export type WeekHours = readonly (readonly number[])[];

export interface ChunkSource {
  offsets: ZoneOffsets;
  week: WeekHours;
  /** Holidays as local day numbers (days since 1970-01-01). */
  holidays: ReadonlySet<number>;
}

/** Monday = 0 for a day number (1970-01-01, day 0, was a Thursday). */
function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * Business time in real time [from, to), straight from the definition: in a stretch where the
 * offset is constant, wall clock = instant + offset, so a local interval [a, b) on day D is the
 * real interval [D + a - offset, D + b - offset) cut to the stretch. A DST gap thus removes the
 * wall-clock times that never happen and an overlap counts the repeated ones twice.
 */
export function buildChunk(source: ChunkSource, from: number, to: number): Chunk {
  const pieces: number[] = [];
  for (const { start, end, offset } of source.offsets.segments(from, to)) {
    const lastDay = Math.floor((end - 1 + offset) / DAY_MS);
    for (let day = Math.floor((start + offset) / DAY_MS); day <= lastDay; day++) {
      if (source.holidays.has(day)) continue;
      const hours = source.week[weekdayOf(day)]!;
      const midnight = day * DAY_MS - offset;
      for (let i = 0; i < hours.length; i += 2) {
        const open = Math.max(midnight + hours[i]!, start);
        const close = Math.min(midnight + hours[i + 1]!, end);
        if (open < close) pieces.push(open, close);
      }
    }
  }
  return toChunk(pieces);
}

/** Sorts and unions flat [start, end, …] pieces (touching ones join) and adds running totals. */
function toChunk(pieces: number[]): Chunk {
  const order = Array.from({ length: pieces.length / 2 }, (_, i) => i * 2);
  order.sort((a, b) => pieces[a]! - pieces[b]!);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const at of order) {
    const start = pieces[at]!;
    const end = pieces[at + 1]!;
    const last = ends.length - 1;
    if (last >= 0 && start <= ends[last]!) ends[last] = Math.max(ends[last]!, end);
    else {
      starts.push(start);
      ends.push(end);
    }
  }
  const cumEnd = new Float64Array(ends.length);
  let total = 0;
  for (let i = 0; i < ends.length; i++) {
    total += ends[i]! - starts[i]!;
    cumEnd[i] = total;
  }
  return { starts: Float64Array.from(starts), ends: Float64Array.from(ends), cumEnd, total };
}

/** Business ms in the chunk before instant t (t inside the chunk's stretch). */
export function businessBefore(chunk: Chunk, t: number): number {
  const { starts, ends, cumEnd } = chunk;
  // First interval that ends after t; everything before it lies wholly before t.
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === ends.length) return chunk.total;
  const start = starts[lo]!;
  const before = cumEnd[lo]! - (ends[lo]! - start);
  return t > start ? before + (t - start) : before;
}

/**
 * The earliest instant at which the chunk's running total reaches `target` (0 < target ≤ total).
 * It lies inside an interval or at its end, never at the next opening: work that completes
 * exactly at closing time is due at closing time.
 */
export function instantReaching(chunk: Chunk, target: number): number {
  const { ends, cumEnd } = chunk;
  let lo = 0;
  let hi = cumEnd.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumEnd[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return ends[lo]! - (cumEnd[lo]! - target);
}
