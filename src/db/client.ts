import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema/index.js';

export { schema };
export type Schema = typeof schema;
export type Db = PgDatabase<NodePgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<NodePgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the pool-backed database or an open transaction. */
export type Executor = Db | Tx;

// Return timestamptz/int8 the way the code expects: instants as Date, bigint ids as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

type CommitHook = (db: Db) => Promise<void>;
/** Hooks registered in each open transaction (nested savepoint transactions share their root's). */
const commitHooks = new WeakMap<object, { db: Db; hooks: CommitHook[] }>();

function track(tx: Tx, registry: { db: Db; hooks: CommitHook[] }): void {
  commitHooks.set(tx, registry);
  const nested = tx.transaction.bind(tx);
  tx.transaction = (<T>(work: (inner: Tx) => Promise<T>) =>
    nested(async (inner) => {
      track(inner, registry);
      return await work(inner);
    })) as Tx['transaction'];
}

export function createDb(pool: pg.Pool): Db {
  const db = drizzle({ client: pool, schema, casing: 'snake_case' }) as unknown as Db;
  const transaction = db.transaction.bind(db);
  db.transaction = (async (work, config) => {
    const registry = { db, hooks: [] as CommitHook[] };
    const result = await transaction(async (tx) => {
      track(tx, registry);
      return await work(tx);
    }, config);
    // Committed: what had to wait for it runs now. It is only ever a nudge (a wake-up) with a
    // safety net behind it, so a failure here must not turn a committed change into an error.
    for (const hook of registry.hooks) await hook(db).catch(() => undefined);
    return result;
  }) as Db['transaction'];
  return db;
}

/**
 * Run `hook` (given the database, outside any transaction) once the transaction `executor` belongs
 * to has committed — before `db.transaction(…)` returns; never if it rolls back. Outside a
 * transaction it runs at once. For nudges that must not hold locks until commit (a job wake-up
 * every writer would otherwise queue on), and that a safety net covers if the process dies between.
 */
export async function afterCommit(executor: Executor, hook: CommitHook): Promise<void> {
  const registry = commitHooks.get(executor);
  if (registry) registry.hooks.push(hook);
  else await hook(executor as Db).catch(() => undefined);
}

/** Run `work` in one transaction; everything it writes (rows, audit, outbox) commits or none does. */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return await db.transaction(work);
}
