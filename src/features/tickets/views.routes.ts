import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../contracts/common.js';
import {
  createSavedView,
  listSavedViewsQuery,
  savedView,
  savedViewList,
  updateSavedView,
} from '../../contracts/ticket-views.js';
import { contextOf, created, idParams, standardErrors } from '../../http/route-helpers.js';
import type { TicketRouteDeps } from './tickets.routes.js';
import { changeView, createView, deleteView, listViews } from './views.service.js';

export function savedViewRoutes(deps: TicketRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['tickets'];
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
    const errors = { ...standardErrors, 422: errorBody.describe('too many views (views.limit_reached)') };

    app.get(
      '/api/v1/views',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'My saved views and my teams’ shared views, each with its live ticket count',
          querystring: listSavedViewsQuery,
          response: { 200: savedViewList, ...errors },
        },
      },
      async (request) => listViews(deps, ctx(request), request.query),
    );
    app.post(
      '/api/v1/views',
      {
        config: { roles: 'staff (a team view: its members, or an admin)' },
        schema: {
          tags,
          summary: 'Save a view (personal, or shared with a team)',
          body: createSavedView,
          response: { 201: savedView, ...errors },
        },
      },
      async (request, reply) => created(reply, await createView(deps, ctx(request), request.body)),
    );
    app.patch(
      '/api/v1/views/:id',
      {
        config: { roles: 'the owner; a team view: its members, or an admin' },
        schema: {
          tags,
          summary: 'Rename, refilter, resort, reorder or (un)share a view',
          params: idParams,
          body: updateSavedView,
          response: { 200: savedView, ...errors },
        },
      },
      async (request) => changeView(deps, ctx(request), request.params.id, request.body),
    );
    app.delete(
      '/api/v1/views/:id',
      {
        config: { roles: 'the owner; a team view: its members, or an admin' },
        schema: { tags, summary: 'Delete a view', params: idParams, response: { 204: z.null(), ...errors } },
      },
      async (request, reply) => {
        await deleteView(deps, ctx(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
