import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { formatTicketNumber } from '../../core/tickets/index.js';
import type { Db, Executor } from '../../db/client.js';
import { escalationRules, slaTimers, teamMembers, tickets, users } from '../../db/schema/index.js';
import { type Context, SYSTEM_ACTOR } from '../../platform/actor.js';
import { queueMail } from '../notifications/index.js';
import { publishEvent } from '../outbox/index.js';
import { addTimeline, type TicketRow } from './sla.repo.js';

type TimerRow = typeof slaTimers.$inferSelect;
type Threshold = 'warning' | 'breach';

/** Moves a ticket to a tier/team inside the caller's transaction (supplied by the tickets feature). */
export type EscalateInTransaction = (
  tx: Executor,
  ctx: Context,
  ticketId: string,
  tier: TicketRow['tier'],
  teamId: string | null,
  reason: string,
) => Promise<void>;

export interface CheckDeps {
  db: Db;
  publicUrl: string;
  escalate: EscalateInTransaction;
}

const TARGET_WORDS: Record<string, string> = {
  first_response: 'first response',
  next_response: 'next response',
  resolution: 'resolution',
};
const TIER_RANK = { L1: 0, L2: 1, L3: 2, L4: 3 } as const;

async function recipients(tx: Executor, ticket: TicketRow, notify: string[]): Promise<string[]> {
  const ids = new Set<string>(notify.filter((entry) => /^[0-9a-f-]{36}$/i.test(entry)));
  if (notify.includes('assignee') && ticket.assigneeId) ids.add(ticket.assigneeId);
  if (notify.includes('team') && ticket.teamId) {
    for (const member of await tx
      .select({ id: teamMembers.userId })
      .from(teamMembers)
      .where(eq(teamMembers.teamId, ticket.teamId)))
      ids.add(member.id);
  }
  const roles = [
    notify.includes('service_managers') ? 'service_manager' : null,
    notify.includes('admins') ? 'admin' : null,
  ].filter((role): role is string => role !== null);
  const conditions = [
    ids.size > 0 ? inArray(users.id, [...ids]) : undefined,
    roles.length > 0 ? inArray(users.role, roles as ('admin' | 'service_manager')[]) : undefined,
  ].filter(Boolean);
  if (conditions.length === 0) return [];
  const rows = await tx
    .select({ email: users.email })
    .from(users)
    .where(
      and(eq(users.active, true), sql`(${sql.join(conditions as ReturnType<typeof inArray>[], sql` or `)})`),
    );
  return [...new Set(rows.map((row) => row.email))];
}

/** The escalation matrix: priority × threshold → notify whom, move to which tier/team. */
async function applyMatrix(
  tx: Executor,
  deps: CheckDeps,
  ctx: Context,
  ticket: TicketRow,
  timer: TimerRow,
  threshold: Threshold,
) {
  const [rule] = await tx
    .select()
    .from(escalationRules)
    .where(and(eq(escalationRules.priority, ticket.priority), eq(escalationRules.threshold, threshold)));
  if (!rule) return;
  const what = `${TARGET_WORDS[timer.target]} ${threshold === 'warning' ? 'is due soon' : 'is overdue'}`;
  for (const to of await recipients(tx, ticket, rule.notify)) {
    await queueMail(tx, {
      to,
      subject: `[${formatTicketNumber(ticket.number)}] SLA ${threshold}: ${what} — ${ticket.subject}`,
      text: `${formatTicketNumber(ticket.number)} (${ticket.priority}) ${what}.\nDue: ${timer.dueAt?.toISOString() ?? 'paused'}\n${deps.publicUrl}/tickets/${ticket.id}\n`,
    });
  }
  if (rule.moveToTier && TIER_RANK[rule.moveToTier] > TIER_RANK[ticket.tier]) {
    await deps.escalate(
      tx,
      ctx,
      ticket.id,
      rule.moveToTier,
      rule.moveToTeamId,
      `SLA ${threshold}: ${what} (escalation matrix)`,
    );
  }
}

async function fire(tx: Executor, deps: CheckDeps, ctx: Context, timer: TimerRow, threshold: Threshold) {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, timer.ticketId));
  if (!ticket) return;
  const reason =
    threshold === 'warning'
      ? `warning threshold reached (due ${timer.dueAt?.toISOString()})`
      : `target missed (was due ${timer.dueAt?.toISOString()})`;
  await addTimeline(tx, ticket.id, ctx.now, {
    kind: threshold === 'warning' ? 'warning' : 'breached',
    target: timer.target,
    reason,
  });
  await publishEvent(tx, ctx, {
    type: threshold === 'warning' ? 'ticket.sla_warning' : 'ticket.sla_breached',
    aggregateType: 'ticket',
    aggregateId: ticket.id,
    organisationId: ticket.organisationId,
    payload: {
      ticketId: ticket.id,
      number: formatTicketNumber(ticket.number),
      target: timer.target,
      dueAt: timer.dueAt?.toISOString() ?? null,
      priority: ticket.priority,
    },
  });
  await applyMatrix(tx, deps, ctx, ticket, timer, threshold);
}

/**
 * Fire every warning and breach that is due, exactly once: the timer rows are claimed with
 * FOR UPDATE SKIP LOCKED and their warned/breached stamps written in the same transaction, so
 * parallel workers split the work and a restart after downtime catches up on what it missed.
 * The timers' tickets are claimed with them, in the same statement: ticket changes lock the ticket
 * and then write its timers, so a check that held a timer and then waited for its ticket (the
 * timeline's foreign key, an escalation) deadlocked with them (found by npm run bench:cluster). A
 * ticket being changed right now is skipped; its check comes round again (job retry, minute scan).
 */
export async function fireDueChecks(
  deps: CheckDeps,
  now: Date,
  ticketId?: string,
  batch = 200,
): Promise<number> {
  const ctx: Context = { actor: SYSTEM_ACTOR, requestId: null, now };
  return await deps.db.transaction(async (tx) => {
    const due = await tx
      .select({ timer: slaTimers })
      .from(slaTimers)
      .innerJoin(tickets, eq(tickets.id, slaTimers.ticketId))
      .where(
        and(
          isNotNull(slaTimers.nextCheckAt),
          lte(slaTimers.nextCheckAt, now),
          ticketId ? eq(slaTimers.ticketId, ticketId) : undefined,
        ),
      )
      .orderBy(slaTimers.nextCheckAt)
      .limit(batch)
      .for('update', { of: [slaTimers, tickets], skipLocked: true });
    let fired = 0;
    for (const { timer } of due) {
      const warn = !timer.metAt && !timer.warnedAt && timer.warnAt !== null && timer.warnAt <= now;
      const breach = !timer.metAt && !timer.breachedAt && timer.dueAt !== null && timer.dueAt <= now;
      const warnedAt = warn ? now : timer.warnedAt;
      const breachedAt = breach ? now : timer.breachedAt;
      const nextCheckAt = timer.metAt
        ? null
        : !warnedAt && timer.warnAt
          ? timer.warnAt
          : !breachedAt && timer.dueAt
            ? timer.dueAt
            : null;
      await tx
        .update(slaTimers)
        .set({ warnedAt, breachedAt, nextCheckAt, updatedAt: now })
        .where(and(eq(slaTimers.ticketId, timer.ticketId), eq(slaTimers.target, timer.target)));
      if (warn) await fire(tx, deps, ctx, timer, 'warning');
      if (breach) await fire(tx, deps, ctx, timer, 'breach');
      fired += (warn ? 1 : 0) + (breach ? 1 : 0);
    }
    return fired;
  });
}
