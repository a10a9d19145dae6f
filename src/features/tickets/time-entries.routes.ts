import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createTimeEntry,
  listTimeEntriesQuery,
  timeEntry,
  timeEntryPage,
  updateTimeEntry,
} from '../../contracts/ticket-time-entries.js';
import { ticketRefParams } from '../../contracts/tickets.js';
import { contextOf, created, idParams, standardErrors } from '../../http/route-helpers.js';
import type { TicketRouteDeps } from './tickets.routes.js';
import { changeTimeEntry, deleteTimeEntry, listTimeEntries, logTime } from './time-entries.service.js';

export function timeEntryRoutes(deps: TicketRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['tickets'];
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);

    app.get(
      '/api/v1/tickets/:ref/time-entries',
      {
        config: { roles: 'staff; customer managers: billable entries only' },
        schema: {
          tags,
          summary: 'Time logged on a ticket, oldest first, with totals over all entries',
          params: ticketRefParams,
          querystring: listTimeEntriesQuery,
          response: { 200: timeEntryPage, ...standardErrors },
        },
      },
      async (request) => listTimeEntries(deps, ctx(request), request.params.ref, request.query),
    );
    app.post(
      '/api/v1/tickets/:ref/time-entries',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Log time on a ticket',
          params: ticketRefParams,
          body: createTimeEntry,
          response: { 201: timeEntry, ...standardErrors },
        },
      },
      async (request, reply) =>
        created(reply, await logTime(deps, ctx(request), request.params.ref, request.body)),
    );
    app.patch(
      '/api/v1/time-entries/:id',
      {
        config: { roles: 'the author, or an admin' },
        schema: {
          tags,
          summary: 'Change a time entry',
          params: idParams,
          body: updateTimeEntry,
          response: { 200: timeEntry, ...standardErrors },
        },
      },
      async (request) => changeTimeEntry(deps, ctx(request), request.params.id, request.body),
    );
    app.delete(
      '/api/v1/time-entries/:id',
      {
        config: { roles: 'the author, or an admin' },
        schema: {
          tags,
          summary: 'Delete a time entry',
          params: idParams,
          response: { 204: z.null(), ...standardErrors },
        },
      },
      async (request, reply) => {
        await deleteTimeEntry(deps, ctx(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
