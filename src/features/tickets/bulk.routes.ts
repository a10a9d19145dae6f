import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { bulkUpdate, bulkUpdateResult } from '../../contracts/ticket-bulk.js';
import { contextOf, standardErrors } from '../../http/route-helpers.js';
import { bulkUpdateTickets } from './bulk.service.js';
import type { TicketRouteDeps } from './tickets.routes.js';

export function bulkRoutes(deps: TicketRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/api/v1/tickets/bulk',
      {
        config: { roles: 'staff' },
        schema: {
          tags: ['tickets'],
          summary: 'Change status, assignee, queue, tier or tags of up to 200 tickets; a result per ticket',
          description:
            'Each ticket changes in its own transaction: a ticket that fails (not found, invalid ' +
            'transition…) is reported in its result and leaves the others applied.',
          body: bulkUpdate,
          response: { 200: bulkUpdateResult, ...standardErrors },
        },
      },
      async (request) =>
        bulkUpdateTickets(deps, contextOf(request, deps.clock), request.body, (error, ref) =>
          request.log.error({ err: error, ticket: ref }, 'bulk update of one ticket failed unexpectedly'),
        ),
    );
  };
}
