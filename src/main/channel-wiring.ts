import { type InboundDeps, inboundJobs, inboundRoutes, mailboxRoutes } from '../features/channels/index.js';
import type { JobDefinition, Schedule } from '../jobs/worker.js';
import type { AppParts } from './parts.js';
import { ticketDeps } from './ticket-wiring.js';

/** The email channel: intake goes through the tickets feature's use cases, with the SLA hooks. */
export function inboundDeps(parts: AppParts): InboundDeps {
  const { config, database, clock, log } = parts;
  return {
    db: database.db,
    clock,
    log: log.child({ component: 'email-intake' }),
    tickets: ticketDeps(parts),
    attachmentMaxBytes: config.tickets.attachmentMaxBytes,
    senderLimitPerHour: config.inbound.senderLimitPerHour,
  };
}

export function channelRouteModules(parts: AppParts) {
  const { database, clock, config } = parts;
  return [
    mailboxRoutes({ db: database.db, clock }),
    inboundRoutes({ ...inboundDeps(parts), inboundMaxBytes: config.inbound.maxBytes }),
  ];
}

export function channelJobDefinitions(parts: AppParts): { jobs: JobDefinition[]; schedules: Schedule[] } {
  return {
    jobs: inboundJobs(inboundDeps(parts)),
    schedules: [{ cron: '* * * * *', task: 'email.process_pending' }],
  };
}
