import { addBusinessTime, type BusinessCalendar, elapsedBusinessMs, type Pause } from '../calendar/index.js';

/**
 * SLA timers of one ticket (DOMAIN.md, "SLA"): first response and resolution run from creation;
 * next response from the first unanswered requester message. Each is due at start + target
 * business minutes, minus the ticket's pauses. Pure: the facts and "now" come in, timers go out.
 */
export const SLA_TARGETS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

export interface PolicyTargets {
  firstResponse?: number;
  nextResponse?: number;
  resolution?: number;
}

export interface TicketClockFacts {
  createdAt: Date;
  firstResponseAt: Date | null;
  /** When the ticket was (last) resolved, if it is resolved or closed now. */
  resolvedAt: Date | null;
  /** When the ticket was closed without resolution (withdrawn, duplicate): clocks stop, nothing is met. */
  stoppedAt: Date | null;
  nextResponse: { startedAt: Date; metAt: Date | null } | null;
}

export interface ComputedTimer {
  target: SlaTarget;
  targetMinutes: number;
  startedAt: Date;
  /** null while the clock is paused before reaching the target. */
  dueAt: Date | null;
  warnAt: Date | null;
  metAt: Date | null;
  stoppedAt: Date | null;
}

const MINUTES_KEY: Record<SlaTarget, keyof PolicyTargets> = {
  first_response: 'firstResponse',
  next_response: 'nextResponse',
  resolution: 'resolution',
};

function clockOf(target: SlaTarget, facts: TicketClockFacts): { startedAt: Date; metAt: Date | null } | null {
  if (target === 'first_response') return { startedAt: facts.createdAt, metAt: facts.firstResponseAt };
  if (target === 'resolution') return { startedAt: facts.createdAt, metAt: facts.resolvedAt };
  return facts.nextResponse;
}

/** Warn at the policy's share of the target (default 75%), in whole business minutes. */
export function warningMinutes(targetMinutes: number, warningPercent: number): number {
  return Math.floor((targetMinutes * warningPercent) / 100);
}

export function computeTimers(
  calendar: BusinessCalendar,
  facts: TicketClockFacts,
  targets: PolicyTargets,
  pauses: readonly Pause[],
  warningPercent: number,
): ComputedTimer[] {
  const timers: ComputedTimer[] = [];
  for (const target of SLA_TARGETS) {
    const minutes = targets[MINUTES_KEY[target]];
    const clock = clockOf(target, facts);
    if (minutes === undefined || clock === null) continue;
    timers.push({
      target,
      targetMinutes: minutes,
      startedAt: clock.startedAt,
      dueAt: addBusinessTime(calendar, clock.startedAt, minutes, pauses),
      warnAt: addBusinessTime(calendar, clock.startedAt, warningMinutes(minutes, warningPercent), pauses),
      metAt: clock.metAt,
      stoppedAt: clock.metAt ? null : facts.stoppedAt,
    });
  }
  return timers;
}

export type TimerState = 'running' | 'paused' | 'met' | 'breached' | 'stopped';

/** A met target counts as met only if it was met by its due time. */
export function timerState(timer: ComputedTimer, now: Date): TimerState {
  if (timer.metAt)
    return timer.dueAt !== null && timer.metAt.getTime() > timer.dueAt.getTime() ? 'breached' : 'met';
  if (timer.stoppedAt) return 'stopped';
  if (timer.dueAt === null) return 'paused';
  return timer.dueAt.getTime() <= now.getTime() ? 'breached' : 'running';
}

/** Business seconds left until due (negative when overdue); null once met or stopped. */
export function remainingSeconds(
  calendar: BusinessCalendar,
  timer: ComputedTimer,
  pauses: readonly Pause[],
  now: Date,
): number | null {
  if (timer.metAt || timer.stoppedAt) return null;
  const elapsed = elapsedBusinessMs(calendar, timer.startedAt, now, pauses);
  return Math.trunc((timer.targetMinutes * 60_000 - elapsed) / 1000);
}

/** The earliest moment a job must look at a timer: its warning, then its breach. */
export function nextCheck(timer: ComputedTimer, warned: boolean, breached: boolean): Date | null {
  if (timer.metAt || timer.stoppedAt) return null;
  if (!warned && timer.warnAt) return timer.warnAt;
  if (!breached && timer.dueAt) return timer.dueAt;
  return null;
}

/** Record a status change in the pause intervals: open one on entering a pausing status, close it on leaving. */
export function updatePauses(
  pauses: readonly Pause[],
  pausedBefore: boolean,
  pausedAfter: boolean,
  at: Date,
): Pause[] {
  const next = pauses.map((pause) => ({ ...pause }));
  const open = next.find((pause) => pause.to === null);
  if (pausedAfter && !pausedBefore && !open) next.push({ from: at, to: null });
  if (!pausedAfter && pausedBefore && open) open.to = at;
  return next;
}
