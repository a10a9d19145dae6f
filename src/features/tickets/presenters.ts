import type { Ticket } from '../../contracts/tickets.js';
import {
  allowedTransitions,
  canReopen,
  formatTicketNumber,
  type TicketStatus,
} from '../../core/tickets/index.js';
import type { tickets } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { customerMayMove } from './tickets.policy.js';
import { isStaff } from './tickets.scope.js';

export type TicketRow = typeof tickets.$inferSelect;

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** The statuses this actor may move the ticket to now (what the UI offers, what the API accepts). */
export function transitionsFor(actor: Actor, row: TicketRow, now: Date, graceDays: number): TicketStatus[] {
  const all = allowedTransitions(row.status);
  if (isStaff(actor)) return [...all];
  return all.filter((to) => {
    if (!customerMayMove(row.status, to)) return false;
    return to !== 'open' || (row.resolvedAt !== null && canReopen(row.resolvedAt, now, graceDays));
  });
}

export function presentTicket(row: TicketRow, actor: Actor, now: Date, graceDays: number): Ticket {
  return {
    id: row.id,
    number: formatTicketNumber(row.number),
    organisationId: row.organisationId,
    requesterId: row.requesterId,
    type: row.type,
    status: row.status,
    impact: row.impact,
    urgency: row.urgency,
    priority: row.priority,
    tier: row.tier,
    teamId: row.teamId,
    assigneeId: row.assigneeId,
    subject: row.subject,
    description: row.description,
    tags: row.tags,
    serviceId: row.serviceId,
    channel: row.channel,
    version: row.version,
    reopenCount: row.reopenCount,
    escalationCount: row.escalationCount,
    firstResponseAt: iso(row.firstResponseAt),
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    mergedIntoId: row.mergedIntoId,
    slaDueAt: iso(row.slaDueAt),
    allowedTransitions: transitionsFor(actor, row, now, graceDays),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
