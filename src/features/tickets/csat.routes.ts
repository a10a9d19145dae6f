import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '../../contracts/common.js';
import { csatRating, csatRatingList, rateTicket } from '../../contracts/ticket-csat.js';
import { ticketRefParams } from '../../contracts/tickets.js';
import { contextOf, created, standardErrors } from '../../http/route-helpers.js';
import { listRatings, rateResolution } from './csat.service.js';
import type { TicketRouteDeps } from './tickets.routes.js';

export function csatRoutes(deps: TicketRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['tickets'];
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);

    app.post(
      '/api/v1/tickets/:ref/rating',
      {
        config: { roles: 'the ticket’s requester' },
        schema: {
          tags,
          summary: 'Rate the current resolution (CSAT 1–5 and a comment), once per resolution',
          params: ticketRefParams,
          body: rateTicket,
          response: {
            201: csatRating,
            ...standardErrors,
            409: errorBody.describe('this resolution is already rated (tickets.already_rated)'),
            422: errorBody.describe('the ticket is not resolved (tickets.not_resolved)'),
          },
        },
      },
      async (request, reply) =>
        created(reply, await rateResolution(deps, ctx(request), request.params.ref, request.body)),
    );
    app.get(
      '/api/v1/tickets/:ref/ratings',
      {
        schema: {
          tags,
          summary: 'The ticket’s CSAT ratings, one per rated resolution',
          params: ticketRefParams,
          response: { 200: csatRatingList, ...standardErrors },
        },
      },
      async (request) => listRatings(deps, ctx(request), request.params.ref),
    );
  };
}
