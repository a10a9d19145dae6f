import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addServiceOwner,
  componentParams,
  createComponent,
  createEnvironment,
  environmentParams,
  ownerParams,
  serviceComponent,
  serviceEnvironment,
  serviceOwner,
  serviceParams,
  updateComponent,
  updateEnvironment,
} from '../../contracts/services.js';
import { contextOf, created } from '../../http/route-helpers.js';
import {
  addComponent,
  addEnvironment,
  addOwner,
  changeComponent,
  changeEnvironment,
  removeComponent,
  removeEnvironment,
  removeOwner,
} from './parts.service.js';
import { managers, type ServiceRouteDeps, serviceErrors, serviceTags } from './route-config.js';

const schema = (summary: string) => ({ tags: serviceTags, summary });

function environmentRoutes(app: FastifyInstance, deps: ServiceRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
  r.post(
    '/api/v1/services/:id/environments',
    {
      config: managers,
      schema: {
        ...schema('Add an environment (production, staging, test…)'),
        params: serviceParams,
        body: createEnvironment,
        response: { 201: serviceEnvironment, ...serviceErrors },
      },
    },
    async (request, reply) =>
      created(reply, await addEnvironment(deps.db, ctx(request), request.params.id, request.body)),
  );
  r.patch(
    '/api/v1/services/:id/environments/:environmentId',
    {
      config: managers,
      schema: {
        ...schema('Rename or re-kind an environment'),
        params: environmentParams,
        body: updateEnvironment,
        response: { 200: serviceEnvironment, ...serviceErrors },
      },
    },
    async (request) =>
      changeEnvironment(
        deps.db,
        ctx(request),
        { serviceId: request.params.id, environmentId: request.params.environmentId },
        request.body,
      ),
  );
  r.delete(
    '/api/v1/services/:id/environments/:environmentId',
    {
      config: managers,
      schema: {
        ...schema('Remove an environment and its components (not while windows or changes name it)'),
        params: environmentParams,
        response: { 204: z.null(), ...serviceErrors },
      },
    },
    async (request, reply) => {
      const { id, environmentId } = request.params;
      await removeEnvironment(deps.db, ctx(request), { serviceId: id, environmentId });
      return reply.status(204).send(null);
    },
  );
}

function componentRoutes(app: FastifyInstance, deps: ServiceRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
  r.post(
    '/api/v1/services/:id/components',
    {
      config: managers,
      schema: {
        ...schema('Add a component and the version deployed'),
        params: serviceParams,
        body: createComponent,
        response: { 201: serviceComponent, ...serviceErrors },
      },
    },
    async (request, reply) =>
      created(reply, await addComponent(deps.db, ctx(request), request.params.id, request.body)),
  );
  r.patch(
    '/api/v1/services/:id/components/:componentId',
    {
      config: managers,
      schema: {
        ...schema('Change a component (e.g. its version after a deployment)'),
        params: componentParams,
        body: updateComponent,
        response: { 200: serviceComponent, ...serviceErrors },
      },
    },
    async (request) =>
      changeComponent(
        deps.db,
        ctx(request),
        { serviceId: request.params.id, componentId: request.params.componentId },
        request.body,
      ),
  );
  r.delete(
    '/api/v1/services/:id/components/:componentId',
    {
      config: managers,
      schema: {
        ...schema('Remove a component'),
        params: componentParams,
        response: { 204: z.null(), ...serviceErrors },
      },
    },
    async (request, reply) => {
      const { id, componentId } = request.params;
      await removeComponent(deps.db, ctx(request), { serviceId: id, componentId });
      return reply.status(204).send(null);
    },
  );
}

function ownerRoutes(app: FastifyInstance, deps: ServiceRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
  r.post(
    '/api/v1/services/:id/owners',
    {
      config: managers,
      schema: {
        ...schema('Name a technical or business owner; answers the owners'),
        params: serviceParams,
        body: addServiceOwner,
        response: { 200: z.array(serviceOwner), ...serviceErrors },
      },
    },
    async (request) => addOwner(deps.db, ctx(request), request.params.id, request.body),
  );
  r.delete(
    '/api/v1/services/:id/owners/:userId/:role',
    {
      config: managers,
      schema: {
        ...schema('Remove an owner'),
        params: ownerParams,
        response: { 204: z.null(), ...serviceErrors },
      },
    },
    async (request, reply) => {
      const { id, userId, role } = request.params;
      await removeOwner(deps.db, ctx(request), { serviceId: id, userId, role });
      return reply.status(204).send(null);
    },
  );
}

export function registerPartRoutes(app: FastifyInstance, deps: ServiceRouteDeps) {
  environmentRoutes(app, deps);
  componentRoutes(app, deps);
  ownerRoutes(app, deps);
}
