import { and, eq, notInArray } from 'drizzle-orm';
import {
  type ComputedTimer,
  computeTimers,
  nextCheck,
  type PolicyTargets,
  type TicketClockFacts,
} from '../../core/sla/index.js';
import type { Executor } from '../../db/client.js';
import { slaTimers, ticketSla, tickets } from '../../db/schema/index.js';
import { enqueueJob } from '../../jobs/queue.js';
import { compiled, loadSlaContext, pausesOf, type SlaContext } from './sla.repo.js';

export const SLA_CHECK_TASK = 'sla.check';
type TimerRow = typeof slaTimers.$inferSelect;

function factsOf(context: SlaContext, existing: TimerRow[]): TicketClockFacts {
  const { ticket } = context;
  const finished = ticket.status === 'resolved' || ticket.status === 'closed';
  const next = existing.find((timer) => timer.target === 'next_response');
  return {
    createdAt: ticket.createdAt,
    firstResponseAt: ticket.firstResponseAt,
    resolvedAt: finished ? ticket.resolvedAt : null,
    stoppedAt: ticket.status === 'closed' && !ticket.resolvedAt ? ticket.closedAt : null,
    nextResponse: next ? { startedAt: next.startedAt, metAt: next.metAt } : null,
  };
}

async function saveTimer(
  tx: Executor,
  ticketId: string,
  timer: ComputedTimer,
  previous: TimerRow | undefined,
  now: Date,
) {
  // A new next-response cycle (another start) begins with fresh warning/breach flags.
  const sameCycle = previous !== undefined && previous.startedAt.getTime() === timer.startedAt.getTime();
  const warnedAt = sameCycle ? previous.warnedAt : null;
  const breachedAt = sameCycle ? previous.breachedAt : null;
  const values = {
    targetMinutes: timer.targetMinutes,
    startedAt: timer.startedAt,
    dueAt: timer.dueAt,
    warnAt: timer.warnAt,
    metAt: timer.metAt,
    warnedAt,
    breachedAt,
    nextCheckAt: nextCheck(timer, warnedAt !== null, breachedAt !== null),
    updatedAt: now,
  };
  await tx
    .insert(slaTimers)
    .values({ ticketId, target: timer.target, ...values })
    .onConflictDoUpdate({ target: [slaTimers.ticketId, slaTimers.target], set: values });
  return values.nextCheckAt;
}

/**
 * Bring a ticket's timers in line with its facts, policy, calendar and recorded pauses; store the
 * earliest unmet due time on the ticket for queues; schedule the next warning/breach check.
 * Idempotent: running it twice changes nothing.
 */
export async function recomputeTicket(
  tx: Executor,
  ticketId: string,
  now: Date,
): Promise<{ slaDueAt: Date | null } | undefined> {
  const context = await loadSlaContext(tx, ticketId);
  if (!context) return undefined;
  const existing = await tx.select().from(slaTimers).where(eq(slaTimers.ticketId, ticketId));
  const { policy, calendar, ticket } = context;
  const targets: PolicyTargets =
    policy && calendar ? ((policy.targets as Record<string, PolicyTargets>)[ticket.priority] ?? {}) : {};
  const timers =
    policy && calendar
      ? computeTimers(
          compiled(calendar),
          factsOf(context, existing),
          targets,
          pausesOf(context.sla),
          policy.warningPercent,
        )
      : [];
  let nextCheckAt: Date | null = null;
  for (const timer of timers) {
    const check = await saveTimer(
      tx,
      ticketId,
      timer,
      existing.find((row) => row.target === timer.target),
      now,
    );
    if (check && (!nextCheckAt || check < nextCheckAt)) nextCheckAt = check;
  }
  const kept = timers.map((timer) => timer.target);
  // A target the policy no longer has (after a priority or policy change) is dropped.
  await tx
    .delete(slaTimers)
    .where(
      and(eq(slaTimers.ticketId, ticketId), kept.length ? notInArray(slaTimers.target, kept) : undefined),
    );
  const dues = timers
    .filter((timer) => !timer.metAt && !timer.stoppedAt && timer.dueAt)
    .map((timer) => timer.dueAt!.getTime());
  const slaDueAt = dues.length ? new Date(Math.min(...dues)) : null;
  if (slaDueAt?.getTime() !== ticket.slaDueAt?.getTime())
    await tx.update(tickets).set({ slaDueAt }).where(eq(tickets.id, ticketId));
  await tx
    .update(ticketSla)
    .set({
      computedWith:
        policy && calendar ? { policyVersion: policy.version, calendarVersion: calendar.version } : null,
      updatedAt: now,
    })
    .where(eq(ticketSla.ticketId, ticketId));
  if (nextCheckAt)
    await enqueueJob(tx, SLA_CHECK_TASK, { ticketId }, { jobKey: `sla:${ticketId}`, runAt: nextCheckAt });
  return { slaDueAt };
}
