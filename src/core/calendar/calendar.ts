import {
  buildChunk,
  businessBefore,
  type Chunk,
  type ChunkSource,
  DAY_MS,
  instantReaching,
} from './chunk.js';
import { InvalidCalendarError, NoBusinessTimeError } from './errors.js';
import { type CalendarInput, WEEKDAYS } from './types.js';
import { hasOpenHours, parseClock, parseLocalDate, validateCalendar } from './validate.js';
import { zoneOffsets } from './zone-offsets.js';

/**
 * Real time is cut into 28-day chunks: quick to build (tens of microseconds) and long enough that a
 * typical SLA target crosses one chunk edge or none.
 */
const CHUNK_MS = 28 * DAY_MS;

/**
 * Searching forward gives up after 5 years without any business time (say, holidays listed for
 * every open day), so a calendar that never opens again fails instead of looping forever.
 */
export const NO_BUSINESS_TIME_HORIZON_DAYS = 5 * 366;
const MAX_CLOSED_CHUNKS = Math.ceil((NO_BUSINESS_TIME_HORIZON_DAYS * DAY_MS) / CHUNK_MS);

/**
 * A calendar compiled for arithmetic: its business time is worked out per chunk of real time on
 * first use and memoised, so each addition afterwards is a few binary searches on epoch numbers.
 * Build it once per calendar version with `compileCalendar` and keep it.
 */
export class BusinessCalendar {
  readonly timezone: string;
  /** False when no weekday has opening hours: then no business time exists at all. */
  readonly hasOpenHours: boolean;
  private readonly source: ChunkSource;
  private readonly chunks = new Map<number, Chunk>();

  /** @internal use compileCalendar, which validates first */
  constructor(input: CalendarInput) {
    this.timezone = input.timezone;
    this.hasOpenHours = hasOpenHours(input);
    this.source = {
      offsets: zoneOffsets(input.timezone),
      week: WEEKDAYS.map((day) => compileDay(input.hours[day] ?? [])),
      holidays: new Set((input.holidays ?? []).map((date) => parseLocalDate(date)!)),
    };
  }

  /** Business ms in real time [from, to) (epoch ms), for from < to. */
  businessMs(from: number, to: number): number {
    const first = Math.floor(from / CHUNK_MS);
    const last = Math.floor(to / CHUNK_MS);
    const head = this.chunk(first);
    if (first === last) return businessBefore(head, to) - businessBefore(head, from);
    let sum = head.total - businessBefore(head, from);
    for (let index = first + 1; index < last; index++) sum += this.chunk(index).total;
    return sum + businessBefore(this.chunk(last), to);
  }

  /** The earliest instant t ≥ start with `ms` business ms in [start, t) (epoch ms in and out). */
  addMs(start: number, ms: number): number {
    // With nothing to add, the running-total search below would land on the last closing before start.
    if (ms <= 0) return start;
    if (!this.hasOpenHours) throw new NoBusinessTimeError('the calendar has no opening hours');
    let index = Math.floor(start / CHUNK_MS);
    let chunk = this.chunk(index);
    // Count from the chunk's start so that the search below is one running-total lookup.
    let remaining = ms + businessBefore(chunk, start);
    let closedRun = 0;
    while (remaining > chunk.total) {
      remaining -= chunk.total;
      closedRun = chunk.total === 0 ? closedRun + 1 : 0;
      if (closedRun > MAX_CLOSED_CHUNKS) {
        const since = new Date((index - closedRun + 1) * CHUNK_MS).toISOString();
        throw new NoBusinessTimeError(
          `no business time for ${NO_BUSINESS_TIME_HORIZON_DAYS} days from ${since}`,
        );
      }
      chunk = this.chunk(++index);
    }
    return instantReaching(chunk, remaining);
  }

  private chunk(index: number): Chunk {
    let chunk = this.chunks.get(index);
    if (!chunk) {
      chunk = buildChunk(this.source, index * CHUNK_MS, (index + 1) * CHUNK_MS);
      this.chunks.set(index, chunk);
    }
    return chunk;
  }
}

/** Validates (throwing InvalidCalendarError with every problem) and compiles a calendar input. */
export function compileCalendar(input: CalendarInput): BusinessCalendar {
  const problems = validateCalendar(input);
  if (problems.length > 0) throw new InvalidCalendarError(problems);
  return new BusinessCalendar(input);
}

function compileDay(intervals: readonly (readonly [string, string])[]): number[] {
  return intervals
    .map(([open, close]) => [parseClock(open, false)! * 60_000, parseClock(close, true)! * 60_000] as const)
    .sort((a, b) => a[0] - b[0])
    .flat();
}
