import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createService,
  listServicesQuery,
  serviceDetail,
  servicePage,
  serviceParams,
  updateService,
} from '../../contracts/services.js';
import { contextOf, created } from '../../http/route-helpers.js';
import { registerPartRoutes } from './parts.routes.js';
import { managers, readers, type ServiceRouteDeps, serviceErrors, serviceTags } from './route-config.js';
import {
  createServiceFor,
  deleteServiceFor,
  getServiceDetail,
  listServicesFor,
  updateServiceFor,
} from './services.service.js';

function serviceReadRoutes(app: FastifyInstance, deps: ServiceRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
  r.get(
    '/api/v1/services',
    {
      config: readers,
      schema: {
        tags: serviceTags,
        summary: 'Services the caller can see, by name',
        querystring: listServicesQuery,
        response: { 200: servicePage, ...serviceErrors },
      },
    },
    async (request) => listServicesFor(deps.db, ctx(request), request.query),
  );
  r.get(
    '/api/v1/services/:id',
    {
      config: readers,
      schema: {
        tags: serviceTags,
        summary: 'One service with its environments, components and owners',
        params: serviceParams,
        response: { 200: serviceDetail, ...serviceErrors },
      },
    },
    async (request) => getServiceDetail(deps.db, ctx(request), request.params.id),
  );
}

function serviceWriteRoutes(app: FastifyInstance, deps: ServiceRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
  r.post(
    '/api/v1/services',
    {
      config: managers,
      schema: {
        tags: serviceTags,
        summary: 'Register a customer organisation’s service',
        body: createService,
        response: { 201: serviceDetail, ...serviceErrors },
      },
    },
    async (request, reply) => created(reply, await createServiceFor(deps.db, ctx(request), request.body)),
  );
  r.patch(
    '/api/v1/services/:id',
    {
      config: managers,
      schema: {
        tags: serviceTags,
        summary: 'Rename, describe, retire, change the notice lead time or approval rule',
        params: serviceParams,
        body: updateService,
        response: { 200: serviceDetail, ...serviceErrors },
      },
    },
    async (request) => updateServiceFor(deps.db, ctx(request), request.params.id, request.body),
  );
  r.delete(
    '/api/v1/services/:id',
    {
      config: managers,
      schema: {
        tags: serviceTags,
        summary: 'Delete a service nothing points at (retire it otherwise)',
        params: serviceParams,
        response: { 204: z.null(), ...serviceErrors },
      },
    },
    async (request, reply) => {
      await deleteServiceFor(deps.db, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

export function servicesRoutes(deps: ServiceRouteDeps) {
  return (app: FastifyInstance) => {
    serviceReadRoutes(app, deps);
    serviceWriteRoutes(app, deps);
    registerPartRoutes(app, deps);
  };
}
