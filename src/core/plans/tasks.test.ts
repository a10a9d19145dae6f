import { describe, expect, it } from 'vitest';
import {
  allowedTaskTransitions,
  type ChecklistItem,
  canTransitionTask,
  completedAtAfter,
  formatTaskNumber,
  isOverdue,
  parseTaskNumber,
  TASK_STATES,
  type TaskState,
  transitionProblem,
} from './tasks.js';

// Every state × every target: Y = allowed, . = refused. Columns in TASK_STATES order.
const TABLE: Record<TaskState, string> = {
  //           open prog done skip cancel
  open: '       .    Y    Y    Y    Y',
  in_progress: 'Y    .    Y    Y    Y',
  done: '       .    Y    .    .    .',
  skipped: '    Y    .    .    .    .',
  cancelled: '  .    .    .    .    .',
};

const cases = TASK_STATES.flatMap((from) => {
  const marks = TABLE[from].trim().split(/\s+/);
  return TASK_STATES.map((to, index) => ({ from, to, allowed: marks[index] === 'Y' }));
});

const item = (id: number, required: boolean, done: boolean): ChecklistItem => ({
  id,
  text: `step ${id}`,
  required,
  done,
});

describe('maintenance task lifecycle', () => {
  it('has a mark for every state pair', () => {
    for (const from of TASK_STATES) expect(TABLE[from].trim().split(/\s+/)).toHaveLength(TASK_STATES.length);
  });

  it.each(cases)('$from → $to allowed: $allowed', ({ from, to, allowed }) => {
    expect(canTransitionTask(from, to)).toBe(allowed);
    expect(allowedTaskTransitions(from).includes(to)).toBe(allowed);
    const problem = transitionProblem(from, to, [], 'a reason');
    expect(problem === null).toBe(allowed);
    if (!allowed) expect(problem).toEqual({ code: 'not_allowed', allowed: allowedTaskTransitions(from) });
  });

  it.each([
    ['all required items checked', [item(1, true, true), item(2, false, false)], null],
    ['no checklist at all', [], null],
    [
      'required items unchecked',
      [item(1, true, false), item(2, false, false), item(3, true, true), item(4, true, false)],
      { code: 'checklist_incomplete', itemIds: [1, 4] },
    ],
  ] as const)('done with %s', (_label, checklist, expected) => {
    expect(transitionProblem('in_progress', 'done', checklist, null)).toEqual(expected);
  });

  it.each([
    ['skipped', null],
    ['skipped', '   '],
    ['cancelled', null],
  ] as const)('%s needs a reason (given %o)', (to, reason) => {
    expect(transitionProblem('open', to, [], reason)).toEqual({ code: 'reason_required' });
    expect(transitionProblem('open', to, [], 'not needed this month')).toBeNull();
  });

  it('skipping ignores the checklist', () => {
    expect(transitionProblem('open', 'skipped', [item(1, true, false)], 'host retired')).toBeNull();
  });

  it('sets completedAt on finishing and clears it on reopening', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(completedAtAfter('done', now)).toEqual(now);
    expect(completedAtAfter('skipped', now)).toEqual(now);
    expect(completedAtAfter('cancelled', now)).toEqual(now);
    expect(completedAtAfter('in_progress', now)).toBeNull();
    expect(completedAtAfter('open', now)).toBeNull();
  });

  it('is overdue only while open and at or past its due time', () => {
    const due = new Date('2026-03-01T10:00:00Z');
    expect(isOverdue('open', due, new Date('2026-03-01T09:59:59Z'))).toBe(false);
    expect(isOverdue('open', due, due)).toBe(true);
    expect(isOverdue('in_progress', due, new Date('2026-03-02T00:00:00Z'))).toBe(true);
    expect(isOverdue('done', due, new Date('2026-03-02T00:00:00Z'))).toBe(false);
  });

  it.each([
    ['M-10001', 10001],
    ['m10001', 10001],
    ['10001', 10001],
    [' M-42 ', 42],
    ['T-10001', null],
    ['M-', null],
    ['abc', null],
  ])('parses %s as %s', (text, number) => {
    expect(parseTaskNumber(text)).toBe(number);
  });

  it('formats numbers with the M- prefix', () => {
    expect(formatTaskNumber(10001)).toBe('M-10001');
  });
});
