import {
  and,
  arrayContains,
  eq,
  getTableColumns,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { TicketFilters } from '../../contracts/tickets.js';
import { parseTicketNumber } from '../../core/tickets/index.js';
import type { Executor } from '../../db/client.js';
import { afterCursor, keysetOrder, sortKeyOf } from '../../db/keyset.js';
import { ticketHistory, tickets } from '../../db/schema/index.js';
import type { Actor, Context } from '../../platform/actor.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { filterFirst, narrowingConditions, sortColumnOf, sortedAfterFiltering } from './list-plan.js';
import type { TicketRow } from './presenters.js';
import { ticketVisibility } from './tickets.scope.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** By id or human number (T-10234), within what the actor may see; null otherwise. */
export async function findTicket(
  executor: Executor,
  actor: Actor,
  ref: string,
  lock = false,
): Promise<TicketRow | null> {
  const number = UUID.test(ref) ? null : parseTicketNumber(ref);
  if (!UUID.test(ref) && number === null) return null;
  const query = executor
    .select()
    .from(tickets)
    .where(and(number === null ? eq(tickets.id, ref) : eq(tickets.number, number), ticketVisibility(actor)))
    .limit(1);
  const rows = lock ? await query.for('update') : await query;
  return rows[0] ?? null;
}

/**
 * Update only if the version is still the one the caller saw (optimistic locking); every change
 * bumps the version. Returns null on a version mismatch.
 */
export async function updateTicketRow(
  executor: Executor,
  id: string,
  expectedVersion: number | null,
  changes: Partial<typeof tickets.$inferInsert>,
): Promise<TicketRow | null> {
  const [updated] = await executor
    .update(tickets)
    .set({ ...changes, version: sql`${tickets.version} + 1` })
    .where(
      and(eq(tickets.id, id), expectedVersion === null ? undefined : eq(tickets.version, expectedVersion)),
    )
    .returning();
  return updated ?? null;
}

export async function addHistory(
  executor: Executor,
  ctx: Context,
  ticketId: string,
  kind: string,
  data: Record<string, unknown>,
  internal = false,
): Promise<void> {
  await executor
    .insert(ticketHistory)
    .values({ ticketId, at: ctx.now, actorId: ctx.actor.userId, kind, data, internal });
}

/** The INSERT of a history entry, for a caller that sends it with other writes in one statement. */
export function historyInsert(
  executor: Executor,
  ctx: Context,
  ticketId: string,
  kind: string,
  data: Record<string, unknown>,
): SQL {
  return executor
    .insert(ticketHistory)
    .values({ ticketId, at: ctx.now, actorId: ctx.actor.userId, kind, data, internal: false })
    .getSQL();
}

const { search: _search, ...listColumns } = getTableColumns(tickets);

const SORTS = {
  updatedAt: { expression: tickets.updatedAt, id: tickets.id, descending: false },
  '-updatedAt': { expression: tickets.updatedAt, id: tickets.id, descending: true },
  createdAt: { expression: tickets.createdAt, id: tickets.id, descending: false },
  '-createdAt': { expression: tickets.createdAt, id: tickets.id, descending: true },
  priority: { expression: tickets.priority, id: tickets.id, descending: false },
  '-priority': { expression: tickets.priority, id: tickets.id, descending: true },
  number: { expression: tickets.number, id: tickets.id, descending: false },
  '-number': { expression: tickets.number, id: tickets.id, descending: true },
  // Tickets without a due time (no policy, paused, all met) come last in both directions.
  slaDue: {
    expression: sql`coalesce(${tickets.slaDueAt}, 'infinity'::timestamptz)`,
    id: tickets.id,
    descending: false,
  },
  '-slaDue': {
    expression: sql`coalesce(${tickets.slaDueAt}, '-infinity'::timestamptz)`,
    id: tickets.id,
    descending: true,
  },
} as const;
export type TicketSort = keyof typeof SORTS;

function textCondition(q: string): SQL {
  const number = parseTicketNumber(q);
  const words = sql`${tickets.search} @@ websearch_to_tsquery('simple', ${q})`;
  return number === null ? words : (or(eq(tickets.number, number), words) as SQL);
}

const DEFAULT_BREACHING_MINUTES = 60;

/** breached: the earliest unmet due time has passed (≤ now); breaching: now < due ≤ now + N minutes. */
function slaCondition(filters: TicketFilters, now: Date): SQL | undefined {
  if (filters.sla === 'breached') return lte(tickets.slaDueAt, now);
  if (filters.sla !== 'breaching') return undefined;
  const within = (filters.slaWithinMinutes ?? DEFAULT_BREACHING_MINUTES) * 60_000;
  return and(gt(tickets.slaDueAt, now), lte(tickets.slaDueAt, new Date(now.getTime() + within)));
}

/**
 * The WHERE conditions of a filter (also used by saved views' live counts and bulk selection);
 * `now` is the request's clock (SLA filters).
 */
export function filterConditions(actor: Actor, filters: TicketFilters, now: Date): (SQL | undefined)[] {
  const me = actor.userId ?? '00000000-0000-0000-0000-000000000000';
  return [
    ticketVisibility(actor),
    filters.status ? inArray(tickets.status, filters.status) : undefined,
    filters.type ? inArray(tickets.type, filters.type) : undefined,
    filters.priority ? inArray(tickets.priority, filters.priority) : undefined,
    filters.tier ? inArray(tickets.tier, filters.tier) : undefined,
    filters.teamId ? eq(tickets.teamId, filters.teamId) : undefined,
    filters.assigneeId === 'none' ? isNull(tickets.assigneeId) : undefined,
    filters.assigneeId && filters.assigneeId !== 'none'
      ? eq(tickets.assigneeId, filters.assigneeId === 'me' ? me : filters.assigneeId)
      : undefined,
    filters.organisationId ? eq(tickets.organisationId, filters.organisationId) : undefined,
    filters.requesterId
      ? eq(tickets.requesterId, filters.requesterId === 'me' ? me : filters.requesterId)
      : undefined,
    filters.tag ? arrayContains(tickets.tags, [filters.tag]) : undefined,
    filters.q ? textCondition(filters.q) : undefined,
    filters.createdFrom ? gte(tickets.createdAt, new Date(filters.createdFrom)) : undefined,
    filters.createdTo ? lt(tickets.createdAt, new Date(filters.createdTo)) : undefined,
    filters.updatedFrom ? gte(tickets.updatedAt, new Date(filters.updatedFrom)) : undefined,
    filters.updatedTo ? lt(tickets.updatedAt, new Date(filters.updatedTo)) : undefined,
    slaCondition(filters, now),
  ];
}

export async function listTickets(
  executor: Executor,
  actor: Actor,
  filters: TicketFilters,
  options: { sort: TicketSort; limit: number; cursor?: string; now: Date },
) {
  const column = sortColumnOf(options.sort);
  const narrowed = narrowingConditions(filters, options.sort, options.now);
  const sort = (await filterFirst(executor, narrowed))
    ? sortedAfterFiltering(SORTS[options.sort], column)
    : SORTS[options.sort];
  const rows = await executor
    .select({ row: listColumns, sortKey: sortKeyOf(sort) })
    .from(tickets)
    .where(
      and(...filterConditions(actor, filters, options.now), afterCursor(sort, decodeCursor(options.cursor))),
    )
    .orderBy(...keysetOrder(sort))
    .limit(options.limit + 1);
  const page = pageOf(rows, options.limit, (found) => ({ v: found.sortKey, id: found.row.id }));
  return {
    items: page.items.map((found) => ({ ...found.row, search: null }) as TicketRow),
    nextCursor: page.nextCursor,
  };
}

export async function countTickets(
  executor: Executor,
  actor: Actor,
  filters: TicketFilters,
  now: Date,
): Promise<number> {
  const [row] = await executor
    .select({ count: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(...filterConditions(actor, filters, now)));
  return row?.count ?? 0;
}
