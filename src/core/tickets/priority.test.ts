import { describe, expect, it } from 'vitest';
import { formatTicketNumber, parseTicketNumber } from './numbers.js';
import { DEFAULT_PRIORITY_MATRIX, priorityFor } from './priority.js';
import { deEscalationTarget, escalationTarget } from './tiers.js';

describe('priority matrix (impact × urgency)', () => {
  it.each([
    ['high', 'high', 'P1'],
    ['high', 'medium', 'P2'],
    ['medium', 'high', 'P2'],
    ['high', 'low', 'P3'],
    ['medium', 'medium', 'P3'],
    ['low', 'high', 'P3'],
    ['medium', 'low', 'P4'],
    ['low', 'medium', 'P4'],
    ['low', 'low', 'P4'],
  ] as const)('impact %s × urgency %s = %s by default', (impact, urgency, priority) => {
    expect(priorityFor(DEFAULT_PRIORITY_MATRIX, impact, urgency)).toBe(priority);
  });
});

describe('tiers', () => {
  it.each([
    ['L1', undefined, 'L2'],
    ['L1', 'L3', 'L3'],
    ['L3', undefined, 'L4'],
    ['L4', undefined, 'already_top'],
    ['L2', 'L2', 'not_higher'],
    ['L3', 'L1', 'not_higher'],
  ] as const)('escalating from %s (asked %s) gives %s', (from, requested, expected) => {
    expect(escalationTarget(from, requested)).toBe(expected);
  });

  it.each([
    ['L2', undefined, 'L1'],
    ['L4', 'L1', 'L1'],
    ['L1', undefined, 'already_bottom'],
    ['L2', 'L3', 'not_lower'],
  ] as const)('de-escalating from %s (asked %s) gives %s', (from, requested, expected) => {
    expect(deEscalationTarget(from, requested)).toBe(expected);
  });
});

describe('ticket numbers', () => {
  it('formats and parses T-numbers', () => {
    expect(formatTicketNumber(10234)).toBe('T-10234');
    expect(parseTicketNumber('T-10234')).toBe(10234);
    expect(parseTicketNumber('t10234')).toBe(10234);
    expect(parseTicketNumber(' 10234 ')).toBe(10234);
    expect(parseTicketNumber('T-12a')).toBeNull();
    expect(parseTicketNumber('0192a1b0-0000-7000-8000-000000000000')).toBeNull();
  });
});
