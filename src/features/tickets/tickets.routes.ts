import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import { errorBody, listQuery } from '../../contracts/common.js';
import {
  assignTicket,
  createMessage,
  createTicket,
  escalateTicket,
  historyPage,
  listTicketsQuery,
  message,
  messagePage,
  ticket,
  ticketPage,
  ticketRefParams,
  transitionTicket,
  updateTicket,
} from '../../contracts/tickets.js';
import { contextOf, created, standardErrors } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { addMessage, listMessages } from './conversation.service.js';
import { openTicket } from './create.service.js';
import { ticketHistoryPage } from './history.service.js';
import { assign, moveTier, transition } from './lifecycle.service.js';
import { changeTicket, getTicket, searchTickets, type TicketDeps } from './tickets.service.js';

export interface TicketRouteDeps extends TicketDeps {
  clock: Clock;
}

const errors = {
  ...standardErrors,
  409: errorBody,
  412: errorBody.describe('the ticket changed since you read it; details.current is its state now'),
  422: errorBody.describe('not possible in the ticket’s current state (details.allowed lists what is)'),
};

/** `If-Match: "12"` (or W/"12", or 12) → 12; required so that edits never silently overwrite. */
function versionFrom(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  const match = typeof header === 'string' ? /^(?:W\/)?"?(\d+)"?$/.exec(header.trim()) : null;
  if (!match) {
    throw new AppError(
      'precondition_required',
      'tickets.version_required',
      'send If-Match: "<version>" with the version you last read, so no edit is silently overwritten',
    );
  }
  return Number.parseInt(match[1]!, 10);
}

function withEtag<T extends { version: number }>(reply: FastifyReply, body: T): T {
  void reply.header('etag', `"${body.version}"`);
  return body;
}

export function ticketRoutes(deps: TicketRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['tickets'];
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
    const params = ticketRefParams;

    app.get(
      '/api/v1/tickets',
      {
        schema: {
          tags,
          summary: 'Tickets you can see, filtered and sorted',
          querystring: listTicketsQuery,
          response: { 200: ticketPage, ...errors },
        },
      },
      async (request) => {
        const { limit, cursor, sort, ...filters } = request.query;
        return searchTickets(deps, ctx(request), filters, { limit, cursor, sort });
      },
    );
    app.post(
      '/api/v1/tickets',
      {
        config: {
          roles: 'any: customers open their own, staff on behalf of a requester',
          callersUnchanged: true,
        },
        schema: { tags, summary: 'Open a ticket', body: createTicket, response: { 201: ticket, ...errors } },
      },
      async (request, reply) =>
        withEtag(reply, created(reply, await openTicket(deps, ctx(request), request.body))),
    );
    app.get(
      '/api/v1/tickets/:ref',
      {
        schema: {
          tags,
          summary: 'One ticket (by id or number); ETag carries its version',
          params,
          response: { 200: ticket, ...errors },
        },
      },
      async (request, reply) => withEtag(reply, await getTicket(deps, ctx(request), request.params.ref)),
    );
    app.patch(
      '/api/v1/tickets/:ref',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Change fields (If-Match required)',
          params,
          body: updateTicket,
          response: { 200: ticket, ...errors, 428: errorBody },
        },
      },
      async (request, reply) =>
        withEtag(
          reply,
          await changeTicket(deps, ctx(request), request.params.ref, versionFrom(request), request.body),
        ),
    );
    app.post(
      '/api/v1/tickets/:ref/transition',
      {
        config: { roles: 'staff; customers: close, reopen within the grace period' },
        schema: {
          tags,
          summary: 'Move to another status',
          params,
          body: transitionTicket,
          response: { 200: ticket, ...errors },
        },
      },
      async (request, reply) =>
        withEtag(
          reply,
          await transition(
            deps,
            ctx(request),
            request.params.ref,
            request.body.status,
            request.body.reason ?? null,
          ),
        ),
    );
    app.post(
      '/api/v1/tickets/:ref/escalate',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Escalate to a higher tier, with a reason',
          params,
          body: escalateTicket,
          response: { 200: ticket, ...errors },
        },
      },
      async (request, reply) =>
        withEtag(reply, await moveTier(deps, ctx(request), request.params.ref, 'up', request.body)),
    );
    app.post(
      '/api/v1/tickets/:ref/de-escalate',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'De-escalate to a lower tier, with a reason',
          params,
          body: escalateTicket,
          response: { 200: ticket, ...errors },
        },
      },
      async (request, reply) =>
        withEtag(reply, await moveTier(deps, ctx(request), request.params.ref, 'down', request.body)),
    );
    app.post(
      '/api/v1/tickets/:ref/assign',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Assign or unassign within the tier',
          params,
          body: assignTicket,
          response: { 200: ticket, ...errors },
        },
      },
      async (request, reply) =>
        withEtag(reply, await assign(deps, ctx(request), request.params.ref, request.body)),
    );
    app.get(
      '/api/v1/tickets/:ref/messages',
      {
        schema: {
          tags,
          summary: 'The conversation, oldest first (requesters never see internal notes)',
          params,
          querystring: listQuery,
          response: { 200: messagePage, ...errors },
        },
      },
      async (request) => listMessages(deps, ctx(request), request.params.ref, request.query),
    );
    app.post(
      '/api/v1/tickets/:ref/messages',
      {
        config: { roles: 'any (internal notes: staff)', callersUnchanged: true },
        schema: {
          tags,
          summary: 'Reply (public) or add an internal note',
          params,
          body: createMessage,
          response: { 201: message, ...errors },
        },
      },
      async (request, reply) =>
        created(reply, await addMessage(deps, ctx(request), request.params.ref, request.body)),
    );
    app.get(
      '/api/v1/tickets/:ref/history',
      {
        schema: {
          tags,
          summary: 'Everything that happened to the ticket, oldest first',
          params,
          querystring: listQuery,
          response: { 200: historyPage, ...errors },
        },
      },
      async (request) => ticketHistoryPage(deps, ctx(request), request.params.ref, request.query),
    );
  };
}
