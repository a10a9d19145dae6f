import { asc, eq } from 'drizzle-orm';
import { type ComputedTimer, remainingSeconds, timerState } from '../../core/sla/index.js';
import type { Db } from '../../db/client.js';
import { slaTimeline, slaTimers, ticketSla } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { recordAudit } from '../audit/index.js';
import { loadTicket } from '../tickets/index.js';
import { requireSlaManager } from './calendars.service.js';
import { recomputeTicket } from './engine.js';
import { referencedPolicy } from './policies.service.js';
import { addTimeline, compiled, loadSlaContext, pausesOf } from './sla.repo.js';

const iso = (value: Date | null) => value?.toISOString() ?? null;

/**
 * GET /tickets/{id}/sla: each target's state, due time and remaining business time, and the
 * timeline that says why each due time is what it is.
 */
export async function explainTicketSla(db: Db, ctx: Context, ref: string) {
  const ticket = await loadTicket(db, ctx, ref);
  const context = await loadSlaContext(db, ticket.id);
  const [timers, timeline] = await Promise.all([
    db.select().from(slaTimers).where(eq(slaTimers.ticketId, ticket.id)),
    db
      .select()
      .from(slaTimeline)
      .where(eq(slaTimeline.ticketId, ticket.id))
      .orderBy(asc(slaTimeline.id))
      .limit(1000),
  ]);
  const pauses = context ? pausesOf(context.sla) : [];
  const calendar = context?.calendar ? compiled(context.calendar) : null;
  return {
    ticketId: ticket.id,
    policy: context?.policy
      ? { id: context.policy.id, name: context.policy.name, version: context.policy.version }
      : null,
    calendar: context?.calendar
      ? {
          id: context.calendar.id,
          name: context.calendar.name,
          timezone: context.calendar.timezone,
          version: context.calendar.version,
        }
      : null,
    priority: ticket.priority,
    pauses: pauses.map((pause) => ({ from: pause.from.toISOString(), to: iso(pause.to) })),
    targets: timers
      .filter((timer) => timer.targetMinutes > 0)
      .map((timer) => {
        const computed: ComputedTimer = {
          ...timer,
          stoppedAt: ticket.status === 'closed' && !timer.metAt ? ticket.closedAt : null,
        };
        return {
          target: timer.target,
          // A breach that fired stays a breach, whatever the clock of the caller says.
          state: timer.breachedAt && !timer.metAt ? ('breached' as const) : timerState(computed, ctx.now),
          targetMinutes: timer.targetMinutes,
          startedAt: timer.startedAt.toISOString(),
          dueAt: iso(timer.dueAt),
          warnAt: iso(timer.warnAt),
          metAt: iso(timer.metAt),
          warnedAt: iso(timer.warnedAt),
          breachedAt: iso(timer.breachedAt),
          remainingSeconds: calendar ? remainingSeconds(calendar, computed, pauses, ctx.now) : null,
        };
      }),
    timeline: timeline.map((entry) => ({
      at: entry.at.toISOString(),
      kind: entry.kind,
      target: entry.target,
      reason: entry.reason,
      data: entry.data as Record<string, unknown>,
    })),
  };
}

/** Put one ticket under another policy (recorded in its timeline); its pauses stay as recorded. */
export async function changeTicketPolicy(db: Db, ctx: Context, ref: string, policyId: string | null) {
  await db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, ctx, ref, true); // 404 before 403
    // Moving a ticket to another policy changes its promise: not something an agent may do to dodge a breach.
    requireSlaManager(ctx);
    const policy = policyId ? await referencedPolicy(tx, policyId) : null;
    await tx.update(ticketSla).set({ policyId, updatedAt: ctx.now }).where(eq(ticketSla.ticketId, ticket.id));
    await addTimeline(tx, ticket.id, ctx.now, {
      kind: 'policy_changed',
      reason: policy ? `now under policy "${policy.name}"` : 'no SLA policy applies any more',
      data: { policyId },
    });
    await recordAudit(tx, ctx, {
      action: 'ticket.sla_policy_changed',
      entityType: 'ticket',
      entityId: ticket.id,
      organisationId: ticket.organisationId,
      after: { policyId },
    });
    await recomputeTicket(tx, ticket.id, ctx.now);
  });
  return await explainTicketSla(db, ctx, ref);
}
