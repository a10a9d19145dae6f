import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { priorityMatrixBody } from '../../contracts/tickets.js';
import { contextOf, standardErrors } from '../../http/route-helpers.js';
import { getPriorityMatrix, replacePriorityMatrix } from './priority-matrix.service.js';
import type { TicketRouteDeps } from './tickets.routes.js';

export function priorityMatrixRoutes(deps: TicketRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['tickets'];
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);

    app.get(
      '/api/v1/priority-matrix',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Priority by impact (rows) and urgency (columns)',
          response: { 200: priorityMatrixBody, ...standardErrors },
        },
      },
      async (request) => getPriorityMatrix(deps, ctx(request)),
    );
    app.put(
      '/api/v1/priority-matrix',
      {
        config: { roles: 'admin', scope: 'admin' },
        schema: {
          tags,
          summary: 'Replace the priority matrix (all nine cells)',
          description:
            'Applies to tickets opened from now on, and to a ticket whose impact or urgency changes ' +
            'later; existing tickets keep their priority.',
          body: priorityMatrixBody,
          response: { 200: priorityMatrixBody, ...standardErrors },
        },
      },
      async (request) => replacePriorityMatrix(deps, ctx(request), request.body),
    );
  };
}
