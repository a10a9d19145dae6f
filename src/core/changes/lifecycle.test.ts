import { describe, expect, it } from 'vitest';
import {
  acceptsDecisions,
  allowedChangeTransitions,
  CHANGE_STATES,
  CHANGE_TYPES,
  type ChangeState,
  type ChangeType,
  canTransitionChange,
  isOpenChange,
} from './lifecycle.js';

// Every type × state × target: Y = allowed, . = refused. Rows: from; columns in CHANGE_STATES order:
// draft submitted assessment approved rejected scheduled in_progress implemented failed
// rolled_back reviewed closed cancelled
const COMMON_ROWS = {
  draft: '      .  Y  .  .  .  .  .  .  .  .  .  .  Y',
  approved: '   .  .  .  .  .  Y  .  .  .  .  .  .  Y',
  rejected: '   .  .  .  .  .  .  .  .  .  .  .  Y  .',
  scheduled: '  .  .  .  .  .  .  Y  .  .  .  .  .  Y',
  in_progress: '.  .  .  .  .  .  .  Y  Y  Y  .  .  .',
  implemented: '.  .  .  .  .  .  .  .  .  .  Y  .  .',
  failed: '     .  .  .  .  .  .  .  .  .  .  Y  .  .',
  rolled_back: '.  .  .  .  .  .  .  .  .  .  Y  .  .',
  reviewed: '   .  .  .  .  .  .  .  .  .  .  .  Y  .',
  closed: '     .  .  .  .  .  .  .  .  .  .  .  .  .',
  cancelled: '  .  .  .  .  .  .  .  .  .  .  .  .  .',
};

const TABLES: Record<ChangeType, Record<ChangeState, string>> = {
  standard: {
    ...COMMON_ROWS,
    submitted: '  .  .  .  Y  .  .  .  .  .  .  .  .  Y',
    assessment: ' .  .  .  .  .  .  .  .  .  .  .  .  Y',
  },
  normal: {
    ...COMMON_ROWS,
    submitted: '  .  .  Y  .  .  .  .  .  .  .  .  .  Y',
    assessment: ' .  .  .  Y  Y  .  .  .  .  .  .  .  Y',
  },
  emergency: {
    ...COMMON_ROWS,
    submitted: '  .  .  Y  Y  Y  .  .  .  .  .  .  .  Y',
    assessment: ' .  .  .  Y  Y  .  .  .  .  .  .  .  Y',
  },
};

const marks = (row: string) => row.trim().split(/\s+/);

const cases = CHANGE_TYPES.flatMap((type) =>
  CHANGE_STATES.flatMap((from) =>
    CHANGE_STATES.map((to, index) => ({ type, from, to, allowed: marks(TABLES[type][from])[index] === 'Y' })),
  ),
);

describe('change lifecycle', () => {
  it('has a mark for every type × state pair', () => {
    for (const type of CHANGE_TYPES)
      for (const from of CHANGE_STATES) expect(marks(TABLES[type][from])).toHaveLength(CHANGE_STATES.length);
  });

  it.each(cases)('$type: $from → $to allowed: $allowed', ({ type, from, to, allowed }) => {
    expect(canTransitionChange(type, from, to)).toBe(allowed);
    expect(allowedChangeTransitions(type, from).includes(to)).toBe(allowed);
  });

  it('never stays in place; closed and cancelled are final', () => {
    for (const type of CHANGE_TYPES) {
      for (const state of CHANGE_STATES) expect(canTransitionChange(type, state, state)).toBe(false);
      expect(allowedChangeTransitions(type, 'closed')).toEqual([]);
      expect(allowedChangeTransitions(type, 'cancelled')).toEqual([]);
    }
  });

  it.each([
    ['standard', 'submitted', false],
    ['standard', 'assessment', false],
    ['normal', 'submitted', false],
    ['normal', 'assessment', true],
    ['emergency', 'submitted', true],
    ['emergency', 'assessment', true],
    ['normal', 'approved', false],
    ['emergency', 'draft', false],
  ] as const)('%s in %s accepts approval decisions: %s', (type, state, expected) => {
    expect(acceptsDecisions(type, state)).toBe(expected);
  });

  it('counts changes up to the outcome as open (backlog)', () => {
    const open = CHANGE_STATES.filter(isOpenChange);
    expect(open).toEqual(['draft', 'submitted', 'assessment', 'approved', 'scheduled', 'in_progress']);
  });
});
