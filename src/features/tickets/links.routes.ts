import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, listQuery } from '../../contracts/common.js';
import {
  createLink,
  linkParams,
  mergeResult,
  mergeTicket,
  ticketLink,
  ticketLinkPage,
} from '../../contracts/ticket-links.js';
import { ticketRefParams } from '../../contracts/tickets.js';
import { contextOf, created, standardErrors } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import { linkTickets, listLinks, unlinkTickets } from './links.service.js';
import { mergeTickets } from './merge.service.js';
import type { TicketDeps } from './tickets.service.js';

export interface LinkRouteDeps extends TicketDeps {
  clock: Clock;
}

const errors = {
  ...standardErrors,
  409: errorBody.describe('the tickets are already linked so'),
  422: errorBody.describe('the rules refuse it: self, another organisation, a cycle, wrong types, closed'),
};

export function linkRoutes(deps: LinkRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['tickets'];
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);

    app.get(
      '/api/v1/tickets/:ref/links',
      {
        schema: {
          tags,
          summary: 'Linked tickets, both directions (only those you can see); a problem lists its incidents',
          params: ticketRefParams,
          querystring: listQuery,
          response: { 200: ticketLinkPage, ...standardErrors },
        },
      },
      async (request) => listLinks(deps, ctx(request), request.params.ref, request.query),
    );
    app.post(
      '/api/v1/tickets/:ref/links',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Link to another ticket of the same organisation',
          params: ticketRefParams,
          body: createLink,
          response: { 201: ticketLink, ...errors },
        },
      },
      async (request, reply) =>
        created(reply, await linkTickets(deps, ctx(request), request.params.ref, request.body)),
    );
    app.delete(
      '/api/v1/tickets/:ref/links/:linkId',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Remove a link (a merge’s duplicate-of link stays)',
          params: linkParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await unlinkTickets(deps, ctx(request), request.params.ref, request.params.linkId);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/v1/tickets/:ref/merge',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Merge this (duplicate) ticket into another: its conversation moves, it closes',
          params: ticketRefParams,
          body: mergeTicket,
          response: { 200: mergeResult, ...errors },
        },
      },
      async (request) => mergeTickets(deps, ctx(request), request.params.ref, request.body),
    );
  };
}
