import type { TicketStatus } from '../../core/tickets/index.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { isStaff } from './tickets.scope.js';

/**
 * What a role may do with a ticket it can see. Staff (agents, service managers, admins) work
 * tickets; customers open, reply, close (withdraw), reopen within the grace period, and rate.
 */
export type TicketAction =
  | 'ticket.update'
  | 'ticket.escalate'
  | 'ticket.assign'
  | 'ticket.note'
  | 'ticket.read_internal'
  | 'ticket.link'
  | 'ticket.time'
  | 'ticket.bulk'
  | 'ticket.views'
  | 'ticket.matrix'
  | 'ticket.matrix_read';

const RULES: Record<TicketAction, (actor: Actor) => boolean> = {
  'ticket.update': isStaff,
  'ticket.escalate': isStaff,
  'ticket.assign': isStaff,
  'ticket.note': isStaff,
  'ticket.read_internal': isStaff,
  'ticket.link': isStaff,
  'ticket.time': isStaff,
  'ticket.bulk': isStaff,
  'ticket.views': isStaff,
  'ticket.matrix': (actor) => actor.role === 'admin' || actor.kind === 'system',
  'ticket.matrix_read': isStaff,
};

export function canDo(actor: Actor, action: TicketAction): boolean {
  return RULES[action](actor);
}

export function authorizeTicket(actor: Actor, action: TicketAction): void {
  if (!canDo(actor, action))
    throw forbidden(
      'tickets.forbidden',
      `your role may not ${action.replace('ticket.', '').replace('_', ' ')} tickets`,
    );
}

/** Customers may only withdraw (close) an active ticket or reopen a resolved one. */
export function customerMayMove(from: TicketStatus, to: TicketStatus): boolean {
  if (to === 'closed') return from !== 'closed';
  return from === 'resolved' && to === 'open';
}
