import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';

export interface EnqueueOptions {
  /** At most one pending job per key: later calls replace it (idempotent scheduling). */
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  queueName?: string;
}

/**
 * Add a background job in the caller's transaction: it becomes visible to workers only if the
 * transaction commits, so a job never runs for a change that was rolled back.
 */
export async function enqueueJob(
  executor: Executor,
  task: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<void> {
  await executor.execute(
    sql`select graphile_worker.add_job(
      ${task},
      ${JSON.stringify(payload)}::json,
      queue_name => ${options.queueName ?? null},
      run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? 25},
      job_key => ${options.jobKey ?? null}
    )`,
  );
}
