import { addBusinessTime, compileCalendar, presetCalendar } from '../src/core/calendar/index.js';

/**
 * SLA due-time throughput on the production code path: an 8/5 calendar in Europe/Berlin (with
 * both DST changes inside the range), starts uniformly random over 2026-2027 to the millisecond,
 * targets uniformly random from 30 minutes to 5 days (7,200 business minutes, i.e. three weeks of
 * 8/5), no pauses. The calendar is compiled once and warmed, as a long-running server keeps it.
 */
export interface SlaAdditionBenchResult {
  perSecond: number;
  iterations: number;
  elapsedMs: number;
}

const RANGE_START = Date.UTC(2026, 0, 1);
const RANGE_MS = Date.UTC(2028, 0, 1) - RANGE_START;

export function runSlaAdditionBench(iterations = 2_000_000): SlaAdditionBenchResult {
  const calendar = compileCalendar(presetCalendar('8/5', 'Europe/Berlin', ['2026-12-25', '2027-01-01']));
  const random = mulberry32(0x5eed);
  const starts = Array.from({ length: iterations }, () => RANGE_START + Math.floor(random() * RANGE_MS));
  const cases = starts.map((start) => ({
    start: new Date(start),
    minutes: 30 + Math.floor(random() * (7200 - 30 + 1)),
  }));
  const run = (count: number) => {
    // Summing the results keeps them alive so that no engine can skip the work.
    let checksum = 0;
    for (let i = 0; i < count; i++) {
      const { start, minutes } = cases[i]!;
      checksum += addBusinessTime(calendar, start, minutes)!.getTime() % 7;
    }
    return checksum;
  };

  run(Math.min(iterations, 200_000)); // warm up the JIT and the calendar's memoised chunks
  const began = performance.now();
  if (run(iterations) < 0) throw new Error('unreachable');
  const elapsedMs = performance.now() - began;
  return { perSecond: Math.round(iterations / (elapsedMs / 1000)), iterations, elapsedMs };
}

/** A small seeded PRNG so that every run measures the same cases. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
