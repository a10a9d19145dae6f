import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { slaPolicies } from '../../db/schema/index.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { JobDefinition, Schedule } from '../../jobs/worker.js';
import type { Clock } from '../../platform/clock.js';
import { type CheckDeps, fireDueChecks } from './checks.js';
import { recomputeTickets, SLA_CHECK_TASK } from './engine.js';
import { RECOMPUTE_POLICY_TASK, scheduleRecompute } from './policies.service.js';
import { addTimelines, openTicketsUnderPolicy } from './sla.repo.js';

const SCAN_TASK = 'sla.scan';
const BATCH = 500;

const recomputePayload = z.object({
  policyId: z.string(),
  reason: z.string(),
  afterId: z.string().nullable(),
});

/** Recompute one batch of a policy's open tickets, then queue the next batch. */
async function recomputeBatch(
  db: Db,
  clock: Clock,
  payload: z.infer<typeof recomputePayload>,
): Promise<number> {
  return await db.transaction(async (tx) => {
    const ids = await openTicketsUnderPolicy(tx, payload.policyId, payload.afterId, BATCH);
    const now = clock.now();
    // The whole batch in a handful of statements (engine.ts), not a round of queries per ticket.
    await addTimelines(tx, ids, now, { kind: 'recomputed', reason: payload.reason });
    await recomputeTickets(tx, ids, now);
    if (ids.length === BATCH) {
      await enqueueJob(
        tx,
        RECOMPUTE_POLICY_TASK,
        { ...payload, afterId: ids.at(-1)! },
        { jobKey: `sla:policy:${payload.policyId}:${ids.at(-1)}` },
      );
    }
    return ids.length;
  });
}

/** After a calendar edit: every policy on that calendar recomputes its open tickets. */
export async function recomputeForCalendar(tx: Executor, calendarId: string): Promise<void> {
  const policies = await tx.select().from(slaPolicies).where(eq(slaPolicies.calendarId, calendarId));
  for (const policy of policies)
    await scheduleRecompute(tx, policy.id, `calendar changed (policy "${policy.name}")`);
}

export function slaJobs(deps: CheckDeps & { clock: Clock }): {
  jobs: JobDefinition[];
  schedules: Schedule[];
} {
  return {
    jobs: [
      {
        name: SLA_CHECK_TASK,
        async handler(payload) {
          const { ticketId } = z.object({ ticketId: z.string() }).parse(payload);
          await fireDueChecks(deps, deps.clock.now(), ticketId);
        },
      },
      {
        name: SCAN_TASK,
        async handler(_payload, { log }) {
          // The safety net (and the catch-up after downtime): whatever is due, for every ticket.
          let fired = 0;
          for (let round = 0; round < 50; round++) {
            const count = await fireDueChecks(deps, deps.clock.now());
            fired += count;
            if (count === 0) break;
          }
          if (fired > 0) log.info({ fired }, 'SLA warnings and breaches fired');
        },
      },
      {
        name: RECOMPUTE_POLICY_TASK,
        async handler(payload, { log }) {
          const count = await recomputeBatch(deps.db, deps.clock, recomputePayload.parse(payload));
          log.debug({ count }, 'SLA timers recomputed');
        },
      },
    ],
    schedules: [{ cron: '* * * * *', task: SCAN_TASK, backfillMs: 0 }],
  };
}
