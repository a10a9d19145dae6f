import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addWatcher, watcher, watcherList, watcherParams } from '../../contracts/ticket-watchers.js';
import { ticketRefParams } from '../../contracts/tickets.js';
import { contextOf, standardErrors } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import type { TicketDeps } from './tickets.service.js';
import { addTicketWatcher, listTicketWatchers, removeTicketWatcher } from './watchers.service.js';

export interface WatcherRouteDeps extends TicketDeps {
  clock: Clock;
}

export function watcherRoutes(deps: WatcherRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['tickets'];
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);

    app.get(
      '/api/v1/tickets/:ref/watchers',
      {
        schema: {
          tags,
          summary: 'Who watches (is copied on) the ticket',
          params: ticketRefParams,
          response: { 200: watcherList, ...standardErrors },
        },
      },
      async (request) => listTicketWatchers(deps, ctx(request), request.params.ref),
    );
    app.post(
      '/api/v1/tickets/:ref/watchers',
      {
        config: { roles: 'staff: organisation users or staff; customers: colleagues' },
        schema: {
          tags,
          summary: 'Add a watcher (CC); 200 if they already watch',
          params: ticketRefParams,
          body: addWatcher,
          response: { 200: watcher, 201: watcher, ...standardErrors },
        },
      },
      async (request, reply) => {
        const result = await addTicketWatcher(deps, ctx(request), request.params.ref, request.body.userId);
        return reply.status(result.created ? 201 : 200).send(result.watcher);
      },
    );
    app.delete(
      '/api/v1/tickets/:ref/watchers/:userId',
      {
        config: { roles: 'staff; customers: themselves' },
        schema: {
          tags,
          summary: 'Stop someone watching (customers: only themselves)',
          params: watcherParams,
          response: { 204: z.null(), ...standardErrors },
        },
      },
      async (request, reply) => {
        await removeTicketWatcher(deps, ctx(request), request.params.ref, request.params.userId);
        return reply.status(204).send(null);
      },
    );
  };
}
