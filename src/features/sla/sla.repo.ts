import { and, eq, inArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type BusinessCalendar, compileCalendar, type Pause } from '../../core/calendar/index.js';
import type { Executor } from '../../db/client.js';
import {
  businessCalendars,
  organisationSlaPolicies,
  slaPolicies,
  slaTimeline,
  ticketSla,
  tickets,
} from '../../db/schema/index.js';
import { calendarInputOf } from './calendars.service.js';

export type PolicyRow = typeof slaPolicies.$inferSelect;
export type CalendarRow = typeof businessCalendars.$inferSelect;
export type SlaRow = typeof ticketSla.$inferSelect;
export type TicketRow = typeof tickets.$inferSelect;

const compiledCache = new Map<string, { version: number; calendar: BusinessCalendar }>();

/** Compile a calendar once per version and keep it (its business-time chunks are memoised inside). */
export function compiled(row: CalendarRow): BusinessCalendar {
  const cached = compiledCache.get(row.id);
  if (cached && cached.version === row.version) return cached.calendar;
  const calendar = compileCalendar(calendarInputOf(row));
  if (compiledCache.size > 500) compiledCache.clear();
  compiledCache.set(row.id, { version: row.version, calendar });
  return calendar;
}

/**
 * The policy of a new ticket of an organisation (its choice, else the default) with the policy's
 * calendar, in one query.
 */
export async function policyAndCalendarForOrganisation(
  executor: Executor,
  organisationId: string,
): Promise<{ policy: PolicyRow; calendar: CalendarRow } | null> {
  const [row] = await executor
    .select({ policy: slaPolicies, calendar: businessCalendars })
    .from(slaPolicies)
    .innerJoin(businessCalendars, eq(businessCalendars.id, slaPolicies.calendarId))
    .where(
      sql`${slaPolicies.id} = coalesce(
        (select ${organisationSlaPolicies.policyId} from ${organisationSlaPolicies} where ${organisationSlaPolicies.organisationId} = ${organisationId}),
        (select p.id from ${slaPolicies} p where p.is_default limit 1))`,
    )
    .limit(1);
  return row ?? null;
}

/**
 * Which policy and calendar, at which versions, a new ticket of an organisation gets — as a SQL
 * expression (text, null when no policy applies) for the caller's own query, so that the rows
 * themselves are read only when this process has not seen those versions yet (see
 * `policyAndCalendarByKey`). Every change to a policy or calendar bumps its version.
 */
export function policyKeyForOrganisation(organisationId: SQLWrapper): SQL<string | null> {
  return sql<string | null>`(select p.id || '/' || p.version || '/' || c.id || '/' || c.version
    from ${slaPolicies} p join ${businessCalendars} c on c.id = p.calendar_id
    where p.id = coalesce(
      (select o.policy_id from ${organisationSlaPolicies} o where o.organisation_id = ${organisationId}),
      (select d.id from ${slaPolicies} d where d.is_default limit 1)))`;
}

type PolicyAndCalendar = { policy: PolicyRow; calendar: CalendarRow };
const byKey = new Map<string, PolicyAndCalendar>();
const keyOf = (found: PolicyAndCalendar) =>
  `${found.policy.id}/${found.policy.version}/${found.calendar.id}/${found.calendar.version}`;

/** The policy and calendar a key names: remembered by version, read (one query) the first time. */
export async function policyAndCalendarByKey(
  executor: Executor,
  organisationId: string,
  key: string | null,
): Promise<PolicyAndCalendar | null> {
  if (key === null) return null;
  const known = byKey.get(key);
  if (known) return known;
  const found = await policyAndCalendarForOrganisation(executor, organisationId);
  if (!found) return null;
  if (byKey.size > 200) byKey.clear();
  byKey.set(keyOf(found), found);
  return found;
}

export interface SlaContext {
  ticket: TicketRow;
  sla: SlaRow;
  policy: PolicyRow | null;
  calendar: CalendarRow | null;
}

