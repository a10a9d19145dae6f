import type { JobDefinition } from '../../jobs/worker.js';
import { type ImapConnector, imapflowConnector, pollImapMailboxes } from './imap-poller.js';
import { type InboundDeps, processPending } from './inbound.service.js';

export const PROCESS_PENDING_TASK = 'email.process_pending';
export const IMAP_POLL_TASK = 'email.imap_poll';

/**
 * The safety net for mail stored but never processed (the process died in between), and IMAP
 * polling (graphile-worker's cron runs each once per minute across all workers).
 */
export function inboundJobs(
  deps: InboundDeps,
  options: { maxBytes: number; connector?: ImapConnector },
): JobDefinition[] {
  return [
    {
      name: PROCESS_PENDING_TASK,
      async handler(_payload, { log }) {
        const processed = await processPending({ ...deps, log });
        if (processed > 0) log.info({ processed }, 'pending inbound mail processed');
      },
    },
    {
      name: IMAP_POLL_TASK,
      async handler(_payload, { log }) {
        const connector = options.connector ?? imapflowConnector(log);
        const result = await pollImapMailboxes({ ...deps, log }, connector, { maxBytes: options.maxBytes });
        if (result.stored + result.skipped > 0) log.info(result, 'IMAP mail taken');
      },
    },
  ];
}
