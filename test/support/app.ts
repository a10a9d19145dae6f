import type { FastifyInstance } from 'fastify';
import type { Runner } from 'graphile-worker';
import { startWorker } from '../../src/jobs/worker.js';
import { buildHttp, buildJobs } from '../../src/main/app.js';
import { type Clock, systemClock } from '../../src/platform/clock.js';
import { type Config, loadConfig } from '../../src/platform/config.js';
import { silentLogger } from '../../src/platform/logger.js';
import type { Mailer } from '../../src/platform/mailer.js';
import { createTestDatabase, type TestDatabase, urlFor } from './db.js';

export interface TestServer {
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  clock: Clock;
  close(): Promise<void>;
}

export interface TestServerOptions {
  clock?: Clock;
  /** Extra environment variables (TEND_*) for the configuration. */
  env?: Record<string, string>;
  /** Run the job worker in-process too (mail, outbox). */
  worker?: boolean;
  mailer?: Mailer;
  /** Reuse a database (e.g. to start a second server on the same data). */
  database?: TestDatabase;
}

/** A real Tend HTTP server on 127.0.0.1 with a fresh database, for API and browser tests. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    DATABASE_URL: urlFor(database.settings),
    TEND_HOST: '127.0.0.1',
    TEND_PORT: '0',
    TEND_LOG_LEVEL: 'silent',
    TEND_PUBLIC_URL: 'http://127.0.0.1',
    // Tests change sessions, tokens and users straight in the database and expect the very next
    // request to see it; the caller cache would learn of such changes a moment later (by NOTIFY).
    // test/api/auth-cache.test.ts turns it on.
    TEND_AUTH_CACHE_SECONDS: '0',
    ...options.env,
  });
  const clock = options.clock ?? systemClock;
  const log = silentLogger();
  const parts = { config, database, clock, log, mailer: options.mailer };
  const app = await buildHttp(parts);
  let runner: Runner | null = null;
  if (options.worker) {
    const { jobs, schedules } = buildJobs(parts);
    runner = await startWorker({
      pool: database.pool,
      log,
      concurrency: 2,
      jobs,
      schedules,
      pollIntervalMs: 200,
    });
  }
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    database,
    config,
    clock,
    async close() {
      await app.close();
      await runner?.stop();
      if (!options.database) await database.drop();
    },
  };
}
