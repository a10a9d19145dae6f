import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, listQuery } from '../../contracts/common.js';
import {
  attachment,
  attachmentIdParams,
  attachmentPage,
  uploadAttachmentQuery,
} from '../../contracts/ticket-attachments.js';
import { ticketRefParams } from '../../contracts/tickets.js';
import { acceptRawBodies } from '../../http/raw-body.js';
import { contextOf, created, standardErrors } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import {
  type AttachmentDeps,
  attachmentTooLarge,
  downloadAttachment,
  listTicketAttachments,
  uploadAttachment,
} from './attachments.service.js';

export interface AttachmentRouteDeps extends AttachmentDeps {
  clock: Clock;
}

const errors = {
  ...standardErrors,
  413: errorBody.describe('the file is larger than the limit (details.maxBytes)'),
  422: errorBody.describe('the ticket is closed'),
};

export function attachmentRoutes(deps: AttachmentRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['tickets'];
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);

    // The upload takes the file itself as the body, of any type; only this scope parses bodies so.
    void app.register(async (scope) => {
      acceptRawBodies(scope, deps.attachmentMaxBytes, () => attachmentTooLarge(deps.attachmentMaxBytes));
      scope.withTypeProvider<ZodTypeProvider>().post(
        '/api/v1/tickets/:ref/attachments',
        {
          config: { roles: 'anyone who can see the ticket (internal: staff)' },
          schema: {
            tags,
            summary: 'Attach a file: the raw bytes as the body, any Content-Type',
            params: ticketRefParams,
            querystring: uploadAttachmentQuery,
            response: { 201: attachment, ...errors },
          },
        },
        async (request, reply) =>
          created(
            reply,
            await uploadAttachment(deps, ctx(request), request.params.ref, {
              fileName: request.query.fileName,
              visibility: request.query.visibility,
              contentType: request.headers['content-type'],
              data: Buffer.isBuffer(request.body) ? request.body : undefined,
            }),
          ),
      );
    });
    app.get(
      '/api/v1/tickets/:ref/attachments',
      {
        schema: {
          tags,
          summary: 'The ticket’s files, oldest first (requesters never see internal ones)',
          params: ticketRefParams,
          querystring: listQuery,
          response: { 200: attachmentPage, ...standardErrors },
        },
      },
      async (request) => listTicketAttachments(deps, ctx(request), request.params.ref, request.query),
    );
    app.get(
      '/api/v1/attachments/:id',
      {
        schema: {
          tags,
          summary: 'Download a file (always as an attachment; ETag is its SHA-256)',
          params: attachmentIdParams,
          response: { ...standardErrors },
        },
      },
      async (request, typedReply) => {
        const file = await downloadAttachment(deps, ctx(request), request.params.id);
        const reply = (typedReply as FastifyReply).headers(file.headers).header('etag', file.etag);
        if (request.headers['if-none-match'] === file.etag) return reply.status(304).send();
        return reply.send(file.data);
      },
    );
  };
}
