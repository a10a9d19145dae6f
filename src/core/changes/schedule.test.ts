import { describe, expect, it } from 'vitest';
import type { ChangeState } from './lifecycle.js';
import {
  checkDowntimeWindows,
  downtimeRuleApplies,
  findConflicts,
  type Interval,
  overlaps,
  type PlannedChange,
} from './schedule.js';

/** Hours on 2026-03-01 (UTC) as an interval: h(2, 6) = [02:00, 06:00). */
const at = (hour: number) => new Date(Date.UTC(2026, 2, 1) + hour * 3_600_000);
const h = (start: number, end: number): Interval => ({ start: at(start), end: at(end) });

describe('overlaps (half-open)', () => {
  it.each([
    [h(1, 2), h(2, 3), false],
    [h(2, 3), h(1, 2), false],
    [h(1, 3), h(2, 4), true],
    [h(1, 4), h(2, 3), true],
    [h(1, 2), h(1, 2), true],
    [h(1, 2), h(3, 4), false],
  ])('%j and %j: %s', (a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
  });
});

describe('the downtime rule', () => {
  // Production has a window 02:00–06:00, staging 00:00–04:00: inside means within one of them.
  const windows = { prod: h(2, 6), staging: h(0, 4) };
  const within = (planned: Interval, window: Interval) =>
    window.start.getTime() <= planned.start.getTime() && planned.end.getTime() <= window.end.getTime();
  const fits = (planned: Interval) =>
    Object.entries(windows).map(([environmentId, window]) => ({
      environmentId,
      inside: within(planned, window),
    }));
  it.each([
    ['normal', true, h(2, 4), { ok: true, reason: 'inside_windows' }],
    ['standard', true, h(3, 5), { ok: false, outsideEnvironmentIds: ['staging'] }],
    ['normal', true, h(7, 8), { ok: false, outsideEnvironmentIds: ['prod', 'staging'] }],
    ['emergency', true, h(7, 8), { ok: true, reason: 'emergency' }],
    ['normal', false, h(7, 8), { ok: true, reason: 'no_downtime' }],
  ] as const)('%s, downtime %s, %j', (type, requiresDowntime, planned, verdict) => {
    expect(checkDowntimeWindows({ type, requiresDowntime, environments: fits(planned) })).toEqual(verdict);
    expect(downtimeRuleApplies(type, requiresDowntime)).toBe(requiresDowntime && type !== 'emergency');
  });

  it('fails a downtime change that names no environment', () => {
    expect(checkDowntimeWindows({ type: 'normal', requiresDowntime: true, environments: [] })).toEqual({
      ok: false,
      outsideEnvironmentIds: [],
    });
  });
});

describe('conflicts', () => {
  const change = (
    id: string,
    interval: Interval | null,
    serviceIds: string[],
    state: ChangeState = 'scheduled',
  ): PlannedChange => ({ id, state, start: interval?.start ?? null, end: interval?.end ?? null, serviceIds });

  it.each([
    [
      'overlapping on one service',
      [change('a', h(1, 3), ['s1']), change('b', h(2, 4), ['s1'])],
      [['a', 'b']],
    ],
    ['touching intervals', [change('a', h(1, 2), ['s1']), change('b', h(2, 3), ['s1'])], []],
    ['overlapping on different services', [change('a', h(1, 3), ['s1']), change('b', h(2, 4), ['s2'])], []],
    [
      'one inside the other',
      [change('b', h(1, 5), ['s1', 's2']), change('a', h(2, 3), ['s2'])],
      [['a', 'b']],
    ],
    ['a cancelled one', [change('a', h(1, 3), ['s1']), change('b', h(2, 4), ['s1'], 'cancelled')], []],
    ['a closed one', [change('a', h(1, 3), ['s1'], 'closed'), change('b', h(2, 4), ['s1'])], []],
    ['a rejected one', [change('a', h(1, 3), ['s1'], 'rejected'), change('b', h(2, 4), ['s1'])], []],
    ['an unplanned one', [change('a', null, ['s1']), change('b', h(2, 4), ['s1'])], []],
    [
      'three at once',
      [change('c', h(1, 10), ['s1']), change('a', h(2, 3), ['s1']), change('b', h(2.5, 4), ['s1'])],
      [
        ['a', 'b'],
        ['a', 'c'],
        ['b', 'c'],
      ],
    ],
    [
      'a long one and a later one',
      [change('a', h(1, 10), ['s1']), change('b', h(9, 11), ['s1'])],
      [['a', 'b']],
    ],
  ] as const)('%s', (_name, changes, expected) => {
    expect(findConflicts(changes).map((conflict) => conflict.changeIds)).toEqual(expected);
  });

  it('names the shared services and where the changes overlap', () => {
    const [conflict] = findConflicts([
      change('a', h(1, 5), ['s2', 's1', 's3']),
      change('b', h(3, 8), ['s1', 's2']),
    ]);
    expect(conflict).toEqual({ changeIds: ['a', 'b'], serviceIds: ['s1', 's2'], overlap: h(3, 5) });
  });
});
