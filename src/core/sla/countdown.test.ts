import { describe, expect, it } from 'vitest';
import { formatSlaDuration, type SlaCountdownState, slaCountdown } from './countdown.js';

const NOW = new Date('2026-03-30T10:00:00.000Z');
const inMs = (ms: number) => new Date(NOW.getTime() + ms);
const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('formatSlaDuration', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [59, '59s'],
    [60, '1m 00s'],
    [12 * 60 + 30, '12m 30s'],
    [3599, '59m 59s'],
    [3600, '1h 00m'],
    [3 * 3600 + 5 * 60 + 59, '3h 05m'],
    [86_399, '23h 59m'],
    [86_400, '1d'],
    [2 * 86_400 + 4 * 3600 + 59 * 60, '2d 4h'],
    [-754, '12m 34s'],
  ])('%i seconds → %s', (seconds, text) => {
    expect(formatSlaDuration(seconds)).toBe(text);
  });
});

describe('slaCountdown', () => {
  it('has nothing to show without a due time (no target, or the clock is paused)', () => {
    expect(slaCountdown({ dueAt: null, now: NOW })).toEqual({
      state: 'none',
      remainingSeconds: null,
      text: '',
      nextChangeMs: null,
    });
  });

  type Row = [string, number, number | null, SlaCountdownState, number, string];
  it.each<Row>([
    // label, due in ms, warn in ms (null: the default 60-minute window), state, seconds, text
    ['days ahead', 2 * d + 4 * h, null, 'ok', 2 * 86_400 + 4 * 3600, '2d 4h'],
    ['just outside the window', h + 1, null, 'ok', 3601, '1h 00m'],
    ['exactly at the window', h, null, 'warning', 3600, '1h 00m'],
    ['inside the window', 12 * m + 30 * s, null, 'warning', 750, '12m 30s'],
    ['half a second left rounds up', 500, null, 'warning', 1, '1s'],
    ['due this instant', 0, null, 'breached', 0, '0s'],
    ['just overdue', -400, null, 'breached', 0, '0s'],
    ['overdue', -(12 * m + 34 * s + 900), null, 'breached', -754, '12m 34s'],
    ['long overdue', -(3 * d + 2 * h), null, 'breached', -(3 * 86_400 + 2 * 3600), '3d 2h'],
    ['before the policy warning', 5 * h, 2 * h, 'ok', 5 * 3600, '5h 00m'],
    ['at the policy warning', 5 * h, 0, 'warning', 5 * 3600, '5h 00m'],
    ['after the policy warning', 10 * m, -h, 'warning', 600, '10m 00s'],
    ['a late policy warning is not pulled forward by the window', 30 * m, 10 * m, 'ok', 1800, '30m 00s'],
    ['overdue beats any warning', -m, 2 * h, 'breached', -60, '1m 00s'],
  ])('%s', (_label, dueIn, warnIn, state, remainingSeconds, text) => {
    const countdown = slaCountdown({
      dueAt: inMs(dueIn),
      warnAt: warnIn === null ? null : inMs(warnIn),
      now: NOW,
    });
    expect(countdown).toMatchObject({ state, remainingSeconds, text });
  });

  it('honours a custom warning window', () => {
    expect(slaCountdown({ dueAt: inMs(90 * m), now: NOW, warningWindowMinutes: 120 }).state).toBe('warning');
    expect(slaCountdown({ dueAt: inMs(90 * m), now: NOW, warningWindowMinutes: 30 }).state).toBe('ok');
  });

  type Tick = [string, number, number | null, number];
  it.each<Tick>([
    // label, due in ms, warn in ms, ms until the text or state changes
    ['seconds shown: next whole second', 12 * m + 30 * s + 250, 0, 250],
    ['seconds shown, on a boundary', 12 * m + 30 * s, 0, s],
    ['minutes shown: when the minute turns', 3 * h + 5 * m + 500, -h, 1500],
    ['minutes shown: on the minute, a second before it turns', 3 * h + 5 * m, -h, s],
    ['an hour left: next it shows seconds', h + 500, -h, 1500],
    ['the warning window opens first', h + 20 * s, null, 20 * s],
    ['the policy warning comes first', 5 * h + 10 * s, 3 * s, 3 * s],
    ['the last second ends at the due instant', 700, 0, 700],
    ['overdue seconds count up', -(10 * s + 300), 0, 700],
    ['overdue minutes count up', -(2 * h + 30 * s), 0, 30 * s],
  ])('%s', (_label, dueIn, warnIn, next) => {
    const countdown = slaCountdown({
      dueAt: inMs(dueIn),
      warnAt: warnIn === null ? null : inMs(warnIn),
      now: NOW,
    });
    expect(countdown.nextChangeMs).toBe(next);
  });

  it('ticking at nextChangeMs changes the text or the state every time', () => {
    const dueAt = inMs(h + 2 * s);
    let now = NOW;
    let previous = slaCountdown({ dueAt, now });
    for (let step = 0; step < 200; step++) {
      now = new Date(now.getTime() + (previous.nextChangeMs ?? 0));
      const next = slaCountdown({ dueAt, now });
      expect(next.text !== previous.text || next.state !== previous.state, `at ${now.toISOString()}`).toBe(
        true,
      );
      previous = next;
    }
  });
});
