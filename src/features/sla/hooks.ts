import { and, eq, isNull } from 'drizzle-orm';
import { updatePauses } from '../../core/sla/index.js';
import type { Executor } from '../../db/client.js';
import { slaTimers } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { type NewTicketSla, newTicketSla, recomputeTicket } from './engine.js';
import {
  addTimeline,
  loadSlaContext,
  type PolicyRow,
  pausesOf,
  policyAndCalendarByKey,
  type policyAndCalendarForOrganisation,
  savePauses,
  type TicketRow,
  timelineInsert,
} from './sla.repo.js';

/**
 * The SLA side of ticket events, run inside the ticket's own transaction (so due times are never
 * stale, and a ticket, its timers, audit and outbox commit together).
 */

type PolicyAndCalendar = Awaited<ReturnType<typeof policyAndCalendarForOrganisation>>;

function newSlaRow(ticketId: string, found: PolicyAndCalendar, now: Date) {
  return {
    ticketId,
    policyId: found?.policy.id ?? null,
    pauses: [],
    computedWith: found
      ? { policyVersion: found.policy.version, calendarVersion: found.calendar.version }
      : null,
    updatedAt: now,
  };
}

function startedEntry(ticket: TicketRow, policy: PolicyRow | null) {
  const reason = policy
    ? `ticket created at ${ticket.priority} under policy "${policy.name}"`
    : 'ticket created; no SLA policy applies';
  return { kind: 'started', reason, data: { priority: ticket.priority, policyId: policy?.id ?? null } };
}

/**
 * A ticket about to be created, in two steps: its organisation's policy and calendar (the ticket's
 * own read names them by version with `policyKeyForOrganisation`; read here only when unknown),
 * then — for the ticket row as it will be inserted — compute its timers and due time and
 * return the SLA row, timeline entry, timers and first check as writes for the ticket's own
 * statement. The same rows as `slaOnCreated`, without its round trips.
 */
export async function slaForNewTicket(executor: Executor, organisationId: string, key: unknown) {
  const found = await policyAndCalendarByKey(executor, organisationId, key as string | null);
  return (ticket: TicketRow, now: Date): NewTicketSla => {
    const sla = newSlaRow(ticket.id, found, now);
    const planned = newTicketSla(
      executor,
      { ticket, sla, policy: found?.policy ?? null, calendar: found?.calendar ?? null },
      now,
    );
    const timeline = timelineInsert(
      executor,
      ticket.id,
      ticket.createdAt,
      startedEntry(ticket, found?.policy ?? null),
    );
    return { ...planned, writes: [...planned.writes, timeline] };
  };
}

/** Entering a pausing status opens a pause; leaving closes it. Resolution meets the target. */
export async function slaOnStatusChanged(
  tx: Executor,
  ctx: Context,
  before: TicketRow,
  after: TicketRow,
  reason: string | null,
) {
  const context = await loadSlaContext(tx, after.id);
  if (!context) return undefined;
  const pausing = new Set(context.policy?.pauseStatuses ?? []);
  const [wasPaused, isPaused] = [pausing.has(before.status), pausing.has(after.status)];
  let sla = context.sla;
  if (wasPaused !== isPaused) {
    sla = await savePauses(
      tx,
      after.id,
      updatePauses(pausesOf(context.sla), wasPaused, isPaused, ctx.now),
      ctx.now,
    );
    const why = `status ${before.status} → ${after.status}${reason ? ` (${reason})` : ''}`;
    await addTimeline(tx, after.id, ctx.now, { kind: isPaused ? 'paused' : 'resumed', reason: why });
  }
  if (after.status === 'resolved')
    await addTimeline(tx, after.id, ctx.now, {
      kind: 'met',
      target: 'resolution',
      reason: 'ticket resolved',
    });
  if (before.status === 'resolved' && after.status === 'open') {
    await addTimeline(tx, after.id, ctx.now, {
      kind: 'restarted',
      target: 'resolution',
      reason: 'ticket reopened: the resolution clock runs again from creation',
    });
  }
  if (after.status === 'closed' && !after.resolvedAt)
    await addTimeline(tx, after.id, ctx.now, {
      kind: 'stopped',
      reason: `closed without resolution${reason ? ` (${reason})` : ''}`,
    });
  // The context read above (after the status change) with the pauses as just saved.
  return await recomputeTicket(tx, after.id, ctx.now, { context: { ...context, sla } });
}

/** A public staff reply meets first response (once) and the running next-response cycle. */
async function staffReplied(tx: Executor, ctx: Context, ticket: TicketRow) {
  if (ticket.firstResponseAt?.getTime() === ctx.now.getTime()) {
    await addTimeline(tx, ticket.id, ctx.now, {
      kind: 'met',
      target: 'first_response',
      reason: 'first public reply by staff',
    });
  }
  const met = await tx
    .update(slaTimers)
    .set({ metAt: ctx.now, nextCheckAt: null, updatedAt: ctx.now })
    .where(
      and(eq(slaTimers.ticketId, ticket.id), eq(slaTimers.target, 'next_response'), isNull(slaTimers.metAt)),
    )
    .returning({ target: slaTimers.target });
  if (met.length > 0)
    await addTimeline(tx, ticket.id, ctx.now, {
      kind: 'met',
      target: 'next_response',
      reason: 'staff replied to the requester',
    });
}

/** A requester message after the first response starts a next-response cycle, unless one runs. */
async function requesterWrote(tx: Executor, ctx: Context, ticket: TicketRow) {
  if (!ticket.firstResponseAt) return;
  const [current] = await tx
    .select()
    .from(slaTimers)
    .where(and(eq(slaTimers.ticketId, ticket.id), eq(slaTimers.target, 'next_response')));
  if (current && !current.metAt) return;
  const values = {
    targetMinutes: 0,
    startedAt: ctx.now,
    dueAt: null,
    warnAt: null,
    metAt: null,
    warnedAt: null,
    breachedAt: null,
    nextCheckAt: null,
    updatedAt: ctx.now,
  };
  await tx
    .insert(slaTimers)
    .values({ ticketId: ticket.id, target: 'next_response', ...values })
    .onConflictDoUpdate({ target: [slaTimers.ticketId, slaTimers.target], set: values });
  await addTimeline(tx, ticket.id, ctx.now, {
    kind: 'started',
    target: 'next_response',
    reason: 'the requester wrote; a reply is due',
  });
}

export async function slaOnReply(tx: Executor, ctx: Context, ticket: TicketRow, by: 'staff' | 'customer') {
  if (by === 'staff') await staffReplied(tx, ctx, ticket);
  else await requesterWrote(tx, ctx, ticket);
  return await recomputeTicket(tx, ticket.id, ctx.now);
}

export async function slaOnPriorityChanged(tx: Executor, ctx: Context, before: TicketRow, after: TicketRow) {
  await addTimeline(tx, after.id, ctx.now, {
    kind: 'target_changed',
    reason: `priority ${before.priority} → ${after.priority}: targets of ${after.priority} apply`,
  });
  return await recomputeTicket(tx, after.id, ctx.now);
}
