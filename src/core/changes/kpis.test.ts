import { describe, expect, it } from 'vitest';
import { type ChangeFacts, changeKpis, percentileCont } from './kpis.js';

const day = (d: number, hour = 0) => new Date(Date.UTC(2026, 3, d, hour));
const from = day(1);
const until = day(31);

const fact = (overrides: Partial<ChangeFacts>): ChangeFacts => ({
  type: 'normal',
  submittedAt: null,
  implementedAt: null,
  failedAt: null,
  rolledBackAt: null,
  ...overrides,
});

describe('percentile_cont', () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.9, 7],
    [[1, 2], 0.5, 1.5],
    [[4, 1, 3, 2], 0.5, 2.5],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9, 91],
    [[1, 2, 3, 4, 5], 0.9, 4.6],
  ])('%j at %s → %s', (values, p, expected) => {
    const value = percentileCont(values, p);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 10);
  });
});

describe('change KPIs', () => {
  const changes: ChangeFacts[] = [
    // Delivered in the period: 1 h, 2 h, 3 h, 10 h after submission.
    fact({ submittedAt: day(2), implementedAt: day(2, 1) }),
    fact({ submittedAt: day(3), implementedAt: day(3, 2), type: 'standard' }),
    fact({ submittedAt: day(4), implementedAt: day(4, 3), type: 'emergency' }),
    fact({ submittedAt: day(5), implementedAt: day(5, 10) }),
    // Submitted before the period, delivered in it: 24 h.
    fact({ submittedAt: day(0), implementedAt: day(1) }),
    // Delivered after the period (until is exclusive).
    fact({ submittedAt: day(30), implementedAt: day(31) }),
    // Failed and rolled back in the period; one emergency.
    fact({ submittedAt: day(6), failedAt: day(7), type: 'emergency' }),
    fact({ submittedAt: day(8), rolledBackAt: day(9) }),
    // Failed before the period: not counted.
    fact({ submittedAt: day(0), failedAt: day(0, 5) }),
    // Submitted, still open.
    fact({ submittedAt: day(10), type: 'emergency' }),
    // A draft.
    fact({}),
  ];
  const kpis = changeKpis(changes, from, until);

  it('counts changes delivered by implemented_at in [from, until)', () => {
    expect(kpis.changesDelivered).toBe(5);
  });

  it('counts urgent (emergency) changes among those submitted in the period', () => {
    expect(kpis.changesSubmitted).toBe(8);
    expect(kpis.urgentChanges).toBe(3);
    expect(kpis.urgentShare).toBeCloseTo(3 / 8, 12);
  });

  it('measures time to introduce (submitted → implemented, wall time) with median and p90', () => {
    // 3600, 7200, 10800, 36000, 86400 s → median 10800; p90 at rank 3.6 → 36000 + 0.6·50400 = 66240.
    expect(kpis.timeToIntroduce).toEqual({ count: 5, medianSeconds: 10800, p90Seconds: 66240 });
  });

  it('rates failures among implemented, failed and rolled-back outcomes in the period', () => {
    expect(kpis.changeFailureRate).toEqual({ outcomes: 7, failedOrRolledBack: 2, rate: 2 / 7 });
  });

  it('gives null, not 0, for empty populations', () => {
    const empty = changeKpis([fact({})], from, until);
    expect(empty.urgentShare).toBeNull();
    expect(empty.timeToIntroduce).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
    expect(empty.changeFailureRate.rate).toBeNull();
  });
});
