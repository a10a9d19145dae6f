/**
 * The ticket lifecycle (DOMAIN.md): new → open → (pending_customer | pending_third_party | on_hold)
 * → open → resolved → closed; resolved → open is a reopen. Besides the main path:
 * - a new ticket may be resolved at once (first-contact resolution) or put on a waiting state;
 * - waiting states may be resolved directly (the answer came with the wait) or swapped;
 * - any state but closed may be closed by hand (withdrawn, duplicate, spam) — closed is final.
 */
export const TICKET_STATUSES = [
  'new',
  'open',
  'pending_customer',
  'pending_third_party',
  'on_hold',
  'resolved',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

const WAITING: readonly TicketStatus[] = ['pending_customer', 'pending_third_party', 'on_hold'];

const ALLOWED: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', ...WAITING, 'resolved', 'closed'],
  open: [...WAITING, 'resolved', 'closed'],
  pending_customer: ['open', 'pending_third_party', 'on_hold', 'resolved', 'closed'],
  pending_third_party: ['open', 'pending_customer', 'on_hold', 'resolved', 'closed'],
  on_hold: ['open', 'pending_customer', 'pending_third_party', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: [],
};

export function allowedTransitions(from: TicketStatus): readonly TicketStatus[] {
  return ALLOWED[from];
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function isWaiting(status: TicketStatus): boolean {
  return WAITING.includes(status);
}

/** Open work: everything not resolved or closed (backlog, queues). */
export function isActive(status: TicketStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}

/** What a transition means, for history, counters and events. */
export type TransitionKind = 'reopen' | 'resolve' | 'close' | 'wait' | 'resume' | 'start';

export function transitionKind(from: TicketStatus, to: TicketStatus): TransitionKind {
  if (from === 'resolved' && to === 'open') return 'reopen';
  if (to === 'resolved') return 'resolve';
  if (to === 'closed') return 'close';
  if (isWaiting(to)) return 'wait';
  if (isWaiting(from)) return 'resume';
  return 'start';
}

/** A resolved ticket may be reopened within the grace period; after it, it closes for good. */
export const DEFAULT_CLOSE_GRACE_DAYS = 7;

export function graceEndsAt(resolvedAt: Date, graceDays: number = DEFAULT_CLOSE_GRACE_DAYS): Date {
  return new Date(resolvedAt.getTime() + graceDays * 86_400_000);
}

export function canReopen(
  resolvedAt: Date,
  now: Date,
  graceDays: number = DEFAULT_CLOSE_GRACE_DAYS,
): boolean {
  return now.getTime() < graceEndsAt(resolvedAt, graceDays).getTime();
}
