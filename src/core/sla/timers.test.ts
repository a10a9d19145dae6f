import { describe, expect, it } from 'vitest';
import { compileCalendar, presetCalendar } from '../calendar/index.js';
import {
  computeTimers,
  nextCheck,
  remainingSeconds,
  type TicketClockFacts,
  timerState,
  updatePauses,
} from './timers.js';

const berlin85 = compileCalendar({ ...presetCalendar('8/5', 'Europe/Berlin'), holidays: ['2026-12-25'] });
const at = (text: string) => new Date(text);
const facts = (over: Partial<TicketClockFacts> = {}): TicketClockFacts => ({
  createdAt: at('2026-03-27T15:00:00Z'), // Friday 16:00 Berlin (CET)
  firstResponseAt: null,
  resolvedAt: null,
  stoppedAt: null,
  nextResponse: null,
  ...over,
});

describe('SLA timers', () => {
  it('runs first response and resolution from creation in business time, across a weekend and DST', () => {
    const timers = computeTimers(berlin85, facts(), { firstResponse: 120, resolution: 8 * 60 }, [], 75);
    const byTarget = Object.fromEntries(timers.map((timer) => [timer.target, timer]));
    // Fri 16:00-17:00 is one hour; Mon 30 March (CEST) 09:00 + 1h = 10:00 local = 08:00Z.
    expect(byTarget.first_response?.dueAt?.toISOString()).toBe('2026-03-30T08:00:00.000Z');
    // 8 business hours: 1h Friday + 7h Monday → Mon 16:00 CEST = 14:00Z.
    expect(byTarget.resolution?.dueAt?.toISOString()).toBe('2026-03-30T14:00:00.000Z');
    // Warning at 75% of 120 = 90 minutes: Fri 1h + Mon 30min → 09:30 CEST.
    expect(byTarget.first_response?.warnAt?.toISOString()).toBe('2026-03-30T07:30:00.000Z');
  });

  it('has no next-response timer until a requester writes, and none for a target the policy lacks', () => {
    const timers = computeTimers(berlin85, facts(), { firstResponse: 60 }, [], 75);
    expect(timers.map((timer) => timer.target)).toEqual(['first_response']);
  });

  it('stops the clock during a pause and has no due time while a pause is open', () => {
    const pauses = [{ from: at('2026-03-30T07:30:00Z'), to: at('2026-03-30T09:30:00Z') }];
    const [resolution] = computeTimers(berlin85, facts(), { resolution: 8 * 60 }, pauses, 75);
    // Due Mon 16:00 CEST without the pause; 2 paused hours push it past Monday's 17:00 close by 1h → Tue 10:00 CEST.
    expect(resolution?.dueAt?.toISOString()).toBe('2026-03-31T08:00:00.000Z');
    const open = [{ from: at('2026-03-30T07:30:00Z'), to: null }];
    const [paused] = computeTimers(berlin85, facts(), { resolution: 8 * 60 }, open, 75);
    expect(paused?.dueAt).toBeNull();
    expect(timerState(paused!, at('2026-04-30T00:00:00Z'))).toBe('paused');
  });

  it.each([
    ['met before due', '2026-03-30T07:59:59Z', 'met'],
    ['met exactly at due', '2026-03-30T08:00:00Z', 'met'],
    ['met after due', '2026-03-30T08:00:01Z', 'breached'],
  ])('a target %s is %s', (_label, metAt, state) => {
    const [timer] = computeTimers(
      berlin85,
      facts({ firstResponseAt: at(metAt) }),
      { firstResponse: 120 },
      [],
      75,
    );
    expect(timerState(timer!, at('2026-05-01T00:00:00Z'))).toBe(state);
  });

  it('is running before due, breached from due on, and stopped when the ticket closed unresolved', () => {
    const [timer] = computeTimers(berlin85, facts(), { firstResponse: 120 }, [], 75);
    expect(timerState(timer!, at('2026-03-30T07:59:59Z'))).toBe('running');
    expect(timerState(timer!, at('2026-03-30T08:00:00Z'))).toBe('breached');
    const [stopped] = computeTimers(
      berlin85,
      facts({ stoppedAt: at('2026-03-27T15:30:00Z') }),
      { firstResponse: 120 },
      [],
      75,
    );
    expect(timerState(stopped!, at('2026-04-30T00:00:00Z'))).toBe('stopped');
    expect(nextCheck(stopped!, false, false)).toBeNull();
  });

  it('reports remaining business seconds, negative when overdue', () => {
    const [timer] = computeTimers(berlin85, facts(), { firstResponse: 120 }, [], 75);
    expect(remainingSeconds(berlin85, timer!, [], at('2026-03-27T15:30:00Z'))).toBe(90 * 60);
    expect(remainingSeconds(berlin85, timer!, [], at('2026-03-28T12:00:00Z'))).toBe(60 * 60); // weekend: no time passes
    expect(remainingSeconds(berlin85, timer!, [], at('2026-03-30T08:30:00Z'))).toBe(-30 * 60);
  });

  it('checks the warning first, then the breach, then nothing', () => {
    const [timer] = computeTimers(berlin85, facts(), { firstResponse: 120 }, [], 75);
    expect(nextCheck(timer!, false, false)).toEqual(timer!.warnAt);
    expect(nextCheck(timer!, true, false)).toEqual(timer!.dueAt);
    expect(nextCheck(timer!, true, true)).toBeNull();
  });

  it('opens a pause on entering a pausing status and closes it on leaving, never losing earlier ones', () => {
    const first = updatePauses([], false, true, at('2026-03-30T08:00:00Z'));
    expect(first).toEqual([{ from: at('2026-03-30T08:00:00Z'), to: null }]);
    const closed = updatePauses(first, true, false, at('2026-03-30T09:00:00Z'));
    const again = updatePauses(closed, false, true, at('2026-03-30T10:00:00Z'));
    expect(again).toEqual([
      { from: at('2026-03-30T08:00:00Z'), to: at('2026-03-30T09:00:00Z') },
      { from: at('2026-03-30T10:00:00Z'), to: null },
    ]);
    expect(updatePauses(again, true, true, at('2026-03-30T11:00:00Z'))).toEqual(again);
  });
});
