import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  inboundMessageDetail,
  inboundMessagePage,
  inboundQuery,
  inboundResult,
  listInboundQuery,
  ticketEmails,
} from '../../contracts/channels.js';
import { errorBody } from '../../contracts/common.js';
import { ticketRefParams } from '../../contracts/tickets.js';
import { acceptRawBodies } from '../../http/raw-body.js';
import { contextOf, idParams, standardErrors } from '../../http/route-helpers.js';
import { AppError } from '../../platform/errors.js';
import type { InboundDeps } from './inbound.service.js';
import {
  deliverRawMessage,
  getInboundForAdmin,
  listInboundForAdmin,
  rawInboundForAdmin,
  reprocessInboundForAdmin,
  ticketEmailsForStaff,
} from './messages.service.js';

export interface InboundRouteDeps extends InboundDeps {
  /** Largest raw message accepted, in bytes (TEND_INBOUND_MAX_MB). */
  inboundMaxBytes: number;
}

const tags = ['channels'];
const adminOnly = { roles: 'admin', scope: 'admin' } as const;

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'too_large',
    'inbound.too_large',
    `messages may be at most ${Math.round(maxBytes / 1048576)} MB`,
    {
      maxBytes,
    },
  );
}

/** POST /api/v1/channels/email/inbound?mailbox=… — a mail provider's inbound webhook. */
function inboundWebhookRoute(root: FastifyInstance, deps: InboundRouteDeps) {
  void root.register(async (scope) => {
    acceptRawBodies(scope, deps.inboundMaxBytes, () => tooLarge(deps.inboundMaxBytes));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/channels/email/inbound',
      {
        config: { scope: 'email:inbound', roles: 'admin, or an API token with the email:inbound scope' },
        schema: {
          tags,
          summary: 'Deliver a raw message (Content-Type: message/rfc822) to a mailbox; 202 once it is stored',
          querystring: inboundQuery,
          response: {
            202: inboundResult,
            ...standardErrors,
            404: errorBody.describe('no active mailbox with this address accepts webhook delivery'),
            413: errorBody.describe('the message is larger than TEND_INBOUND_MAX_MB'),
          },
        },
      },
      async (request, reply) => {
        const result = await deliverRawMessage(deps, contextOf(request, deps.clock), {
          mailbox: request.query.mailbox,
          raw: Buffer.isBuffer(request.body) ? request.body : undefined,
        });
        void reply.status(202);
        return result;
      },
    );
  });
}

/** The record of received mail, for administrators: what happened to each message, and review. */
function inboundRecordRoutes(root: FastifyInstance, deps: InboundRouteDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
  app.get(
    '/api/v1/channels/email/messages',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Received mail, newest first (status=review: waiting for a person)',
        querystring: listInboundQuery,
        response: { 200: inboundMessagePage, ...standardErrors },
      },
    },
    async (request) => listInboundForAdmin(deps, ctx(request), request.query),
  );
  app.get(
    '/api/v1/channels/email/messages/:id',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'One received message, with its sanitised HTML',
        params: idParams,
        response: { 200: inboundMessageDetail, ...standardErrors },
      },
    },
    async (request) => getInboundForAdmin(deps, ctx(request), request.params.id),
  );
  app.get(
    '/api/v1/channels/email/messages/:id/raw',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'The message as received (.eml)',
        params: idParams,
        response: { ...standardErrors },
      },
    },
    async (request, reply) => {
      const file = await rawInboundForAdmin(deps, ctx(request), request.params.id);
      return (reply as FastifyReply).headers(file.headers).send(file.data);
    },
  );
  app.post(
    '/api/v1/channels/email/messages/:id/reprocess',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Process a reviewed or ignored message again',
        params: idParams,
        response: { 200: inboundMessageDetail, ...standardErrors, 409: errorBody },
      },
    },
    async (request) => reprocessInboundForAdmin(deps, ctx(request), request.params.id),
  );
}

function ticketEmailRoute(root: FastifyInstance, deps: InboundRouteDeps) {
  root.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/tickets/:ref/emails',
    {
      config: { roles: 'staff who can see the ticket' },
      schema: {
        tags,
        summary: 'The mail the ticket was made of, each with its sanitised HTML (staff only)',
        params: ticketRefParams,
        response: { 200: ticketEmails, ...standardErrors },
      },
    },
    async (request) => ticketEmailsForStaff(deps, contextOf(request, deps.clock), request.params.ref),
  );
}

export function inboundRoutes(deps: InboundRouteDeps) {
  return (root: FastifyInstance) => {
    inboundWebhookRoute(root, deps);
    inboundRecordRoutes(root, deps);
    ticketEmailRoute(root, deps);
  };
}
