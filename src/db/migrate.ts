import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { runMigrations as runJobMigrations } from 'graphile-worker';
import type pg from 'pg';
import { packageRoot } from '../platform/paths.js';

// Any constant works; it only has to be the same in every Tend process.
const MIGRATION_LOCK_KEY = 7_361_202_601;

export function migrationsFolder(): string {
  return join(packageRoot(), 'src', 'db', 'migrations');
}

/**
 * Bring the schema (ours and the job queue's) up to date. Safe to run from several processes at
 * once: an advisory lock serialises them and the later ones find nothing to do.
 */
export async function migrateDatabase(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: migrationsFolder() });
      await runJobMigrations({ pgPool: pool });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** The newest migration applied, to refuse a backup from a newer Tend than this one. */
export async function schemaVersion(pool: pg.Pool): Promise<number | null> {
  const found = await pool.query<{ created_at: string }>(
    `select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  return found.rows[0] ? Number(found.rows[0].created_at) : null;
}

interface Journal {
  entries: { tag: string; when: number }[];
}

/** Migrations in the folder that the database has not applied yet (by their timestamp). */
export async function pendingMigrations(pool: pg.Pool): Promise<string[]> {
  const journal = JSON.parse(
    readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8'),
  ) as Journal;
  const exists = await pool.query(
    `select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  const latest = exists.rows[0]?.present ? await schemaVersion(pool) : null;
  return journal.entries.filter((entry) => latest === null || entry.when > latest).map((entry) => entry.tag);
}
