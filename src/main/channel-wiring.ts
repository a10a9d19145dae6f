import {
  type InboundDeps,
  inboundJobs,
  inboundRoutes,
  loadTls,
  mailboxRoutes,
  messageIdFor,
  startSmtpListener,
  ticketThreads,
} from '../features/channels/index.js';
import { ticketMailSubscriber } from '../features/notifications/index.js';
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
    jobs: inboundJobs(inboundDeps(parts), { maxBytes: parts.config.inbound.maxBytes }),
    schedules: [
      { cron: '* * * * *', task: 'email.process_pending' },
      { cron: '* * * * *', task: 'email.imap_poll' },
    ],
  };
}

/**
 * The SMTP listener, where jobs run (the worker, or `serve` with its embedded worker). Another
 * process on this host holding the port is not fatal: one listener is enough, the rest log it.
 */
export async function startMailIntake(parts: AppParts): Promise<{ stop(): Promise<void> }> {
  const settings = parts.config.inbound.smtp;
  if (!settings) return { stop: async () => {} };
  const deps = inboundDeps(parts);
  try {
    const listener = await startSmtpListener(deps, {
      host: settings.host,
      port: settings.port,
      maxBytes: parts.config.inbound.maxBytes,
      tls: loadTls(settings.tlsCertFile, settings.tlsKeyFile),
    });
    parts.log.info({ host: settings.host, port: listener.port }, 'SMTP listener accepting mail');
    return { stop: () => listener.close() };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    parts.log.warn({ port: settings.port }, 'SMTP port in use by another process; this one does not listen');
    return { stop: async () => {} };
  }
}

/** Mail about tickets, threaded by the email channel (Message-IDs, Reply-To, the mailbox's language). */
export function ticketMailSubscriberFor(parts: AppParts) {
  const { config, database } = parts;
  return ticketMailSubscriber({
    db: database.db,
    publicUrl: config.http.publicUrl,
    closeGraceDays: config.tickets.closeGraceDays,
    threadOf: ticketThreads(database.db, {
      replyDomain: config.mail.replyDomain,
      replyAddress: config.mail.replyAddress,
      language: config.mail.language,
    }),
    messageIdFor: messageIdFor(config.mail.replyDomain),
  });
}
