import {
  Logger as JobLogger,
  parseCronItems,
  type Runner,
  run,
  type Task,
  type TaskList,
} from 'graphile-worker';
import type pg from 'pg';
import type { Logger } from '../platform/logger.js';

/** A background task: the handler must be idempotent (a job may run again after a crash). */
export interface JobDefinition {
  name: string;
  handler: (payload: unknown, helpers: { jobId: string; attempts: number; log: Logger }) => Promise<void>;
}

/** A recurring schedule in crontab syntax (UTC), e.g. `0 * * * *` hourly. */
export interface Schedule {
  cron: string;
  task: string;
  /** After downtime, run for the periods missed up to this long ago (milliseconds). */
  backfillMs?: number;
}

export interface WorkerOptions {
  pool: pg.Pool;
  log: Logger;
  concurrency: number;
  jobs: JobDefinition[];
  schedules: Schedule[];
  pollIntervalMs?: number;
}

function toTaskList(jobs: JobDefinition[], log: Logger): TaskList {
  const list: TaskList = {};
  for (const job of jobs) {
    const task: Task = async (payload, helpers) => {
      await job.handler(payload, {
        jobId: helpers.job.id,
        attempts: helpers.job.attempts,
        log: log.child({ job: job.name }),
      });
    };
    list[job.name] = task;
  }
  return list;
}

// Programmatic cron items (not crontab text): our task names contain dots, which crontab text forbids.
function toCronItems(schedules: Schedule[]) {
  return parseCronItems(
    schedules.map((schedule) => ({
      task: schedule.task,
      match: schedule.cron,
      identifier: schedule.task,
      options: {
        backfillPeriod: schedule.backfillMs ?? 0,
        jobKey: `cron:${schedule.task}`,
        jobKeyMode: 'replace' as const,
      },
    })),
  );
}

function jobLogger(log: Logger): JobLogger {
  return new JobLogger((scope) => (level, message, meta) => {
    const method = level === 'error' ? 'error' : level === 'warning' ? 'warn' : 'debug';
    log[method]({ ...scope, ...meta }, message);
  });
}

/**
 * Start a job worker on the shared PostgreSQL (graphile-worker: SKIP LOCKED claims, LISTEN/NOTIFY
 * wake-ups, cron with backfill). Any number of workers may run against one database.
 */
export async function startWorker(options: WorkerOptions): Promise<Runner> {
  return await run({
    pgPool: options.pool,
    concurrency: options.concurrency,
    taskList: toTaskList(options.jobs, options.log),
    parsedCronItems: toCronItems(options.schedules),
    noHandleSignals: true,
    pollInterval: options.pollIntervalMs ?? 2000,
    logger: jobLogger(options.log.child({ component: 'worker' })),
  });
}
