/**
 * The SLA countdown a queue shows beside each ticket: how long until the earliest unmet target is due
 * (or how long it has been overdue), whether that is calm, a warning or a breach, and when the text
 * next changes so a screen can tick exactly then. Pure arithmetic on instants; the clock is passed in.
 */

export type SlaCountdownState = 'none' | 'ok' | 'warning' | 'breached';

export type SlaCountdown = {
  state: SlaCountdownState;
  /** Whole seconds until due (rounded up, so "1s" shows until the very moment), negative when overdue. */
  remainingSeconds: number | null;
  /** The absolute remaining or overdue time, compact and language-neutral: "2d 4h", "3h 05m", "12m 30s", "45s". */
  text: string;
  /** Milliseconds until `text` or `state` changes; null when nothing will (no due time). */
  nextChangeMs: number | null;
};

export type SlaCountdownInput = {
  dueAt: Date | null;
  /**
   * The policy's warning instant, when known. Lists only carry the due time: then the warning starts
   * `warningWindowMinutes` before it (the same window as the API's `sla=breaching` filter).
   */
  warnAt?: Date | null;
  now: Date;
  warningWindowMinutes?: number;
};

/** The API's default for `sla=breaching` (`slaWithinMinutes`). */
export const DEFAULT_WARNING_WINDOW_MINUTES = 60;

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const pad = (value: number): string => String(value).padStart(2, '0');

/** Seconds (absolute) as the two largest units: "2d 4h", "3h 05m", "12m 30s", "45s". */
export function formatSlaDuration(totalSeconds: number): string {
  const seconds = Math.abs(Math.trunc(totalSeconds));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(rest)}s`;
  return `${rest}s`;
}

/** Whole seconds shown for `ms` left (up) or overdue (down), so the count passes 1s → 0s at the due instant. */
function shownSeconds(ms: number): number {
  return ms > 0 ? Math.ceil(ms / SECOND) : -Math.floor(-ms / SECOND) || 0;
}

/** Below an hour the text shows seconds and changes every second; above, every minute (or slower). */
const stepOf = (seconds: number): number => (seconds < 3600 ? 1 : 60);

/** Milliseconds until the shown text changes. */
function untilTextChanges(ms: number): number {
  if (ms > 0) {
    const shown = Math.ceil(ms / SECOND);
    const step = stepOf(shown);
    // The text holds while the shown seconds stay within this step's unit; it changes one second below.
    const unitStart = Math.floor(shown / step) * step;
    return ms - (unitStart - 1) * SECOND;
  }
  const overdue = Math.floor(-ms / SECOND);
  const step = stepOf(overdue);
  return (Math.floor(overdue / step) + 1) * step * SECOND + ms;
}

function stateAt(ms: number, now: number, warnAt: number | null, windowMs: number): SlaCountdownState {
  if (ms <= 0) return 'breached';
  const warning = warnAt !== null ? now >= warnAt : ms <= windowMs;
  return warning ? 'warning' : 'ok';
}

/** How far the next state change is (warning starts, due passes), if sooner than `limit`. */
function untilStateChanges(ms: number, now: number, warnAt: number | null, windowMs: number): number {
  const candidates = [ms, warnAt !== null ? warnAt - now : ms - windowMs].filter((delay) => delay > 0);
  return candidates.length > 0 ? Math.min(...candidates) : Number.POSITIVE_INFINITY;
}

export function slaCountdown(input: SlaCountdownInput): SlaCountdown {
  if (!input.dueAt) return { state: 'none', remainingSeconds: null, text: '', nextChangeMs: null };
  const now = input.now.getTime();
  const ms = input.dueAt.getTime() - now;
  const warnAt = input.warnAt ? input.warnAt.getTime() : null;
  const windowMs = (input.warningWindowMinutes ?? DEFAULT_WARNING_WINDOW_MINUTES) * MINUTE;
  const remainingSeconds = shownSeconds(ms);
  return {
    state: stateAt(ms, now, warnAt, windowMs),
    remainingSeconds,
    text: formatSlaDuration(remainingSeconds),
    nextChangeMs: Math.min(untilTextChanges(ms), untilStateChanges(ms, now, warnAt, windowMs)),
  };
}
