import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approverGroup,
  approverGroupPage,
  createApproverGroup,
  listApproverGroupsQuery,
  updateApproverGroup,
} from '../../contracts/approver-groups.js';
import { errorBody } from '../../contracts/common.js';
import { contextOf, created, idParams, standardErrors } from '../../http/route-helpers.js';
import { createGroup, deleteGroup, getGroup, searchGroups, updateGroup } from './approver-groups.service.js';
import type { ChangeRouteDeps } from './changes.routes.js';

export function approverGroupRoutes(deps: ChangeRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['changes'];
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
    const errors = { ...standardErrors, 409: errorBody };
    app.get(
      '/api/v1/approver-groups',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Approver groups (CABs), by name',
          querystring: listApproverGroupsQuery,
          response: { 200: approverGroupPage, ...errors },
        },
      },
      async (request) => {
        const { limit, cursor, ...filters } = request.query;
        return searchGroups(deps, ctx(request), filters, { limit, cursor });
      },
    );
    app.post(
      '/api/v1/approver-groups',
      {
        config: { roles: 'admin, service_manager' },
        schema: {
          tags,
          summary: 'Create an approver group',
          body: createApproverGroup,
          response: { 201: approverGroup, ...errors },
        },
      },
      async (request, reply) => created(reply, await createGroup(deps, ctx(request), request.body)),
    );
    app.get(
      '/api/v1/approver-groups/:id',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'One approver group',
          params: idParams,
          response: { 200: approverGroup, ...errors },
        },
      },
      async (request) => getGroup(deps, ctx(request), request.params.id),
    );
    app.patch(
      '/api/v1/approver-groups/:id',
      {
        config: { roles: 'admin, service_manager' },
        schema: {
          tags,
          summary: 'Change an approver group (members are replaced when given)',
          params: idParams,
          body: updateApproverGroup,
          response: { 200: approverGroup, ...errors },
        },
      },
      async (request) => updateGroup(deps, ctx(request), request.params.id, request.body),
    );
    app.delete(
      '/api/v1/approver-groups/:id',
      {
        config: { roles: 'admin, service_manager' },
        schema: {
          tags,
          summary: 'Delete an approver group (decisions already recorded stay)',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await deleteGroup(deps, ctx(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
