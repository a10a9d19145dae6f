import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../contracts/common.js';
import {
  calendarFeedPage,
  calendarFeedTokenParams,
  calendarFeedWithUrl,
  createCalendarFeed,
  listCalendarFeedsQuery,
} from '../../contracts/maintenance-windows.js';
import type { Db } from '../../db/client.js';
import { contextOf, created, idParams, standardErrors } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { createFeedFor, listFeedsFor, renderFeed, revokeFeedFor, rotateFeedFor } from './feeds.service.js';

export interface FeedRouteDeps {
  db: Db;
  clock: Clock;
  publicUrl: string;
}

const tags = ['maintenance'];
const errors = { ...standardErrors, 409: errorBody };
const keepers = { roles: 'admin, service_manager; customer_manager (own organisation)' };

function manageRoutes(app: FastifyInstance, deps: FeedRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
  r.post(
    '/api/v1/calendar-feeds',
    {
      config: keepers,
      schema: {
        tags,
        summary:
          'A private iCalendar feed of an organisation’s (or one service’s) windows; the URL is shown once',
        body: createCalendarFeed,
        response: { 201: calendarFeedWithUrl, ...errors },
      },
    },
    async (request, reply) => created(reply, await createFeedFor(deps, ctx(request), request.body)),
  );
  r.get(
    '/api/v1/calendar-feeds',
    {
      config: { roles: 'staff; customer_manager (own organisation)' },
      schema: {
        tags,
        summary: 'Calendar feeds, newest first (never their tokens)',
        querystring: listCalendarFeedsQuery,
        response: { 200: calendarFeedPage, ...errors },
      },
    },
    async (request) => listFeedsFor(deps.db, ctx(request), request.query),
  );
  r.post(
    '/api/v1/calendar-feeds/:id/rotate',
    {
      config: keepers,
      schema: {
        tags,
        summary: 'A new URL for the feed; the old one stops working',
        params: idParams,
        response: { 200: calendarFeedWithUrl, ...errors },
      },
    },
    async (request) => rotateFeedFor(deps, ctx(request), request.params.id),
  );
  r.delete(
    '/api/v1/calendar-feeds/:id',
    {
      config: keepers,
      schema: { tags, summary: 'Revoke a feed', params: idParams, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await revokeFeedFor(deps.db, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

/** The feed itself: public, the token in the URL is the credential (calendar clients send no other). */
function publicRoute(app: FastifyInstance, deps: FeedRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/calendar-feeds/:file',
    {
      config: { auth: 'public', roles: 'anyone with the URL' },
      schema: {
        tags,
        summary: 'The feed (text/calendar, RFC 5545) by its private URL; 404 once revoked or rotated',
        params: calendarFeedTokenParams,
        security: [],
      },
    },
    async (request, reply) => {
      const text = await renderFeed(deps, request.params.file, deps.clock.now());
      if (text === null) throw notFound('calendar_feed');
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .header('content-disposition', 'inline; filename="maintenance.ics"')
        .send(text);
    },
  );
}

export function calendarFeedRoutes(deps: FeedRouteDeps) {
  return (app: FastifyInstance) => {
    manageRoutes(app, deps);
    publicRoute(app, deps);
  };
}
