import { and, eq, inArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import {
  type ComputedTimer,
  computeTimers,
  nextCheck,
  type PolicyTargets,
  type TicketClockFacts,
} from '../../core/sla/index.js';
import type { Db, Executor } from '../../db/client.js';
import { coalescerFor } from '../../db/coalesce.js';
import { slaTimers, ticketSla, tickets } from '../../db/schema/index.js';
import { compiled, loadSlaContexts, pausesOf, type SlaContext } from './sla.repo.js';

export const SLA_CHECK_TASK = 'sla.check';
type TimerRow = typeof slaTimers.$inferSelect;
type TimerValues = Omit<typeof slaTimers.$inferInsert, 'ticketId' | 'target'>;

/** What a caller already holds (it just wrote or read them), so they need not be read again. */
export interface KnownSlaState {
  context: SlaContext;
  /** The ticket's timer rows (read when left out). */
  timers?: TimerRow[];
}

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

function timerValues(timer: ComputedTimer, previous: TimerRow | undefined, now: Date): TimerValues {
  // A new next-response cycle (another start) begins with fresh warning/breach flags.
  const sameCycle = previous !== undefined && previous.startedAt.getTime() === timer.startedAt.getTime();
  const warnedAt = sameCycle ? previous.warnedAt : null;
  const breachedAt = sameCycle ? previous.breachedAt : null;
  return {
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
}

const time = (value: Date | null | undefined) => value?.getTime() ?? null;

function sameTimer(row: TimerRow, values: TimerValues): boolean {
  return (
    row.targetMinutes === values.targetMinutes &&
    time(row.startedAt) === time(values.startedAt) &&
    time(row.dueAt) === time(values.dueAt) &&
    time(row.warnAt) === time(values.warnAt) &&
    time(row.metAt) === time(values.metAt) &&
    time(row.warnedAt) === time(values.warnedAt) &&
    time(row.breachedAt) === time(values.breachedAt) &&
    time(row.nextCheckAt) === time(values.nextCheckAt)
  );
}

const earliest = (dates: (Date | null | undefined)[]) =>
  dates.reduce<number | null>((min, date) => {
    const at = time(date);
    return at !== null && (min === null || at < min) ? at : min;
  }, null);

/** What recomputing one ticket changes: only the rows that differ are written. */
interface Plan {
  ticketId: string;
  upserts: (typeof slaTimers.$inferInsert)[];
  obsoleteTargets: TimerRow['target'][];
  slaDueAt: Date | null;
  dueChanged: boolean;
  computedWith: { policyVersion: number; calendarVersion: number } | null;
  computedWithChanged: boolean;
  /** The earliest pending check, when it moved (the keyed sla.check job is rescheduled to it). */
  reschedule: Date | null;
}

function planFor(context: SlaContext, existing: TimerRow[], now: Date): Plan {
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
  const upserts: Plan['upserts'] = [];
  const nextChecks: (Date | null | undefined)[] = [];
  for (const timer of timers) {
    const previous = existing.find((row) => row.target === timer.target);
    const values = timerValues(timer, previous, now);
    nextChecks.push(values.nextCheckAt);
    if (!previous || !sameTimer(previous, values))
      upserts.push({ ticketId: ticket.id, target: timer.target, ...values });
  }
  const kept = new Set(timers.map((timer) => timer.target));
  const dues = timers
    .filter((timer) => !timer.metAt && !timer.stoppedAt && timer.dueAt)
    .map((timer) => timer.dueAt!.getTime());
  const slaDueAt = dues.length ? new Date(Math.min(...dues)) : null;
  const computedWith =
    policy && calendar ? { policyVersion: policy.version, calendarVersion: calendar.version } : null;
  const stored = context.sla.computedWith as Plan['computedWith'];
  const nextCheckAt = earliest(nextChecks);
  return {
    ticketId: ticket.id,
    upserts,
    obsoleteTargets: existing.filter((row) => !kept.has(row.target)).map((row) => row.target),
    slaDueAt,
    dueChanged: time(slaDueAt) !== time(ticket.slaDueAt),
    computedWith,
    computedWithChanged: JSON.stringify(stored ?? null) !== JSON.stringify(computedWith),
    reschedule:
      nextCheckAt !== null && nextCheckAt !== earliest(existing.map((row) => row.nextCheckAt))
        ? new Date(nextCheckAt)
        : null,
  };
}

/** Apply the plans of many tickets with one statement per kind of change. */
async function applyPlans(tx: Executor, plans: Plan[], now: Date): Promise<void> {
  const upserts = plans.flatMap((plan) => plan.upserts);
  if (upserts.length) {
    const excluded = (column: string) => sql.raw(`excluded.${column}`);
    await tx
      .insert(slaTimers)
      .values(upserts)
      .onConflictDoUpdate({
        target: [slaTimers.ticketId, slaTimers.target],
        set: {
          targetMinutes: excluded('target_minutes'),
          startedAt: excluded('started_at'),
          dueAt: excluded('due_at'),
          warnAt: excluded('warn_at'),
          metAt: excluded('met_at'),
          warnedAt: excluded('warned_at'),
          breachedAt: excluded('breached_at'),
          nextCheckAt: excluded('next_check_at'),
          updatedAt: excluded('updated_at'),
        },
      });
  }
  // A target the policy no longer has (after a priority or policy change) is dropped.
  for (const plan of plans) {
    if (plan.obsoleteTargets.length)
      await tx
        .delete(slaTimers)
        .where(and(eq(slaTimers.ticketId, plan.ticketId), inArray(slaTimers.target, plan.obsoleteTargets)));
  }
  const dues = plans.filter((plan) => plan.dueChanged);
  if (dues.length === 1) {
    await tx.update(tickets).set({ slaDueAt: dues[0]!.slaDueAt }).where(eq(tickets.id, dues[0]!.ticketId));
  } else if (dues.length > 1) {
    await tx.execute(sql`update tickets set sla_due_at = changed.due
      from unnest(${sql.param(dues.map((plan) => plan.ticketId))}::uuid[], ${sql.param(dues.map((plan) => plan.slaDueAt?.toISOString() ?? null))}::timestamptz[]) as changed(id, due)
      where tickets.id = changed.id`);
  }
  const versions = plans.filter((plan) => plan.computedWithChanged);
  if (versions.length) {
    await tx.execute(sql`update ticket_sla set computed_with = changed.computed_with, updated_at = ${now.toISOString()}::timestamptz
      from unnest(${sql.param(versions.map((plan) => plan.ticketId))}::uuid[], ${sql.param(versions.map((plan) => JSON.stringify(plan.computedWith)))}::jsonb[]) as changed(id, computed_with)
      where ticket_sla.ticket_id = changed.id`);
  }
  const checks = plans.filter((plan) => plan.reschedule !== null);
  if (checks.length) await tx.execute(scheduleChecks(checks));
}

type CheckAt = Pick<Plan, 'ticketId' | 'reschedule'>;

/** Queue (or move) the keyed sla.check job of each ticket whose next check moved: a SELECT. */
function scheduleChecks(checks: CheckAt[]): SQL {
  // The same keyed job as enqueueJob(SLA_CHECK_TASK, { ticketId }, { jobKey: `sla:<id>`, runAt }).
  return sql`select count(*) from graphile_worker.add_jobs(array(
      select row(${SLA_CHECK_TASK}, json_build_object('ticketId', c.id), null, c.run_at, 25, 'sla:' || c.id, null, null)::graphile_worker.job_spec
      from unnest(${sql.param(checks.map((plan) => plan.ticketId))}::text[], ${sql.param(checks.map((plan) => plan.reschedule!.toISOString()))}::timestamptz[]) as c(id, run_at)))`;
}

/** One statement for the checks of many new tickets (db/coalesce.ts); one job per ticket. */
async function flushChecks(db: Db, checks: CheckAt[]): Promise<void> {
  const latest = new Map(checks.map((check) => [check.ticketId, check]));
  await db.execute(scheduleChecks([...latest.values()]));
}

/** A new ticket's SLA: writes for the ticket's own statement (see db/combine.ts), and after it. */
export interface NewTicketSla {
  /** Its earliest due time, stored on the ticket row as it is inserted. */
  slaDueAt: Date | null;
  writes: SQLWrapper[];
  /** Queue its first check once the ticket is committed. */
  afterCommit?: (db: Db) => Promise<void>;
}

/**
 * The timers of a ticket that is being created (it has none yet), from the policy and calendar in
 * `context`: computed here, written by the caller together with the ticket (the SLA row and the
 * timers, plain inserts). Its first check is queued after the commit, not in the ticket's
 * statement: queueing a job notifies graphile-worker's listeners, and a transaction that notifies
 * commits only after the previous notifying one is on disk — every new ticket would wait in line.
 * Queued late or never (the process died in between), the check still happens: the sla.scan job
 * fires whatever is due every minute.
 */
export function newTicketSla(executor: Executor, context: SlaContext, now: Date): NewTicketSla {
  const plan = planFor(context, [], now);
  const writes: SQLWrapper[] = [
    executor
      .insert(ticketSla)
      .values({ ...context.sla, computedWith: plan.computedWith })
      .getSQL(),
  ];
  if (plan.upserts.length) writes.push(executor.insert(slaTimers).values(plan.upserts).getSQL());
  const check = { ticketId: plan.ticketId, reschedule: plan.reschedule };
  return {
    slaDueAt: plan.slaDueAt,
    writes,
    ...(plan.reschedule
      ? { afterCommit: (db: Db) => coalescerFor(db, 'sla.checks', flushChecks).add([check]) }
      : {}),
  };
}

/**
 * Bring tickets' timers in line with their facts, policy, calendar and recorded pauses; store each
 * one's earliest unmet due time on the ticket for queues; schedule its next warning/breach check.
 * Idempotent: running it twice changes nothing (unchanged rows are not even written). A batch
 * costs the same handful of statements as one ticket: two reads, then one write per kind of change.
 */
export async function recomputeTickets(
  tx: Executor,
  ticketIds: string[],
  now: Date,
): Promise<Map<string, { slaDueAt: Date | null }>> {
  if (ticketIds.length === 0) return new Map();
  // Tickets locked before their timers are written (the order every writer of timers keeps).
  const contexts = await loadSlaContexts(tx, ticketIds, true);
  const byTicket = new Map<string, TimerRow[]>();
  for (const timer of await tx.select().from(slaTimers).where(inArray(slaTimers.ticketId, ticketIds)))
    byTicket.set(timer.ticketId, [...(byTicket.get(timer.ticketId) ?? []), timer]);
  const plans = contexts.map((context) => planFor(context, byTicket.get(context.ticket.id) ?? [], now));
  await applyPlans(tx, plans, now);
  return new Map(plans.map((plan) => [plan.ticketId, { slaDueAt: plan.slaDueAt }]));
}

/** One ticket; `known` skips reading what the caller has in hand (a ticket just created has no timers). */
export async function recomputeTicket(
  tx: Executor,
  ticketId: string,
  now: Date,
  known?: KnownSlaState,
): Promise<{ slaDueAt: Date | null } | undefined> {
  if (!known) return (await recomputeTickets(tx, [ticketId], now)).get(ticketId);
  const timers = known.timers ?? (await tx.select().from(slaTimers).where(eq(slaTimers.ticketId, ticketId)));
  const plan = planFor(known.context, timers, now);
  await applyPlans(tx, [plan], now);
  return { slaDueAt: plan.slaDueAt };
}
