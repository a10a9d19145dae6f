import { eq } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maintenancePlans } from '../../src/db/schema/index.js';
import { generateRound } from '../../src/features/plans/generation.js';
import { GENERATE_DUE_TASK, GENERATE_PLAN_TASK } from '../../src/features/plans/index.js';
import { enqueueJob } from '../../src/jobs/queue.js';
import { type JobDefinition, startWorker } from '../../src/jobs/worker.js';
import { buildJobs } from '../../src/main/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenService } from '../support/changes.js';
import { givenProvider, PASSWORD } from '../support/factories.js';
import { type Caller, login } from '../support/http.js';
import { eventually, planBody, plansApi } from '../support/plans.js';

// 1 May 2026: no DST change within the next 30 days in any zone used here.
const clock = fixedClock('2026-05-01T00:00:00Z');
let server: TestServer;
let admin: Caller;
const DAILY_PLANS = 30;
const HOURLY_PLANS = 2;
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Sydney',
  'UTC',
  'Pacific/Chatham',
];
const planIds: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ clock });
  const { admin: user, providerId } = await givenProvider(server.database.db);
  admin = await login(server.app, user.email, PASSWORD);
  const { serviceId } = await givenService(server.database.db, providerId);
  const api = plansApi(server);
  // Created with no worker running: each plan's generation job waits in the queue.
  for (let n = 0; n < DAILY_PLANS + HOURLY_PLANS; n++) {
    const hourly = n >= DAILY_PLANS;
    const response = await api.createPlan(
      admin,
      planBody(serviceId, {
        title: `Plan ${n}`,
        rrule: hourly ? 'FREQ=HOURLY' : 'FREQ=DAILY',
        dtstart: `2026-01-01T${String(n % 24).padStart(2, '0')}:30:00`,
        timezone: ZONES[n % ZONES.length],
        generateAheadDays: hourly ? 7 : 30,
      }),
    );
    expect(response.status).toBe(201);
    planIds.push(response.body.id);
  }
});
afterAll(async () => server?.close());

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return (await server.database.pool.query(sql, params)).rows[0].n;
}

/** The app's jobs, with the generation handlers noting which worker ran them. */
function jobsFor(worker: string, ran: string[]): JobDefinition[] {
  const parts = { config: server.config, database: server.database, clock, log: silentLogger() };
  return buildJobs(parts).jobs.map((job) =>
    [GENERATE_PLAN_TASK, GENERATE_DUE_TASK].includes(job.name)
      ? {
          ...job,
          async handler(payload, helpers) {
            ran.push(worker);
            await job.handler(payload, helpers);
          },
        }
      : job,
  );
}

// 30 daily plans × 30 days + 2 hourly plans × 7 days × 24 hours (two rounds of 100 each and more).
const EXPECTED = DAILY_PLANS * 30 + HOURLY_PLANS * 7 * 24;

describe('task generation with two workers', () => {
  it('creates every due task exactly once while two workers race over the same plans', async () => {
    // On top of the keyed job per plan: unkeyed duplicates and several sweeps, all at once.
    for (const planId of planIds) {
      await enqueueJob(server.database.db, GENERATE_PLAN_TASK, { planId });
      await enqueueJob(server.database.db, GENERATE_PLAN_TASK, { planId });
    }
    for (let n = 0; n < 6; n++) await enqueueJob(server.database.db, GENERATE_DUE_TASK, {});
    const ran: string[] = [];
    const options = {
      pool: server.database.pool,
      log: silentLogger(),
      concurrency: 4,
      schedules: [],
      pollIntervalMs: 100,
    };
    const runners: Runner[] = await Promise.all([
      startWorker({ ...options, jobs: jobsFor('first', ran) }),
      startWorker({ ...options, jobs: jobsFor('second', ran) }),
    ]);
    try {
      await eventually(
        async () =>
          (await count(
            `select count(*)::int as n from graphile_worker.jobs where task_identifier like 'maintenance.%'`,
          )) === 0,
        60_000,
      );
    } finally {
      await Promise.all(runners.map((runner) => runner.stop()));
    }
    expect(new Set(ran)).toEqual(new Set(['first', 'second']));
    expect(await count('select count(*)::int as n from maintenance_tasks')).toBe(EXPECTED);
    // Each plan has exactly the occurrences of its rule in [now, now + lead time).
    const perPlan = await server.database.pool.query(
      'select plan_id, count(*)::int as n, min(due_at) as first, max(due_at) as last from maintenance_tasks group by plan_id',
    );
    expect(perPlan.rows).toHaveLength(planIds.length);
    for (const row of perPlan.rows) {
      const hourly = planIds.indexOf(row.plan_id) >= DAILY_PLANS;
      expect(row.n).toBe(hourly ? 7 * 24 : 30);
      expect(new Date(row.first).getTime()).toBeGreaterThanOrEqual(clock.now().getTime());
    }
    // One event, one audit entry and one history entry per task: none for an insert that lost a race.
    expect(
      await count(`select count(*)::int as n from outbox_events where type = 'maintenance_task.created'`),
    ).toBe(EXPECTED);
    expect(
      await count(`select count(*)::int as n from audit_log where action = 'maintenance_task.created'`),
    ).toBe(EXPECTED);
    expect(
      await count(`select count(*)::int as n from maintenance_task_history where kind = 'created'`),
    ).toBe(EXPECTED);
    const marks = await server.database.pool.query(
      'select distinct generated_through from maintenance_plans',
    );
    expect(marks.rows.map((row) => new Date(row.generated_through).toISOString()).sort()).toEqual([
      '2026-05-08T00:00:00.000Z',
      '2026-05-31T00:00:00.000Z',
    ]);
  });

  it('never inserts a task twice even when two transactions generate the same plan from the same mark', async () => {
    const db = server.database.db;
    const planId = planIds[0]!;
    // Rewind the mark (as a restored backup might) and generate twice at once from that stale row.
    await db
      .update(maintenancePlans)
      .set({ generatedThrough: clock.now() })
      .where(eq(maintenancePlans.id, planId));
    const [stale] = await db.select().from(maintenancePlans).where(eq(maintenancePlans.id, planId));
    const deps = { db, publicUrl: 'http://127.0.0.1' };
    const later = new Date(clock.now().getTime() + 5 * 86_400_000);
    const results = await Promise.all(
      [0, 1].map(() => db.transaction(async (tx) => generateRound(tx, deps, stale!, later))),
    );
    // Days 31 to 35 are new; whichever transaction commits second finds them taken and adds nothing.
    expect(results.map((result) => result.created).sort()).toEqual([0, 5]);
    expect(await count('select count(*)::int as n from maintenance_tasks where plan_id = $1', [planId])).toBe(
      35,
    );
    expect(
      await count(
        `select count(*)::int as n from outbox_events where type = 'maintenance_task.created' and payload->'task'->>'planId' = $1`,
        [planId],
      ),
    ).toBe(35);
    const [plan] = await db.select().from(maintenancePlans).where(eq(maintenancePlans.id, planId));
    expect(plan!.generatedThrough.toISOString()).toBe('2026-06-05T00:00:00.000Z');
  });
});
