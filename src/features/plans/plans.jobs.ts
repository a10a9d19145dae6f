import { z } from 'zod';
import type { JobDefinition, Schedule } from '../../jobs/worker.js';
import type { Clock } from '../../platform/clock.js';
import { type GenerationDeps, generateDueTasks, generateForPlan } from './generation.js';
import { GENERATE_PLAN_TASK } from './plans.service.js';

/** The hourly sweep over every active plan (and the catch-up after downtime, by their marks). */
export const GENERATE_DUE_TASK = 'maintenance.generate_due';

export function planJobs(deps: GenerationDeps & { clock: Clock }): {
  jobs: JobDefinition[];
  schedules: Schedule[];
} {
  return {
    jobs: [
      {
        name: GENERATE_PLAN_TASK,
        async handler(payload, { log }) {
          const { planId } = z.object({ planId: z.string() }).parse(payload);
          const created = await generateForPlan(deps, planId, deps.clock.now());
          if (created > 0) log.info({ planId, created }, 'maintenance tasks generated');
        },
      },
      {
        name: GENERATE_DUE_TASK,
        async handler(_payload, { log }) {
          const created = await generateDueTasks(deps, deps.clock.now(), log);
          if (created > 0) log.info({ created }, 'maintenance tasks generated');
        },
      },
    ],
    // Hourly: a task appears within the hour its lead time begins.
    schedules: [{ cron: '7 * * * *', task: GENERATE_DUE_TASK }],
  };
}
