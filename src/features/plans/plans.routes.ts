import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../contracts/common.js';
import { createPlan, listPlansQuery, plan, planPage, updatePlan } from '../../contracts/plans.js';
import type { Db } from '../../db/client.js';
import { contextOf, created, idParams } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import { errors, versionFrom, withEtag } from './http.js';
import {
  changeMaintenancePlan,
  createMaintenancePlan,
  deleteMaintenancePlan,
  getMaintenancePlan,
  listMaintenancePlans,
} from './plans.service.js';

export interface PlanRouteDeps {
  db: Db;
  clock: Clock;
}

const tags = ['maintenance'];
const writers = 'admin, service manager';
const readers = 'staff (their organisations); customer managers (their own)';

export function planRoutes(deps: PlanRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);

    app.get(
      '/api/v1/maintenance/plans',
      {
        config: { roles: readers },
        schema: {
          tags,
          summary: 'Maintenance plans you can see',
          querystring: listPlansQuery,
          response: { 200: planPage, ...errors },
        },
      },
      async (request) => {
        const { limit, cursor, sort, ...filters } = request.query;
        return listMaintenancePlans(deps, ctx(request), filters, { limit, cursor, sort });
      },
    );
    app.post(
      '/api/v1/maintenance/plans',
      {
        config: { roles: writers },
        schema: {
          tags,
          summary: 'Create a maintenance plan; its tasks are generated ahead in the background',
          body: createPlan,
          response: { 201: plan, ...errors },
        },
      },
      async (request, reply) =>
        withEtag(reply, created(reply, await createMaintenancePlan(deps, ctx(request), request.body))),
    );
    app.get(
      '/api/v1/maintenance/plans/:id',
      {
        config: { roles: readers },
        schema: {
          tags,
          summary: 'One maintenance plan',
          params: idParams,
          response: { 200: plan, ...errors },
        },
      },
      async (request, reply) =>
        withEtag(reply, await getMaintenancePlan(deps, ctx(request), request.params.id)),
    );
    app.patch(
      '/api/v1/maintenance/plans/:id',
      {
        config: { roles: writers },
        schema: {
          tags,
          summary:
            'Change a plan (If-Match). Schedule edits apply after the tasks already generated; active: false stops generation',
          params: idParams,
          body: updatePlan,
          response: { 200: plan, ...errors, 428: errorBody },
        },
      },
      async (request, reply) =>
        withEtag(
          reply,
          await changeMaintenancePlan(
            deps,
            ctx(request),
            request.params.id,
            versionFrom(request),
            request.body,
          ),
        ),
    );
    app.delete(
      '/api/v1/maintenance/plans/:id',
      {
        config: { roles: writers },
        schema: {
          tags,
          summary: 'Delete a plan that has no tasks yet (otherwise 409: deactivate it)',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await deleteMaintenancePlan(deps, ctx(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
