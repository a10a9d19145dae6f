import { type Database, openDatabase } from '../db/database.js';
import { migrateDatabase, pendingMigrations } from '../db/migrate.js';
import type { Config } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';

/**
 * Open the database for a long-running role. Embedded installations migrate themselves at start;
 * on a shared server migrations are an explicit step (`tend migrate`), never a side effect of boot.
 */
export async function openForRole(
  config: Config,
  log: Logger,
  applicationName: string,
  allowAttach = false,
): Promise<Database> {
  const database = await openDatabase(config, {
    log,
    poolSize: config.dbPoolSize,
    applicationName,
    allowAttach,
  });
  try {
    if (database.kind === 'embedded') {
      await migrateDatabase(database.pool);
    } else {
      const pending = await pendingMigrations(database.pool);
      if (pending.length > 0) {
        throw new AppError(
          'unavailable',
          'database.migrations_pending',
          `the database schema is behind (${pending.length} migrations pending): run "tend migrate" first`,
        );
      }
    }
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Run `stop` once on SIGINT/SIGTERM; a second signal exits at once. */
export function onShutdownSignal(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** Input never crashes the process: a stray rejection is logged, not fatal. */
export function installCrashGuards(log: Logger): void {
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
}
