import { and, eq, type SQL, sql } from 'drizzle-orm';
import { tickets, ticketWatchers } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { organisationScopeCondition } from '../directory/index.js';

/**
 * Which tickets an actor reaches: staff and customer managers by organisation scope; a requester
 * the tickets they opened or watch. Every ticket query carries this condition.
 */
export function ticketVisibility(actor: Actor): SQL | undefined {
  if (actor.role === 'requester' && actor.userId) {
    return sql`(${tickets.requesterId} = ${actor.userId} or exists (select 1 from ${ticketWatchers} w where w.ticket_id = ${tickets.id} and w.user_id = ${actor.userId}))`;
  }
  return organisationScopeCondition(actor.organisations, tickets.organisationId);
}

export function isStaff(actor: Actor): boolean {
  return (
    actor.role === 'admin' ||
    actor.role === 'service_manager' ||
    actor.role === 'agent' ||
    actor.kind === 'system'
  );
}

export function visibleTicket(actor: Actor, ticketId: string): SQL | undefined {
  return and(eq(tickets.id, ticketId), ticketVisibility(actor));
}
