import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorBody } from '../../contracts/common.js';
import { LIVE_MAX_CONNECTIONS_PER_USER } from '../../contracts/live.js';
import type { Db } from '../../db/client.js';
import { type CallerResolver, SESSION_COOKIE } from '../../http/auth-hooks.js';
import { standardErrors } from '../../http/route-helpers.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, validationError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { LiveHub } from './hub.js';
import { latestEventId, replayAfter, type StartingPoint } from './replay.js';
import { LiveStream } from './stream.js';

export interface LiveRouteDeps {
  db: Db;
  hub: LiveHub;
  clock: Clock;
  log: Logger;
  resolveCaller: CallerResolver;
  /** A comment line this often keeps proxies from closing an idle stream (and re-checks the caller). */
  heartbeatMs?: number;
}

const DESCRIPTION = `Server-Sent Events: a \`change\` event (JSON: id, type, at, entity {kind, id, number}, byYou) whenever something the caller may read changes — staff: their organisations; customer managers: their organisation's tickets; requesters: tickets they request or watch; internal notes never reach customers. A hint to refetch, never the content. \`ready\` once subscribed, \`resync\` when events may have been missed (refetch everything). Send \`Last-Event-ID\` to replay missed events (up to an hour and 500 events). At most ${LIVE_MAX_CONNECTIONS_PER_USER} open streams per user and server.`;

const liveQuery = z.strictObject({
  lastEventId: z
    .string()
    .regex(/^\d{1,15}$/, 'must be an event id (digits)')
    .optional()
    .describe('the same as the Last-Event-ID header (for a client that opens a new EventSource itself)'),
});

/** Last-Event-ID (sent by a reconnecting EventSource), else ?lastEventId=, else none. */
function lastEventIdOf(request: FastifyRequest): number | null {
  const sent = request.headers['last-event-id'];
  if (sent === undefined || sent === '') {
    const { lastEventId } = request.query as z.infer<typeof liveQuery>;
    return lastEventId === undefined ? null : Number(lastEventId);
  }
  if (typeof sent !== 'string' || !/^\d{1,15}$/.test(sent))
    throw validationError([{ path: 'headers.last-event-id', message: 'must be an event id (digits)' }]);
  return Number(sent);
}

/** Who the request's credentials stand for now (the stream re-asks at each heartbeat). */
function reauthenticator(request: FastifyRequest, resolve: CallerResolver): () => Promise<Actor | null> {
  const sessionSecret = request.cookies[SESSION_COOKIE] ?? null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;
  return async () => (await resolve({ sessionSecret, bearer }))?.actor ?? null;
}

export function liveRoutes(deps: LiveRouteDeps) {
  return (app: FastifyInstance) => {
    app.get(
      '/api/v1/live',
      {
        config: { roles: 'everyone signed in (what each hears depends on who they are)' },
        schema: {
          tags: ['live'],
          summary: 'Live updates (text/event-stream)',
          description: DESCRIPTION,
          querystring: liveQuery,
          response: {
            200: z.string().describe('text/event-stream'),
            ...standardErrors,
            429: errorBody.describe('too many open streams for this user'),
          },
        },
      },
      async (request, reply) => {
        const actor = request.actor!;
        const lastEventId = lastEventIdOf(request);
        const userKey = actor.userId ?? `token:${actor.tokenId}`;
        if (!deps.hub.admit(userKey))
          throw new AppError(
            'rate_limited',
            'live.too_many_streams',
            `at most ${LIVE_MAX_CONNECTIONS_PER_USER} live update streams per user; close another tab`,
          );
        reply.hijack();
        reply.raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          'x-accel-buffering': 'no',
          connection: 'keep-alive',
          'x-request-id': request.id,
          'x-content-type-options': 'nosniff',
        });
        const stream = new LiveStream({
          db: deps.db,
          hub: deps.hub,
          log: deps.log,
          res: reply.raw,
          actor,
          reauthenticate: reauthenticator(request, deps.resolveCaller),
          heartbeatMs: deps.heartbeatMs ?? 25_000,
        });
        const startingPoint = async (): Promise<StartingPoint> => {
          const position = await latestEventId(deps.db);
          if (lastEventId === null) return { position, replay: null };
          return { position, replay: await replayAfter(deps.db, lastEventId, deps.clock.now()) };
        };
        await stream.start(startingPoint, () => deps.hub.release(userKey));
      },
    );
  };
}
