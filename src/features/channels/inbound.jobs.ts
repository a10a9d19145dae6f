import type { JobDefinition } from '../../jobs/worker.js';
import { type InboundDeps, processPending } from './inbound.service.js';

export const PROCESS_PENDING_TASK = 'email.process_pending';

/** The safety net for mail stored but never processed (the process died in between). */
export function inboundJobs(deps: InboundDeps): JobDefinition[] {
  return [
    {
      name: PROCESS_PENDING_TASK,
      async handler(_payload, { log }) {
        const processed = await processPending({ ...deps, log });
        if (processed > 0) log.info({ processed }, 'pending inbound mail processed');
      },
    },
  ];
}
