import { staffRoles } from '../../contracts/common.js';
import type { LiveEvent } from '../../contracts/live.js';
import { formatTicketNumber } from '../../core/tickets/numbers.js';
import type { Actor } from '../../platform/actor.js';

/** What a process hears of a committed event (built by liveNoticeJson in the outbox). */
export interface LiveNotice {
  id: number;
  type: string;
  at: string;
  kind: string;
  entityId: string;
  organisationId: string | null;
  actorId: string | null;
  internal: boolean;
  ticket: {
    number: number;
    teamId: string | null;
    requesterId: string | null;
    watcherIds: string[];
    watchersTruncated: boolean;
  } | null;
}

/** A notice from its JSON text, or null when it is not one (never throws: it is only a hint). */
export function parseNotice(text: string): LiveNotice | null {
  try {
    const value = JSON.parse(text) as LiveNotice;
    if (typeof value?.id !== 'number' || typeof value.type !== 'string' || typeof value.kind !== 'string')
      return null;
    return value;
  } catch {
    return null;
  }
}

/**
 * May this actor hear of the event? The same rules as reading (tickets.scope.ts): staff by
 * organisation scope; customer managers their organisation's tickets; requesters the tickets they
 * request or watch; internal events (notes, internal attachments) never reach customers, nor do
 * events about anything but tickets. `check` = a watcher beyond those the notice names: ask the
 * database.
 */
export function audience(actor: Actor, notice: LiveNotice): 'yes' | 'no' | 'check' {
  const inScope =
    actor.organisations.all ||
    (notice.organisationId !== null && actor.organisations.ids.includes(notice.organisationId));
  if (actor.role !== null && staffRoles.includes(actor.role)) return inScope ? 'yes' : 'no';
  if (notice.kind !== 'ticket' || !notice.ticket || notice.internal) return 'no';
  if (actor.role === 'customer_manager') return inScope ? 'yes' : 'no';
  if (actor.role !== 'requester' || !actor.userId) return 'no';
  const ticket = notice.ticket;
  if (ticket.requesterId === actor.userId || ticket.watcherIds.includes(actor.userId)) return 'yes';
  return ticket.watchersTruncated ? 'check' : 'no';
}

/** What the caller is told: which entity changed and how, not what it now says. */
export function toLiveEvent(actor: Actor, notice: LiveNotice): LiveEvent {
  return {
    id: notice.id,
    type: notice.type,
    at: new Date(notice.at).toISOString(),
    entity: {
      kind: notice.kind,
      id: notice.entityId,
      number: notice.ticket ? formatTicketNumber(notice.ticket.number) : null,
    },
    byYou: actor.userId !== null && notice.actorId === actor.userId,
  };
}
