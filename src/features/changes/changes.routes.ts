import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  changeDetail,
  changeLinkParams,
  changePage,
  changeRefParams,
  createChange,
  decideChange as decideBody,
  linkChange,
  listChangesQuery,
  transitionChange,
  updateChange,
} from '../../contracts/changes.js';
import { errorBody } from '../../contracts/common.js';
import { contextOf, created, standardErrors } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { decideChange } from './approvals.service.js';
import { changeChangeRequest, createChangeRequest, getChange, searchChanges } from './changes.service.js';
import { transitionChangeRequest } from './lifecycle.service.js';
import { linkTicket, unlinkTicket } from './links.service.js';
import type { ChangeDeps } from './ports.js';

export interface ChangeRouteDeps extends ChangeDeps {
  clock: Clock;
}

const errors = {
  ...standardErrors,
  409: errorBody,
  412: errorBody.describe('the change request changed since you read it; details.current is its state now'),
  422: errorBody.describe('not possible in the change’s current state, or a scheduling rule refuses it'),
};

/** `If-Match: "12"` (or W/"12", or 12) → 12; required so that edits never silently overwrite. */
function versionFrom(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  const match = typeof header === 'string' ? /^(?:W\/)?"?(\d+)"?$/.exec(header.trim()) : null;
  if (!match)
    throw new AppError(
      'precondition_required',
      'changes.version_required',
      'send If-Match: "<version>" with the version you last read, so no edit is silently overwritten',
    );
  return Number.parseInt(match[1]!, 10);
}

function withEtag<T extends { version: number }>(reply: FastifyReply, body: T): T {
  void reply.header('etag', `"${body.version}"`);
  return body;
}

export function changeRoutes(deps: ChangeRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['changes'];
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
    const params = changeRefParams;
    const detail = { 200: changeDetail, ...errors };

    app.get(
      '/api/v1/changes',
      {
        config: { roles: 'staff by scope; customers their organisation’s' },
        schema: {
          tags,
          summary: 'Change requests you can see, filtered and sorted',
          querystring: listChangesQuery,
          response: { 200: changePage, ...errors },
        },
      },
      async (request) => {
        const { limit, cursor, sort, ...filters } = request.query;
        return searchChanges(deps, ctx(request), filters, { limit, cursor, sort });
      },
    );
    app.post(
      '/api/v1/changes',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Raise a change request (a draft)',
          body: createChange,
          response: { 201: changeDetail, ...errors },
        },
      },
      async (request, reply) =>
        withEtag(reply, created(reply, await createChangeRequest(deps, ctx(request), request.body))),
    );
    app.get(
      '/api/v1/changes/:ref',
      {
        schema: {
          tags,
          summary:
            'One change request (by id or number) with approvals, window check, conflicts, history, links; ETag carries its version',
          params,
          response: detail,
        },
      },
      async (request, reply) => withEtag(reply, await getChange(deps, ctx(request), request.params.ref)),
    );
    app.patch(
      '/api/v1/changes/:ref',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Change fields (If-Match required; what may change depends on the state)',
          params,
          body: updateChange,
          response: { ...detail, 428: errorBody },
        },
      },
      async (request, reply) =>
        withEtag(
          reply,
          await changeChangeRequest(
            deps,
            ctx(request),
            request.params.ref,
            versionFrom(request),
            request.body,
          ),
        ),
    );
    app.post(
      '/api/v1/changes/:ref/transition',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary:
            'Move along the lifecycle (submit, assess, schedule, start, record the outcome, review, close, cancel)',
          params,
          body: transitionChange,
          response: detail,
        },
      },
      async (request, reply) =>
        withEtag(reply, await transitionChangeRequest(deps, ctx(request), request.params.ref, request.body)),
    );
    for (const decision of ['approve', 'reject'] as const) {
      app.post(
        `/api/v1/changes/:ref/${decision}`,
        {
          config: {
            roles:
              'members of an applicable approver group; the customer’s managers when the service requires it',
          },
          schema: {
            tags,
            summary: `${decision === 'approve' ? 'Approve' : 'Reject (with a comment)'} as an approver`,
            params,
            body: decideBody,
            response: detail,
          },
        },
        async (request, reply) =>
          withEtag(
            reply,
            await decideChange(deps, ctx(request), request.params.ref, decision, request.body.comment),
          ),
      );
    }
    app.post(
      '/api/v1/changes/:ref/links',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Link a ticket (the incident or request that raised it, the problem it fixes)',
          params,
          body: linkChange,
          response: detail,
        },
      },
      async (request, reply) =>
        withEtag(reply, await linkTicket(deps, ctx(request), request.params.ref, request.body)),
    );
    app.delete(
      '/api/v1/changes/:ref/links/:ticketId',
      {
        config: { roles: 'staff' },
        schema: { tags, summary: 'Remove a ticket link', params: changeLinkParams, response: detail },
      },
      async (request, reply) =>
        withEtag(reply, await unlinkTicket(deps, ctx(request), request.params.ref, request.params.ticketId)),
    );
  };
}
