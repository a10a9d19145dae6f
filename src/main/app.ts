import type { FastifyInstance } from 'fastify';
import { auditRoutes } from '../features/audit/index.js';
import {
  authRoutes,
  createCallerResolver,
  deleteExpiredSessions,
  startCallerCache,
} from '../features/auth/index.js';
import { directoryRoutes } from '../features/directory/index.js';
import { LiveHub, liveRoutes } from '../features/live/index.js';
import {
  calendarFeedRoutes,
  MAINTENANCE_NOTICES_TASK,
  maintenanceJobs,
  maintenanceRoutes,
  maintenanceWindowRoutes,
} from '../features/maintenance/index.js';
import { mailJobs } from '../features/notifications/index.js';
import { type EventSubscriber, outboxJobs } from '../features/outbox/index.js';
import { planJobs, planRoutes, taskRoutes } from '../features/plans/index.js';
import { servicesRoutes } from '../features/services/index.js';
import {
  attachmentRoutes,
  bulkRoutes,
  closeExpiredResolutions,
  csatRoutes,
  linkRoutes,
  priorityMatrixRoutes,
  savedViewRoutes,
  ticketRoutes,
  timeEntryRoutes,
  watcherRoutes,
} from '../features/tickets/index.js';
import {
  WEBHOOK_SWEEP_TASK,
  webhookJobs,
  webhookSubscriber,
  webhooksRoutes,
} from '../features/webhooks/index.js';
import { createHttpServer } from '../http/server.js';
import type { JobDefinition, Schedule } from '../jobs/worker.js';
import { createMailer } from '../platform/mailer.js';
import { packageVersion } from '../platform/paths.js';
import { changeRouteModules } from './change-wiring.js';
import { channelJobDefinitions, channelRouteModules, ticketMailSubscriberFor } from './channel-wiring.js';
import type { AppParts } from './parts.js';
import { slaJobDefinitions, slaRouteModules, ticketDeps } from './ticket-wiring.js';

export type { AppParts } from './parts.js';

export async function buildHttp(parts: AppParts): Promise<FastifyInstance> {
  const { config, database, clock, log } = parts;
  const db = database.db;
  const publicUrl = config.http.publicUrl;
  const tickets = ticketDeps(parts);
  const callers = startCallerCache({
    connection: database.connection,
    ttlMs: config.auth.cacheSeconds * 1000,
    log,
  });
  // Sessions and tokens remembered between requests, forgotten on every change (caller-cache.ts).
  const resolveCaller = createCallerResolver({
    db,
    clock,
    sessionTtlHours: config.auth.sessionTtlHours,
    cache: callers.cache,
  });
  // One LISTEN connection per process for live updates, fanned out to its SSE streams.
  const live = new LiveHub({ connection: database.connection, log });
  const closeListeners = async () => {
    await live.close();
    await callers.close();
  };
  const http = await createHttpServer({
    log,
    version: packageVersion(),
    trustProxy: config.http.trustProxy,
    resolveCaller,
    isReady: async () => (await database.pool.query('select 1')).rowCount === 1,
    routes: [
      authRoutes({
        db,
        clock,
        publicUrl,
        loginRateLimitPerMinute: config.auth.loginRateLimitPerMinute,
        policy: {
          sessionTtlHours: config.auth.sessionTtlHours,
          maxFailures: config.auth.loginMaxFailures,
          lockoutMinutes: config.auth.lockoutMinutes,
        },
      }),
      directoryRoutes({ db, clock, publicUrl }),
      auditRoutes({ db, clock }),
      webhooksRoutes({ db, clock }),
      ticketRoutes({ ...tickets, clock }),
      ...slaRouteModules(parts),
      maintenanceRoutes(),
      planRoutes({ db, clock }),
      taskRoutes({ db, clock }),
      servicesRoutes({ db, clock }),
      maintenanceWindowRoutes({ db, clock }),
      calendarFeedRoutes({ db, clock, publicUrl }),
      timeEntryRoutes({ ...tickets, clock }),
      csatRoutes({ ...tickets, clock }),
      savedViewRoutes({ ...tickets, clock }),
      bulkRoutes({ ...tickets, clock }),
      priorityMatrixRoutes({ ...tickets, clock }),
      attachmentRoutes({ ...tickets, clock, attachmentMaxBytes: config.tickets.attachmentMaxBytes }),
      linkRoutes({ ...tickets, clock }),
      watcherRoutes({ ...tickets, clock }),
      ...channelRouteModules(parts),
      ...changeRouteModules(parts),
      liveRoutes({
        db,
        hub: live,
        clock,
        log,
        resolveCaller,
        heartbeatMs: config.live.heartbeatSeconds * 1000,
      }),
    ],
  }).catch(async (error: unknown) => {
    await closeListeners();
    throw error;
  });
  // Open streams end before the server closes: it waits for every response to finish.
  http.addHook('preClose', async () => live.endStreams());
  http.addHook('onClose', closeListeners);
  return http;
}

/** Subscribers to domain events; features add theirs here as they arrive. */
export function eventSubscribers(parts: AppParts): EventSubscriber[] {
  const now = () => parts.clock.now();
  // Ticket mail goes last: when an earlier subscriber fails, the event is retried before any mail is queued.
  return [webhookSubscriber(parts.database.db, now), ticketMailSubscriberFor(parts)];
}

export function buildJobs(parts: AppParts): { jobs: JobDefinition[]; schedules: Schedule[] } {
  const { config, database, clock, log } = parts;
  const mailer =
    parts.mailer ??
    createMailer({
      smtpUrl: config.mail.smtpUrl,
      from: config.mail.from,
      logWhenNoSmtp: config.mail.logWhenNoSmtp,
      log,
    });
  const jobs: JobDefinition[] = [
    ...mailJobs(mailer),
    ...outboxJobs(database.db, eventSubscribers(parts), () => clock.now()),
    ...webhookJobs({ db: database.db, clock, settings: config.webhooks }),
    ...maintenanceJobs({ db: database.db, clock, publicUrl: config.http.publicUrl }),
    {
      name: 'tickets.auto_close',
      async handler(_payload, helpers) {
        const closed = await closeExpiredResolutions(ticketDeps(parts), clock.now());
        helpers.log.debug({ closed }, 'resolved tickets past their grace period closed');
      },
    },
    {
      name: 'sessions.cleanup',
      async handler(_payload, helpers) {
        const removed = await deleteExpiredSessions(database.db, clock.now());
        helpers.log.debug({ removed }, 'expired sessions removed');
      },
    },
  ];
  const sla = slaJobDefinitions(parts);
  const channels = channelJobDefinitions(parts);
  const plans = planJobs({ db: database.db, clock, publicUrl: config.http.publicUrl });
  jobs.push(...sla.jobs, ...channels.jobs, ...plans.jobs);
  const schedules: Schedule[] = [
    ...sla.schedules,
    ...channels.schedules,
    ...plans.schedules,
    { cron: '17 * * * *', task: 'sessions.cleanup' },
    { cron: '*/10 * * * *', task: 'tickets.auto_close', backfillMs: 60 * 60_000 },
    // A safety net: dispatch runs on every event, and also every minute in case a wake-up was missed.
    { cron: '* * * * *', task: 'outbox.dispatch' },
    // Webhook deliveries whose job was lost (a crash mid-attempt, a restored backup) are queued again.
    { cron: '*/5 * * * *', task: WEBHOOK_SWEEP_TASK },
    // Window occurrences entering their service's notice lead time are announced (once each).
    { cron: '*/15 * * * *', task: MAINTENANCE_NOTICES_TASK },
  ];
  return { jobs, schedules };
}
