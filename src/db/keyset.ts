import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { CursorKey } from '../platform/pagination.js';

export interface KeysetSort {
  /** The sort expression, e.g. lower(name) or created_at. */
  expression: SQL | AnyColumn;
  /** The id column, the tie-breaker that makes the order total. */
  id: AnyColumn;
  descending: boolean;
}

/** `(expr, id) > (v, id)` (or `<` when descending): rows after the cursor. */
export function afterCursor(sort: KeysetSort, cursor: CursorKey | null): SQL | undefined {
  if (!cursor) return undefined;
  const value = cursor.v;
  return sort.descending
    ? sql`(${sort.expression}, ${sort.id}) < (${value}, ${cursor.id})`
    : sql`(${sort.expression}, ${sort.id}) > (${value}, ${cursor.id})`;
}

export function keysetOrder(sort: KeysetSort): SQL[] {
  return sort.descending
    ? [sql`${sort.expression} desc`, sql`${sort.id} desc`]
    : [sql`${sort.expression} asc`, sql`${sort.id} asc`];
}

/**
 * The sort key as the database renders it, carried in the cursor. Taking it from the database
 * (not recomputing it in JS) keeps collation, case folding and microseconds exactly consistent.
 */
export function sortKeyOf(sort: KeysetSort): SQL<string> {
  return sql<string>`(${sort.expression})::text`;
}
