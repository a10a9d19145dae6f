import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { tickets, timeEntries } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { validationError } from '../../platform/errors.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { ticketVisibility } from './tickets.scope.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TimeEntryRow = typeof timeEntries.$inferSelect;

/** An entry on a ticket the actor can see (with the ticket's organisation), or null. */
export async function findVisibleTimeEntry(
  executor: Executor,
  actor: Actor,
  id: string,
  lock = false,
): Promise<{ entry: TimeEntryRow; organisationId: string } | null> {
  const query = executor
    .select({ entry: timeEntries, organisationId: tickets.organisationId })
    .from(timeEntries)
    .innerJoin(tickets, eq(tickets.id, timeEntries.ticketId))
    .where(and(eq(timeEntries.id, id), ticketVisibility(actor)))
    .limit(1);
  const rows = lock ? await query.for('update', { of: timeEntries }) : await query;
  return rows[0] ?? null;
}

/** A ticket's entries in the order they were logged (ids are time-ordered), a page at a time. */
export async function listTimeEntryRows(
  executor: Executor,
  ticketId: string,
  billableOnly: boolean,
  options: { limit: number; cursor?: string },
) {
  const cursor = decodeCursor(options.cursor);
  if (cursor && !UUID.test(cursor.id))
    throw validationError([{ path: 'query.cursor', message: 'is not a cursor this server issued' }]);
  const rows = await executor
    .select()
    .from(timeEntries)
    .where(
      and(
        eq(timeEntries.ticketId, ticketId),
        billableOnly ? eq(timeEntries.billable, true) : undefined,
        cursor ? gt(timeEntries.id, cursor.id) : undefined,
      ),
    )
    .orderBy(asc(timeEntries.id))
    .limit(options.limit + 1);
  return pageOf(rows, options.limit, (row) => ({ v: null, id: row.id }));
}

/** Total and billable minutes over all of a ticket's entries (billable ones only if asked). */
export async function timeTotals(executor: Executor, ticketId: string, billableOnly: boolean) {
  const conditions: SQL[] = [eq(timeEntries.ticketId, ticketId)];
  if (billableOnly) conditions.push(eq(timeEntries.billable, true));
  const [row] = await executor
    .select({
      totalMinutes: sql<number>`coalesce(sum(${timeEntries.minutes}), 0)::int`,
      billableMinutes: sql<number>`coalesce(sum(${timeEntries.minutes}) filter (where ${timeEntries.billable}), 0)::int`,
    })
    .from(timeEntries)
    .where(and(...conditions));
  return { totalMinutes: row?.totalMinutes ?? 0, billableMinutes: row?.billableMinutes ?? 0 };
}
