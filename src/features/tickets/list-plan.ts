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

/**
 * The narrowing conditions worth filtering by first, or none: not when the sort walks time from
 * the end where all the narrowing rows lie (newest first for recent ones), since the walk finds
 * them at once there. Every sort walks time in some way: by date or number directly, and within a
 * priority or an SLA due time (closed tickets have none) by id, which grows with time — ascending
 * from the oldest, descending from the newest.
 */
export function narrowingConditions(filters: TicketFilters, sort: string, now: Date): SQL[] {
  const found = narrowing(filters, sortColumnOf(sort), now);
  const walkStartsAt: End = sort.startsWith('-') ? 'recent' : 'old';
  if (found.length > 0 && found.every((entry) => entry.end === walkStartsAt)) return [];
  return found
    .flatMap((entry) => entry.conditions)
    .filter((condition): condition is SQL => condition !== undefined);
}

/**
 * Whether to filter first: when the narrowing conditions keep at most FILTER_FIRST_MAX_ROWS rows
 * (an index-only count, stopped past it), a sort that meets them last is slower than filtering and
 * sorting them.
 */
export async function filterFirst(executor: Executor, conditions: SQL[]): Promise<boolean> {
  if (conditions.length === 0) return false;
  const { rows } = await executor.execute<{ kept: number }>(
    sql`select count(*)::int as kept from (select 1 from ${tickets} where ${and(...conditions)}
      limit ${FILTER_FIRST_MAX_ROWS + 1}) narrowed`,
  );
  return Number(rows[0]?.kept ?? 0) <= FILTER_FIRST_MAX_ROWS;
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
