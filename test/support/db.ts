import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../src/db/database.js';
import { silentLogger } from '../../src/platform/logger.js';

let counter = 0;

export interface TestDatabase extends Database {
  name: string;
  /** Connection settings for this database (for child processes and extra pools). */
  settings: pg.PoolConfig;
  /** A DATABASE_URL-style string when the server is reachable by URL (embedded uses a socket). */
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file (cloned from the run's template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { admin, template, runId } = inject('testDatabase');
  const name = `tend_t_${runId}_${process.pid}_${counter++}`;
  const client = new pg.Client(admin);
  await client.connect();
  try {
    await client.query(`create database "${name}" template "${template}"`);
  } finally {
    await client.end();
  }
  const settings = settingsFor(admin, name);
  const database = createDatabase(settings, 'url', {
    log: silentLogger(),
    poolSize: 10,
    applicationName: 'tend-test',
  });
  return {
    ...database,
    name,
    settings,
    async drop() {
      await database.close();
      const dropper = new pg.Client(admin);
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`).finally(() => dropper.end());
    },
  };
}

export function settingsFor(admin: pg.ClientConfig, database: string): pg.PoolConfig {
  if (admin.connectionString) {
    const url = new URL(admin.connectionString);
    url.pathname = `/${database}`;
    return { connectionString: url.toString() };
  }
  return { ...admin, database } as pg.PoolConfig;
}

/** A postgres:// URL for a database (socket directories go in the host query parameter). */
export function urlFor(settings: pg.PoolConfig): string {
  if (settings.connectionString) return settings.connectionString;
  const password = settings.password ? `:${encodeURIComponent(String(settings.password))}` : '';
  const host = String(settings.host ?? '127.0.0.1');
  const socket = host.startsWith('/');
  const base = `postgres://${settings.user ?? 'postgres'}${password}@${socket ? 'localhost' : host}:${settings.port ?? 5432}/${settings.database}`;
  return socket ? `${base}?host=${encodeURIComponent(host)}` : base;
}
