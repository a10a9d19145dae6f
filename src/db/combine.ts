import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Executor } from './client.js';

/** A write whose RETURNING values the combined statement's select list reads by its name. */
export interface NamedWrite {
  as: string;
  write: SQLWrapper;
}

/**
 * One statement of several writes: `writes` are INSERT/UPDATE/DELETE statements (Drizzle builders
 * or SQL); `select` is the row it returns, by name: scalar subqueries on named writes
 * (`(select id from event)`), or SELECTs run for their side effect (queueing jobs).
 */
export interface CombinedWrites {
  writes: (SQLWrapper | NamedWrite)[];
  select?: Record<string, SQL>;
}

/**
 * Several writes sent as ONE statement (data-modifying CTEs): one round trip instead of one per
 * row, and atomic without a transaction of its own (a statement commits or fails whole).
 * Why: on a busy machine each round trip costs a wake-up of PostgreSQL and one of Node; a new
 * ticket with its SLA, history, audit and event took a dozen of them.
 * Rules of PostgreSQL that callers must keep in mind: every part runs on the same snapshot, so no
 * part sees rows another part writes (build each part from values in hand, never by reading what
 * another inserts); foreign keys are checked at the end of the statement, so a child row may name
 * a parent inserted by another part; the same row must not be changed by two parts.
 */
export async function writeCombined<T extends Record<string, unknown>>(
  executor: Executor,
  combined: CombinedWrites,
): Promise<T> {
  const ctes = combined.writes.map((part, index) =>
    'write' in part
      ? sql`${sql.identifier(part.as)} as (${part.write})`
      : sql`${sql.raw(`w${index}`)} as (${part})`,
  );
  const with_ = ctes.length ? sql`with ${sql.join(ctes, sql`, `)} ` : sql``;
  // A SELECT in a CTE only runs when referenced: side-effect calls go in the select list instead.
  const entries = Object.entries(combined.select ?? {});
  const selected = entries.length
    ? sql.join(
        entries.map(([name, value]) => sql`(${value}) as ${sql.identifier(name)}`),
        sql`, `,
      )
    : sql`1 as done`;
  const { rows } = await executor.execute<Record<string, unknown>>(sql`${with_}select ${selected}`);
  return rows[0] as T;
}
