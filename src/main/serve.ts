import type { FastifyInstance } from 'fastify';
import type { Runner } from 'graphile-worker';
import type { Database } from '../db/database.js';
import { startWorker } from '../jobs/worker.js';
import { type Clock, systemClock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import { buildHttp, buildJobs } from './app.js';
import { startMailIntake } from './channel-wiring.js';
import { onShutdownSignal, openForRole } from './runtime.js';

export interface RunningServer {
  url: string;
  http: FastifyInstance;
  database: Database;
  stop(): Promise<void>;
}

export async function startServe(
  config: Config,
  log: Logger,
  clock: Clock = systemClock,
): Promise<RunningServer> {
  const database = await openForRole(config, log, 'tend-serve');
  let runner: Runner | null = null;
  let http: FastifyInstance | null = null;
  let intake: { stop(): Promise<void> } | null = null;
  const stop = async () => {
    await intake?.stop();
    await http?.close();
    await runner?.stop();
    await database.close();
  };
  try {
    http = await buildHttp({ config, database, clock, log });
    if (config.worker.inServe) {
      const { jobs, schedules } = buildJobs({ config, database, clock, log });
      runner = await startWorker({
        pool: database.pool,
        log,
        concurrency: config.worker.concurrency,
        jobs,
        schedules,
      });
      intake = await startMailIntake({ config, database, clock, log });
    }
    await http.listen({ host: config.http.host, port: config.http.port });
    const address = http.server.address();
    const port = typeof address === 'object' && address ? address.port : config.http.port;
    const url = config.http.publicUrl.replace(/:\d+$/, `:${port}`);
    return { url, http, database, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function serveCommand(config: Config, log: Logger): Promise<void> {
  const server = await startServe(config, log);
  onShutdownSignal(log, server.stop);
  const mode =
    server.database.kind === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL server';
  process.stdout.write(
    `Tend is running at ${server.url} (${mode}${config.worker.inServe ? ', with job worker' : ''})\n`,
  );
}

export async function workerCommand(config: Config, log: Logger): Promise<void> {
  // Embedded: a worker joins the PostgreSQL of a running `tend serve` rather than fighting it for the lock.
  const database = await openForRole(config, log, 'tend-worker', true);
  const clock = systemClock;
  const { jobs, schedules } = buildJobs({ config, database, clock, log });
  const runner = await startWorker({
    pool: database.pool,
    log,
    concurrency: config.worker.concurrency,
    jobs,
    schedules,
  });
  const intake = await startMailIntake({ config, database, clock, log });
  onShutdownSignal(log, async () => {
    await intake.stop();
    await runner.stop();
    await database.close();
  });
  process.stdout.write(`Tend worker is running (concurrency ${config.worker.concurrency})\n`);
}
