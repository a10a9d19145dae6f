import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, type Database } from '../src/db/database.js';
import { type EmbeddedServer, startEmbedded } from '../src/db/embedded/index.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { silentLogger } from '../src/platform/logger.js';

/**
 * The benchmark's PostgreSQL: the server of DATABASE_URL, or an embedded one in
 * TEND_BENCH_DATA_DIR (default .tmp/bench-pg), started as `tend serve` starts its own. Each scale
 * gets a database of its own, `tend_bench_<scale>`, kept between runs so that a 1M-ticket data set
 * is generated once.
 */
export interface BenchDatabase extends Database {
  name: string;
  /** Settings for more connections to the same database. */
  settings: pg.PoolConfig;
  /** A DATABASE_URL for child processes (`tend serve`, `tend worker`). */
  url: string;
  kind: 'embedded' | 'url';
}

export interface BenchServer {
  kind: 'embedded' | 'url';
  admin: pg.ClientConfig;
  stop(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const parsed = new URL(url);
    return { kind: 'url', admin: { connectionString: parsed.toString() }, stop: async () => undefined };
  }
  const dataDir = process.env.TEND_BENCH_DATA_DIR ?? join(process.cwd(), '.tmp', 'bench-pg');
  const embedded: EmbeddedServer = await startEmbedded({ dataDir, log: silentLogger(), allowAttach: true });
  return {
    kind: 'embedded',
    admin: { ...embedded.connection, database: 'postgres' },
    stop: () => embedded.stop(),
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

/** A postgres:// URL (a Unix socket directory goes in the host parameter). */
export function urlFor(settings: pg.PoolConfig): string {
  if (settings.connectionString) return settings.connectionString;
  const password = settings.password ? `:${encodeURIComponent(String(settings.password))}` : '';
  const host = String(settings.host ?? '127.0.0.1');
  const socket = host.startsWith('/');
  const base = `postgres://${settings.user ?? 'postgres'}${password}@${socket ? 'localhost' : host}:${settings.port ?? 5432}/${settings.database}`;
  return socket ? `${base}?host=${encodeURIComponent(host)}` : base;
}

export async function withAdmin<T>(admin: pg.ClientConfig, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client(admin);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Open (creating and migrating it if needed) the benchmark database of a scale. */
export async function openBenchDatabase(
  server: BenchServer,
  name: string,
  options: { fresh?: boolean; poolSize?: number } = {},
): Promise<BenchDatabase> {
  await withAdmin(server.admin, async (client) => {
    if (options.fresh) await client.query(`drop database if exists "${name}" with (force)`);
    const { rows } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rows.length === 0) await client.query(`create database "${name}"`);
  });
  const settings = settingsFor(server.admin, name);
  const database = createDatabase(settings, 'url', {
    log: silentLogger(),
    poolSize: options.poolSize ?? 10,
    applicationName: 'tend-bench',
  });
  await migrateDatabase(database.pool);
  return { ...database, name, settings, url: urlFor(settings), kind: server.kind };
}

export async function ticketCount(database: { pool: pg.Pool }): Promise<number> {
  const { rows } = await database.pool.query<{ count: string }>('select count(*) as count from tickets');
  return Number(rows[0]!.count);
}
