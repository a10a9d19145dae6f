import { describe, expect, it } from 'vitest';
import {
  type ApprovalInput,
  type ApproverGroupInput,
  type DecisionInput,
  evaluateApprovals,
  isEligibleApprover,
} from './approvals.js';

const cab = (rule: 'quorum' | 'all', quorum: number, memberIds: string[]): ApproverGroupInput => ({
  id: `cab-${rule}-${quorum}`,
  rule,
  quorum,
  expedited: false,
  memberIds,
});
const ecab: ApproverGroupInput = {
  id: 'ecab',
  rule: 'quorum',
  quorum: 3,
  expedited: true,
  memberIds: ['e1', 'e2'],
};

const yes = (...ids: string[]): DecisionInput[] =>
  ids.map((approverId) => ({ approverId, decision: 'approve' }));
const no = (...ids: string[]): DecisionInput[] =>
  ids.map((approverId) => ({ approverId, decision: 'reject' }));

function normal(groups: ApproverGroupInput[], decisions: DecisionInput[], customer = false): ApprovalInput {
  return {
    type: 'normal',
    groups,
    customerApprovalRequired: customer,
    customerManagerIds: ['cm1', 'cm2'],
    decisions,
  };
}

describe('approvals: quorum and all', () => {
  const members = ['a', 'b', 'c', 'd'];
  it.each([
    // rule, quorum, decisions, outcome, approvals counted
    ['quorum', 2, yes(), 'pending', 0],
    ['quorum', 2, yes('a'), 'pending', 1],
    ['quorum', 2, yes('a', 'b'), 'approved', 2],
    ['quorum', 2, yes('a', 'b', 'c'), 'approved', 3],
    ['quorum', 3, yes('a', 'b'), 'pending', 2],
    ['quorum', 1, yes('d'), 'approved', 1],
    ['quorum', 2, yes('a', 'outsider'), 'pending', 1],
    ['quorum', 2, [...yes('a', 'b'), ...no('c')], 'rejected', 2],
    ['quorum', 2, no('a'), 'rejected', 0],
    ['quorum', 2, [...yes('a', 'b'), ...no('outsider')], 'approved', 2],
    ['all', 0, yes('a', 'b', 'c'), 'pending', 3],
    ['all', 0, yes('a', 'b', 'c', 'd'), 'approved', 4],
    ['all', 0, [...yes('a', 'b', 'c'), ...no('d')], 'rejected', 3],
  ] as const)('%s %i with %j → %s', (rule, quorum, decisions, outcome, approvals) => {
    const status = evaluateApprovals(normal([cab(rule, quorum, members)], [...decisions]));
    expect(status.outcome).toBe(outcome);
    expect(status.groups[0]!.approvals).toBe(approvals);
    expect(status.groups[0]!.needed).toBe(rule === 'all' ? 4 : quorum);
  });

  it('needs every applicable CAB group; one approver counts in each group they belong to', () => {
    const groups = [cab('quorum', 1, ['a', 'b']), cab('all', 0, ['b', 'c'])];
    expect(evaluateApprovals(normal(groups, yes('a'))).outcome).toBe('pending');
    expect(evaluateApprovals(normal(groups, yes('b'))).outcome).toBe('pending');
    expect(evaluateApprovals(normal(groups, yes('b', 'c'))).outcome).toBe('approved');
  });

  it('never approves without a group, nor with an empty `all` group', () => {
    expect(evaluateApprovals(normal([], yes('a'))).outcome).toBe('pending');
    expect(evaluateApprovals(normal([cab('all', 0, [])], yes('a'))).outcome).toBe('pending');
  });

  it('expedited groups do not count for normal changes', () => {
    expect(evaluateApprovals(normal([ecab], yes('e1'))).outcome).toBe('pending');
    expect(evaluateApprovals(normal([cab('quorum', 1, ['a']), ecab], no('e1'))).outcome).toBe('pending');
  });
});

describe('approvals: the customer', () => {
  const group = cab('quorum', 1, ['a']);
  it.each([
    [false, yes('a'), 'approved'],
    [true, yes('a'), 'pending'],
    [true, yes('cm2'), 'pending'],
    [true, yes('a', 'cm2'), 'approved'],
    [true, [...yes('a'), ...no('cm1')], 'rejected'],
    [false, [...yes('a'), ...no('cm1')], 'approved'],
  ] as const)('customer approval required %s, decisions %j → %s', (required, decisions, outcome) => {
    const status = evaluateApprovals(normal([group], [...decisions], required));
    expect(status.outcome).toBe(outcome);
    expect(status.customer.required).toBe(required);
  });
});

describe('approvals: emergency (expedited)', () => {
  const emergency = (decisions: DecisionInput[], customer = false): ApprovalInput => ({
    type: 'emergency',
    groups: [cab('all', 0, ['a', 'b']), ecab],
    customerApprovalRequired: customer,
    customerManagerIds: ['cm1'],
    decisions,
  });
  it.each([
    [yes('e2'), false, 'approved'],
    [yes('a', 'b'), false, 'pending'],
    [no('e1'), false, 'rejected'],
    [no('a'), false, 'pending'],
    [yes('e1'), true, 'pending'],
    [yes('e1', 'cm1'), true, 'approved'],
  ] as const)('%j (customer required %s) → %s', (decisions, customer, outcome) => {
    const status = evaluateApprovals(emergency([...decisions], customer));
    expect(status.outcome).toBe(outcome);
  });

  it('reports the expedited group with one approval needed', () => {
    const status = evaluateApprovals(emergency(yes('e1')));
    expect(status.groups).toEqual([{ groupId: 'ecab', approvals: 1, needed: 1, satisfied: true }]);
    expect(status.rejectedBy).toBeNull();
  });

  it('names who rejected', () => {
    expect(evaluateApprovals(emergency(no('e2'))).rejectedBy).toBe('e2');
  });
});

describe('who may decide', () => {
  const input = {
    type: 'normal' as const,
    groups: [cab('quorum', 1, ['a']), ecab],
    customerApprovalRequired: true,
    customerManagerIds: ['cm1'],
  };
  it.each([
    ['a', true],
    ['e1', false],
    ['cm1', true],
    ['someone', false],
  ])('%s: %s', (person, expected) => {
    expect(isEligibleApprover(input, person)).toBe(expected);
    expect(isEligibleApprover({ ...input, customerApprovalRequired: false }, person)).toBe(
      expected && person !== 'cm1',
    );
  });
});
