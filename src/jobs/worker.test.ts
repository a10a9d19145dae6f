import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.js';
import { silentLogger } from '../platform/logger.js';
import { enqueueJob } from './queue.js';
import { type JobDefinition, startWorker } from './worker.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query('create table job_runs (job_number int not null, worker text not null)');
});
afterAll(async () => database?.drop());

function recordingJob(worker: string): JobDefinition {
  return {
    name: 'test.record',
    async handler(payload) {
      const { n } = payload as { n: number };
      await database.pool.query('insert into job_runs (job_number, worker) values ($1, $2)', [n, worker]);
      // A little work, so both workers are busy at the same time.
      await new Promise((resolve) => setTimeout(resolve, 2));
    },
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('job workers', () => {
  it('never run one job twice, with two workers competing for 400 jobs', async () => {
    const total = 400;
    for (let n = 0; n < total; n++) await enqueueJob(database.db, 'test.record', { n });
    const log = silentLogger();
    const options = { pool: database.pool, log, concurrency: 4, schedules: [], pollIntervalMs: 100 };
    const [first, second] = await Promise.all([
      startWorker({ ...options, jobs: [recordingJob('first')] }),
      startWorker({ ...options, jobs: [recordingJob('second')] }),
    ]);
    try {
      await waitFor(
        async () => (await database.pool.query('select count(*)::int as n from job_runs')).rows[0].n >= total,
        30_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 300)); // would a duplicate still arrive?
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    const { rows } = await database.pool.query(
      `select count(*)::int as runs, count(distinct job_number)::int as distinct_jobs,
              count(distinct worker)::int as workers from job_runs`,
    );
    expect(rows[0]).toEqual({ runs: total, distinct_jobs: total, workers: 2 });
  });

  it('replaces a pending job with the same key instead of queueing it twice (idempotent scheduling)', async () => {
    await database.pool.query('truncate job_runs');
    for (let attempt = 0; attempt < 5; attempt++)
      await enqueueJob(database.db, 'test.record', { n: attempt }, { jobKey: 'only-once' });
    const runner = await startWorker({
      pool: database.pool,
      log: silentLogger(),
      concurrency: 2,
      schedules: [],
      jobs: [recordingJob('solo')],
      pollIntervalMs: 100,
    });
    try {
      await waitFor(
        async () => (await database.pool.query('select count(*)::int as n from job_runs')).rows[0].n >= 1,
        10_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await runner.stop();
    }
    const { rows } = await database.pool.query('select job_number from job_runs');
    expect(rows).toEqual([{ job_number: 4 }]);
  });

  it('does not run a job whose transaction rolled back', async () => {
    await database.pool.query('truncate job_runs');
    await database.db
      .transaction(async (tx) => {
        await enqueueJob(tx, 'test.record', { n: 99 });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const { rows } = await database.pool.query(
      `select count(*)::int as n from graphile_worker.jobs where task_identifier = 'test.record'`,
    );
    expect(rows[0].n).toBe(0);
  });
});
