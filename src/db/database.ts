import pg from 'pg';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import { createDb, type Db } from './client.js';
import { type EmbeddedServer, startEmbedded } from './embedded/index.js';

export interface Database {
  pool: pg.Pool;
  db: Db;
  /** Connection settings, for tools that need their own connection (jobs, LISTEN, backup). */
  connection: pg.PoolConfig;
  kind: 'embedded' | 'url';
  close(): Promise<void>;
}

export interface OpenOptions {
  log: Logger;
  /** CLI commands may reuse the embedded server a running `tend serve` owns. */
  allowAttach?: boolean;
  poolSize?: number;
  applicationName?: string;
}

export async function openDatabase(config: Config, options: OpenOptions): Promise<Database> {
  let embedded: EmbeddedServer | null = null;
  let connection: pg.PoolConfig;
  if (config.database.kind === 'embedded') {
    embedded = await startEmbedded({
      dataDir: config.database.dataDir,
      log: options.log,
      allowAttach: options.allowAttach ?? false,
    });
    connection = embedded.connection;
  } else {
    connection = { connectionString: config.database.url };
  }
  return createDatabase(connection, config.database.kind, options, embedded);
}

export function createDatabase(
  connection: pg.PoolConfig,
  kind: 'embedded' | 'url',
  options: OpenOptions,
  embedded: EmbeddedServer | null = null,
): Database {
  const pool = new pg.Pool({
    ...connection,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'tend',
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  const report = (error: Error & { code?: string }) =>
    options.log.warn({ code: error.code, message: error.message }, 'database connection failed');
  pool.on('error', report);
  // A client checked out when the server goes away must not throw an unhandled 'error' event.
  pool.on('connect', (client) => client.on('error', report));
  let closed = false;
  return {
    pool,
    db: createDb(pool),
    connection,
    kind,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
      await embedded?.stop();
    },
  };
}
