import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  canReopen,
  canTransition,
  TICKET_STATUSES,
  type TicketStatus,
  transitionKind,
} from './lifecycle.js';

// Every state × every target: Y = allowed, . = refused. Rows: from; columns in TICKET_STATUSES order.
const TABLE: Record<TicketStatus, string> = {
  //                  new open pc  ptp hold res closed
  new: '                .   Y    Y   Y   Y    Y   Y',
  open: '               .   .    Y   Y   Y    Y   Y',
  pending_customer: ' .   Y    .   Y   Y    Y   Y',
  pending_third_party: '. Y    Y   .   Y    Y   Y',
  on_hold: '            .   Y    Y   Y   .    Y   Y',
  resolved: '           .   Y    .   .   .    .   Y',
  closed: '             .   .    .   .   .    .   .',
};

const cases = TICKET_STATUSES.flatMap((from) => {
  const marks = TABLE[from].trim().split(/\s+/);
  return TICKET_STATUSES.map((to, index) => ({ from, to, allowed: marks[index] === 'Y' }));
});

describe('ticket lifecycle', () => {
  it('has a mark for every state pair', () => {
    for (const from of TICKET_STATUSES)
      expect(TABLE[from].trim().split(/\s+/)).toHaveLength(TICKET_STATUSES.length);
  });

  it.each(cases)('$from → $to allowed: $allowed', ({ from, to, allowed }) => {
    expect(canTransition(from, to)).toBe(allowed);
    expect(allowedTransitions(from).includes(to)).toBe(allowed);
  });

  it('never allows staying in place, and closed is final', () => {
    for (const status of TICKET_STATUSES) expect(canTransition(status, status)).toBe(false);
    expect(allowedTransitions('closed')).toEqual([]);
  });

  it.each([
    ['resolved', 'open', 'reopen'],
    ['open', 'resolved', 'resolve'],
    ['new', 'resolved', 'resolve'],
    ['resolved', 'closed', 'close'],
    ['open', 'pending_customer', 'wait'],
    ['pending_customer', 'on_hold', 'wait'],
    ['pending_customer', 'open', 'resume'],
    ['new', 'open', 'start'],
  ] as const)('%s → %s is a %s', (from, to, kind) => {
    expect(transitionKind(from, to)).toBe(kind);
  });

  it('allows a reopen only within the grace period (default 7 days)', () => {
    const resolvedAt = new Date('2026-03-01T10:00:00Z');
    expect(canReopen(resolvedAt, new Date('2026-03-08T09:59:59Z'))).toBe(true);
    expect(canReopen(resolvedAt, new Date('2026-03-08T10:00:00Z'))).toBe(false);
    expect(canReopen(resolvedAt, new Date('2026-03-02T10:00:00Z'), 1)).toBe(false);
  });
});
