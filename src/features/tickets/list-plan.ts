import { and, gt, gte, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { TicketFilters } from '../../contracts/tickets.js';
import type { Executor } from '../../db/client.js';
import type { KeysetSort } from '../../db/keyset.js';
import { tickets } from '../../db/schema/index.js';

/**
 * Most lists are fastest walking the sort's index until a page of matches is found. Not when the
 * filter keeps few rows that all lie at the far end of that order: unassigned tickets (the new
 * ones) oldest first, tickets created in the last 30 days by oldest update, one old week of
 * updates newest first, the SLA due in the next hours by update time. The planner assumes the
 * matches are spread evenly along the index, expects a page early, and walks nearly all of it
 * (2 s at 1M tickets). For those filters the list asks first how many rows the narrowing
 * conditions keep (an index-only count, stopped at the limit below); when few, it filters first
 * and sorts the matches (an order the index cannot serve, so the planner must).
 */
export const FILTER_FIRST_MAX_ROWS = 50_000;

type SortColumn = 'updated' | 'created' | 'number' | 'priority' | 'sla';

/** The column a sort orders by, to tell a filter on that same column (whose walk starts right). */
export function sortColumnOf(sort: string): SortColumn {
  const name = sort.replace(/^-/, '');
  if (name === 'updatedAt') return 'updated';
  if (name === 'createdAt') return 'created';
  if (name === 'slaDue') return 'sla';
  return name as SortColumn;
}

/** Where along time a narrowing filter's rows lie: the newest, the oldest, or a window between. */
type End = 'recent' | 'old' | 'window';

/** The filters that may keep few rows clustered at one end of another order, as conditions. */
function narrowing(filters: TicketFilters, column: SortColumn, now: Date) {
  const found: { end: End; conditions: (SQL | undefined)[] }[] = [];
  const range = (from: string | undefined, to: string | undefined, on: typeof tickets.createdAt) => {
    if (!from && !to) return;
    const end: End = from && to ? 'window' : from ? 'recent' : 'old';
    found.push({
      end,
      conditions: [from ? gte(on, new Date(from)) : undefined, to ? lt(on, new Date(to)) : undefined],
    });
  };
  if (column !== 'created') range(filters.createdFrom, filters.createdTo, tickets.createdAt);
  if (column !== 'updated') range(filters.updatedFrom, filters.updatedTo, tickets.updatedAt);
  if (column !== 'sla' && filters.sla === 'breaching') {
    const within = (filters.slaWithinMinutes ?? 60) * 60_000;
    const until = new Date(now.getTime() + within);
    // Due in the next hours: tickets still running their first targets, mostly recent ones.
    found.push({ end: 'recent', conditions: [gt(tickets.slaDueAt, now), lte(tickets.slaDueAt, until)] });
  }
  // Nobody assigned: mostly tickets that just came in.
  if (filters.assigneeId === 'none') found.push({ end: 'recent', conditions: [isNull(tickets.assigneeId)] });
  return found;
}

/** The narrowing conditions of a list, and whether its sort follows time (where they lie). */
export interface Narrowing {
  conditions: SQL[];
  timeOrdered: boolean;
}

/**
 * The narrowing conditions worth filtering by first, or none: not when the sort walks time from
 * the end where all the narrowing rows lie (newest first for recent ones), since the walk finds
 * them at once there.
 */
export function narrowingConditions(filters: TicketFilters, sort: string, now: Date): Narrowing {
  const column = sortColumnOf(sort);
  const found = narrowing(filters, column, now);
  const timeOrdered = column === 'updated' || column === 'created' || column === 'number';
  const walkStartsAt: End = sort.startsWith('-') ? 'recent' : 'old';
  if (timeOrdered && found.length > 0 && found.every((entry) => entry.end === walkStartsAt))
    return { conditions: [], timeOrdered };
  const conditions = found
    .flatMap((entry) => entry.conditions)
    .filter((condition): condition is SQL => condition !== undefined);
  return { conditions, timeOrdered };
}

/**
 * Whether to filter first: count what the narrowing conditions keep (index-only, stopped past
 * FILTER_FIRST_MAX_ROWS). A sort that walks time from the other end meets them last: filter first
 * whenever they are that few. A sort across time (priority, SLA due) meets them spread along its
 * order, a page after about 26 × table / kept rows: filter first only when fewer rows are kept
 * than the walk would read.
 */
export async function filterFirst(executor: Executor, narrowed: Narrowing): Promise<boolean> {
  if (narrowed.conditions.length === 0) return false;
  const { rows } = await executor.execute<{ kept: number; total: number }>(
    sql`select (select count(*)::int from (select 1 from ${tickets} where ${and(...narrowed.conditions)}
        limit ${FILTER_FIRST_MAX_ROWS + 1}) kept) as kept,
      (select greatest(reltuples, 0)::float8 from pg_class where oid = 'tickets'::regclass) as total`,
  );
  const kept = Number(rows[0]?.kept ?? 0);
  if (kept > FILTER_FIRST_MAX_ROWS) return false;
  if (narrowed.timeOrdered) return true;
  return kept * kept < 26 * Number(rows[0]?.total ?? 0);
}

/**
 * The same order through an expression no index matches (it adds nothing), so the planner filters
 * first and sorts what matched; the cursor's rendering of the key stays the same.
 */
export function sortedAfterFiltering(sort: KeysetSort, column: SortColumn): KeysetSort {
  const unchanged =
    column === 'number'
      ? sql`(${sort.expression} + 0)`
      : column === 'priority'
        ? sql`(${sort.expression} || '')`
        : sql`(${sort.expression} + interval '0 seconds')`;
  return { ...sort, expression: unchanged };
}
