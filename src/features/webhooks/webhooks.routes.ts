import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../contracts/common.js';
import {
  createWebhook,
  listWebhookDeliveriesQuery,
  listWebhooksQuery,
  updateWebhook,
  webhook,
  webhookDelivery,
  webhookDeliveryPage,
  webhookDeliveryParams,
  webhookPage,
  webhookWithSecret,
} from '../../contracts/webhooks.js';
import type { Db } from '../../db/client.js';
import { contextOf, created, idParams, standardErrors } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import { listDeliveriesForAdmin, retryDeliveryForAdmin, sendTestEvent } from './deliveries.service.js';
import {
  createWebhookForAdmin,
  deleteWebhookForAdmin,
  getWebhookForAdmin,
  listWebhooksForAdmin,
  rotateWebhookSecret,
  updateWebhookForAdmin,
} from './webhooks.service.js';

export interface WebhookRouteDeps {
  db: Db;
  clock: Clock;
}

const errors = { ...standardErrors, 409: errorBody.describe('conflicts with the webhook’s state') };
const tags = ['webhooks'];
/** Administrators only; an API token needs the admin scope, for reading too. */
const adminOnly = { roles: 'admin', scope: 'admin' } as const;

function webhookReadRoutes(app: FastifyInstance, deps: WebhookRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
  r.get(
    '/api/v1/webhooks',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Webhooks, newest first',
        querystring: listWebhooksQuery,
        response: { 200: webhookPage, ...errors },
      },
    },
    async (request) => listWebhooksForAdmin(deps.db, ctx(request), request.query),
  );
  r.get(
    '/api/v1/webhooks/:id',
    {
      config: adminOnly,
      schema: { tags, summary: 'One webhook', params: idParams, response: { 200: webhook, ...errors } },
    },
    async (request) => getWebhookForAdmin(deps.db, ctx(request), request.params.id),
  );
}

function webhookWriteRoutes(app: FastifyInstance, deps: WebhookRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
  r.post(
    '/api/v1/webhooks',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Create a webhook; its signing secret is in the response, once',
        body: createWebhook,
        response: { 201: webhookWithSecret, ...errors },
      },
    },
    async (request, reply) =>
      created(reply, await createWebhookForAdmin(deps.db, ctx(request), request.body)),
  );
  r.patch(
    '/api/v1/webhooks/:id',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Rename, change the URL, events or organisation, (de)activate',
        params: idParams,
        body: updateWebhook,
        response: { 200: webhook, ...errors },
      },
    },
    async (request) => updateWebhookForAdmin(deps.db, ctx(request), request.params.id, request.body),
  );
}

function webhookLifecycleRoutes(app: FastifyInstance, deps: WebhookRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
  r.delete(
    '/api/v1/webhooks/:id',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Delete a webhook and its delivery log',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteWebhookForAdmin(deps.db, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/v1/webhooks/:id/rotate-secret',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Replace the signing secret (the new one is in the response, once)',
        params: idParams,
        response: { 200: webhookWithSecret, ...errors },
      },
    },
    async (request) => rotateWebhookSecret(deps.db, ctx(request), request.params.id),
  );
}

function deliveryRoutes(app: FastifyInstance, deps: WebhookRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
  r.post(
    '/api/v1/webhooks/:id/test',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Send a webhook.test event to this webhook now',
        params: idParams,
        response: { 202: webhookDelivery, ...errors },
      },
    },
    async (request, reply) => {
      const delivery = await sendTestEvent(deps.db, ctx(request), request.params.id);
      return reply.status(202).send(delivery);
    },
  );
  r.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'The delivery log, newest first, with every attempt',
        params: idParams,
        querystring: listWebhookDeliveriesQuery,
        response: { 200: webhookDeliveryPage, ...errors },
      },
    },
    async (request) => listDeliveriesForAdmin(deps.db, ctx(request), request.params.id, request.query),
  );
  r.post(
    '/api/v1/webhooks/:id/deliveries/:deliveryId/retry',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Attempt a delivery again now',
        params: webhookDeliveryParams,
        response: { 202: webhookDelivery, ...errors },
      },
    },
    async (request, reply) => {
      const { id, deliveryId } = request.params;
      const delivery = await retryDeliveryForAdmin(deps.db, ctx(request), id, Number(deliveryId));
      return reply.status(202).send(delivery);
    },
  );
}

export function webhooksRoutes(deps: WebhookRouteDeps) {
  return (app: FastifyInstance) => {
    webhookReadRoutes(app, deps);
    webhookWriteRoutes(app, deps);
    webhookLifecycleRoutes(app, deps);
    deliveryRoutes(app, deps);
  };
}
