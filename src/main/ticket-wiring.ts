import {
  calendarRoutes,
  type EscalateInTransaction,
  policyKeyForOrganisation,
  recomputeForCalendar,
  slaForNewTicket,
  slaJobs,
  slaOnPriorityChanged,
  slaOnReply,
  slaOnStatusChanged,
  slaPolicyRoutes,
} from '../features/sla/index.js';
import { loadTicket, moveTierOf, type TicketDeps, type TicketHooks } from '../features/tickets/index.js';
import type { AppParts } from './parts.js';

/** Tickets tell the SLA engine about every change, inside the ticket's own transaction. */
export const slaHooks: TicketHooks = {
  createFacts: (organisationId) => policyKeyForOrganisation(organisationId),
  prepareCreate: (executor, organisationId, facts) => slaForNewTicket(executor, organisationId, facts),
  afterStatusChange: (tx, ctx, before, after, reason) => slaOnStatusChanged(tx, ctx, before, after, reason),
  afterReply: (tx, ctx, ticket, by) => slaOnReply(tx, ctx, ticket, by),
  afterPriorityChange: (tx, ctx, before, after) => slaOnPriorityChanged(tx, ctx, before, after),
};

export function ticketDeps(parts: AppParts): TicketDeps {
  return { db: parts.database.db, closeGraceDays: parts.config.tickets.closeGraceDays, hooks: slaHooks };
}

/** The escalation matrix moves tickets with the tickets feature's own tier move. */
function escalateFor(deps: TicketDeps): EscalateInTransaction {
  return async (tx, ctx, ticketId, tier, teamId, reason) => {
    const row = await loadTicket(tx, ctx, ticketId, true);
    await moveTierOf(tx, deps, ctx, row, 'up', { reason, tier, ...(teamId ? { teamId } : {}) });
  };
}

export function slaRouteModules(parts: AppParts) {
  const { database, clock } = parts;
  return [
    calendarRoutes({ db: database.db, clock, recomputeForCalendar }),
    slaPolicyRoutes({ db: database.db, clock }),
  ];
}

export function slaJobDefinitions(parts: AppParts) {
  const deps = ticketDeps(parts);
  return slaJobs({
    db: parts.database.db,
    clock: parts.clock,
    publicUrl: parts.config.http.publicUrl,
    escalate: escalateFor(deps),
  });
}