/** The ticket (locked by the caller's transaction already, or not), its SLA row, policy and calendar. */
export async function loadSlaContext(executor: Executor, ticketId: string): Promise<SlaContext | null> {
  return (await loadSlaContexts(executor, [ticketId]))[0] ?? null;
}

/**
 * The SLA contexts of many tickets in one query (tickets without an SLA row are left out).
 * `lock`: take the tickets' row locks first, in id order — whoever writes timers holds the ticket
 * before its timers (as ticket changes and the checks do), so that none of them deadlock.
 */
export async function loadSlaContexts(
  executor: Executor,
  ticketIds: string[],
  lock = false,
): Promise<SlaContext[]> {
  if (ticketIds.length === 0) return [];
  const query = executor
    .select({ ticket: tickets, sla: ticketSla, policy: slaPolicies, calendar: businessCalendars })
    .from(tickets)
    .innerJoin(ticketSla, eq(ticketSla.ticketId, tickets.id))
    .leftJoin(slaPolicies, eq(slaPolicies.id, ticketSla.policyId))
    .leftJoin(businessCalendars, eq(businessCalendars.id, slaPolicies.calendarId))
    .where(ticketIds.length === 1 ? eq(tickets.id, ticketIds[0]!) : inArray(tickets.id, ticketIds));
  return lock ? await query.orderBy(tickets.id).for('no key update', { of: tickets }) : await query;
}

export function pausesOf(sla: SlaRow): Pause[] {
  return (sla.pauses as { from: string; to: string | null }[]).map((pause) => ({
    from: new Date(pause.from),
    to: pause.to === null ? null : new Date(pause.to),
  }));
}

/** Record the pause intervals; returns the SLA row as saved. */
export async function savePauses(
  executor: Executor,
  ticketId: string,
  pauses: Pause[],
  now: Date,
): Promise<SlaRow> {
  const stored = pauses.map((pause) => ({
    from: pause.from.toISOString(),
    to: pause.to?.toISOString() ?? null,
  }));
  const [row] = await executor
    .update(ticketSla)
    .set({ pauses: stored, updatedAt: now })
    .where(eq(ticketSla.ticketId, ticketId))
    .returning();
  return row!;
}

type TimelineEntry = { kind: string; target?: string | null; reason: string; data?: Record<string, unknown> };

export async function addTimeline(
  executor: Executor,
  ticketId: string,
  at: Date,
  entry: TimelineEntry,
): Promise<void> {
  await executor.insert(slaTimeline).values(timelineValues(ticketId, at, entry));
}

/** The INSERT of a timeline entry, for a caller that sends it with other writes in one statement. */
export function timelineInsert(executor: Executor, ticketId: string, at: Date, entry: TimelineEntry): SQL {
  return executor
    .insert(slaTimeline)
    .values(timelineValues(ticketId, at, entry))
    .getSQL();
}

function timelineValues(ticketId: string, at: Date, entry: TimelineEntry) {
  return {
    ticketId,
    at,
    kind: entry.kind,
    target: entry.target ?? null,
    reason: entry.reason,
    data: entry.data ?? {},
  };
}

/** The same timeline entry for many tickets, in one statement. */
export async function addTimelines(
  executor: Executor,
  ticketIds: string[],
  at: Date,
  entry: { kind: string; reason: string },
): Promise<void> {
  if (ticketIds.length === 0) return;
  await executor.insert(slaTimeline).values(
    ticketIds.map((ticketId) => ({
      ticketId,
      at,
      kind: entry.kind,
      target: null,
      reason: entry.reason,
      data: {},
    })),
  );
}

/** Open tickets running under a policy (keyset by id), for recomputation after an edit. */
export async function openTicketsUnderPolicy(
  executor: Executor,
  policyId: string,
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await executor
    .select({ id: tickets.id })
    .from(ticketSla)
    .innerJoin(tickets, eq(tickets.id, ticketSla.ticketId))
    .where(
      and(
        eq(ticketSla.policyId, policyId),
        sql`${tickets.status} <> 'closed'`,
        afterId ? sql`${tickets.id} > ${afterId}` : undefined,
      ),
    )
    .orderBy(tickets.id)
    .limit(limit);
  return rows.map((row) => row.id);
}
