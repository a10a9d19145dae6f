/**
 * Maintenance windows from a recurrence: which windows start in a range, and which window (if
 * any) contains an instant. Pure: the caller passes every instant in.
 */
import { type CompiledWindow, compileWindow, type WindowDefinition } from './definition.js';
import { RecurrenceError } from './errors.js';
import { Budget, expandLocal, type LocalRange } from './expand.js';

export interface ExpandWindowsInput extends WindowDefinition {
  /** Range of window STARTS to return: [from, until). */
  readonly from: Date;
  readonly until: Date;
  /** At most this many windows, the earliest ones; default 100, at most 1000. */
  readonly limit?: number;
}

/** One window: [start, end), end = start + durationMinutes of elapsed time. */
export interface Occurrence {
  readonly start: Date;
  readonly end: Date;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/**
 * Work cap per call, in units of one candidate day, slot or occurrence examined. Ranges far from
 * DTSTART are skipped arithmetically, so this only binds when a rule with COUNT (which must be
 * counted from DTSTART) is queried far beyond its start, or a range is enormous for its frequency.
 * Two million units take well under a second.
 */
export const MAX_EXPANSION_STEPS = 2_000_000;

/**
 * Bound on |instant − local wall time| in any zone (UTC offsets stay within ±16 h, even old
 * local-mean-time ones). Lets local times be compared with instants without converting them.
 */
const SLACK_MS = 86_400_000;

type UntilVerdict = 'in' | 'out' | 'stop';

/** RFC 5545 UNTIL is inclusive. Local UNTIL compares wall times; UTC UNTIL compares instants. */
function untilVerdict(w: CompiledWindow, localMs: number): UntilVerdict {
  const until = w.rule.until;
  if (until === null) return 'in';
  if (until.kind === 'local') return localMs <= until.localMs ? 'in' : 'stop';
  if (localMs - SLACK_MS > until.instantMs) return 'stop';
  if (localMs + SLACK_MS <= until.instantMs) return 'in';
  // Near the end: compare the real instant. Only 'out', not 'stop': inside a DST gap instants can
  // run slightly backwards, so a later local time may still be in.
  return w.zone.toInstant(localMs) <= until.instantMs ? 'in' : 'out';
}

/** The rule's occurrences in local time with UNTIL and COUNT applied; COUNT counts from DTSTART. */
function* ruleOccurrences(w: CompiledWindow, range: LocalRange, budget: Budget): Generator<number> {
  let remaining = w.rule.count ?? Number.POSITIVE_INFINITY;
  const notBefore = w.rule.count === null ? range.notBefore : null;
  for (const localMs of expandLocal(w.rule, { notBefore, notAfter: range.notAfter }, budget)) {
    const verdict = untilVerdict(w, localMs);
    if (verdict === 'stop') return;
    if (verdict === 'out') continue;
    yield localMs;
    remaining -= 1;
    if (remaining <= 0) return;
  }
}

interface Hit {
  readonly localMs: number;
  readonly instantMs: number;
}

/** Occurrences, minus exceptions, whose instant lies in [fromMs, untilMs); roughly ascending. */
function* startsInRange(w: CompiledWindow, fromMs: number, untilMs: number, budget: Budget): Generator<Hit> {
  const range = { notBefore: fromMs - SLACK_MS, notAfter: untilMs + SLACK_MS };
  for (const localMs of ruleOccurrences(w, range, budget)) {
    if (localMs - SLACK_MS >= untilMs) return;
    if (localMs + SLACK_MS < fromMs || w.excludesLocal(localMs)) continue;
    const instantMs = w.zone.toInstant(localMs);
    if (instantMs >= fromMs && instantMs < untilMs && !w.excludesInstant(instantMs))
      yield { localMs, instantMs };
  }
}

/**
 * The `limit` earliest instants. Hits arrive in local order, which is instant order except inside
 * a DST gap, so once a hit's local time is a full SLACK past the current limit-th instant, no
 * later hit can make the cut.
 */
function earliest(hits: Iterable<Hit>, limit: number): Hit[] {
  let kept: Hit[] = [];
  let threshold = Number.POSITIVE_INFINITY;
  for (const hit of hits) {
    if (hit.localMs - SLACK_MS >= threshold) break;
    if (hit.instantMs >= threshold) continue;
    kept.push(hit);
    if (kept.length >= limit) {
      kept.sort(byInstant);
      kept = kept.slice(0, limit);
      threshold = kept[limit - 1]?.instantMs ?? threshold;
    }
  }
  return kept.sort(byInstant);
}

const byInstant = (a: Hit, b: Hit) => a.instantMs - b.instantMs || a.localMs - b.localMs;

function readInstant(field: 'from' | 'until' | 'instant', value: unknown): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RecurrenceError(field, `${field} must be a valid date-time`);
  }
  return value.getTime();
}

function readLimit(value: unknown): number {
  if (value === undefined) return DEFAULT_LIMIT;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
    throw new RecurrenceError('limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  return value;
}

function toOccurrence(startMs: number, durationMs: number): Occurrence {
  return { start: new Date(startMs), end: new Date(startMs + durationMs) };
}

/**
 * The windows whose start lies in [from, until), ascending by start, at most `limit`.
 * Throws RecurrenceError naming the offending field for invalid input.
 */
export function expandWindows(input: ExpandWindowsInput): Occurrence[] {
  return expandWindowsLocal(input).map(({ start, end }) => ({ start, end }));
}

/** An occurrence with the local wall time the rule produced it at (`YYYYMMDDTHHMMSS`). */
export interface LocalOccurrence extends Occurrence {
  /**
   * The nominal local start. It differs from the start's wall-clock reading when it falls in a
   * DST gap (02:30 on a spring-forward day starts at 03:30), which calendar clients need to know
   * to match an EXDATE or RECURRENCE-ID with their own expansion.
   */
  readonly local: string;
}

/** As expandWindows, with each occurrence's nominal local start. */
export function expandWindowsLocal(input: ExpandWindowsInput): LocalOccurrence[] {
  const w = compileWindow(input);
  const fromMs = readInstant('from', input.from);
  const untilMs = readInstant('until', input.until);
  const limit = readLimit(input.limit);
  if (untilMs < fromMs) throw new RecurrenceError('until', 'until must not be before from');
  const budget = new Budget(MAX_EXPANSION_STEPS);
  return earliest(startsInRange(w, fromMs, untilMs, budget), limit).map((hit) => ({
    ...toOccurrence(hit.instantMs, w.durationMs),
    local: basicLocal(hit.localMs),
  }));
}

/** Floating local milliseconds as RFC 5545 basic local date-time (20260329T023000). */
function basicLocal(localMs: number): string {
  return new Date(localMs).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

/**
 * The window containing `instant` (start ≤ instant < end), or null. Windows that started up to
 * durationMinutes before the instant are considered. If several overlap there (windows longer
 * than the rule's spacing), the one that started last, and so ends last, is returned.
 */
export function isInstantInWindow(def: WindowDefinition, instant: Date): Occurrence | null {
  const w = compileWindow(def);
  const atMs = readInstant('instant', instant);
  let latest: number | null = null;
  const hits = startsInRange(w, atMs - w.durationMs + 1, atMs + 1, new Budget(MAX_EXPANSION_STEPS));
  for (const hit of hits) if (latest === null || hit.instantMs > latest) latest = hit.instantMs;
  return latest === null ? null : toOccurrence(latest, w.durationMs);
}
