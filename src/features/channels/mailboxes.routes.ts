import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createMailbox, mailbox, mailboxPage, updateMailbox } from '../../contracts/channels.js';
import { errorBody, listQuery } from '../../contracts/common.js';
import type { Db } from '../../db/client.js';
import { contextOf, created, idParams, standardErrors } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import {
  createMailboxForAdmin,
  deleteMailboxForAdmin,
  getMailboxForAdmin,
  listMailboxesForAdmin,
  updateMailboxForAdmin,
} from './mailboxes.service.js';

export interface MailboxRouteDeps {
  db: Db;
  clock: Clock;
}

const tags = ['channels'];
const errors = { ...standardErrors, 409: errorBody.describe('the address is taken') };
const adminOnly = { roles: 'admin', scope: 'admin' } as const;

/** Mailboxes: administrators only; an API token needs the admin scope. */
export function mailboxRoutes(deps: MailboxRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
    app.get(
      '/api/v1/channels/email/mailboxes',
      {
        config: adminOnly,
        schema: {
          tags,
          summary: 'Mailboxes, by address',
          querystring: listQuery,
          response: { 200: mailboxPage, ...errors },
        },
      },
      async (request) => listMailboxesForAdmin(deps.db, ctx(request), request.query),
    );
    app.post(
      '/api/v1/channels/email/mailboxes',
      {
        config: adminOnly,
        schema: {
          tags,
          summary: 'Add a mailbox (an address, its defaults and routes)',
          body: createMailbox,
          response: { 201: mailbox, ...errors },
        },
      },
      async (request, reply) =>
        created(reply, await createMailboxForAdmin(deps.db, ctx(request), request.body)),
    );
    app.get(
      '/api/v1/channels/email/mailboxes/:id',
      {
        config: adminOnly,
        schema: { tags, summary: 'One mailbox', params: idParams, response: { 200: mailbox, ...errors } },
      },
      async (request) => getMailboxForAdmin(deps.db, ctx(request), request.params.id),
    );
    app.patch(
      '/api/v1/channels/email/mailboxes/:id',
      {
        config: adminOnly,
        schema: {
          tags,
          summary: 'Change a mailbox',
          params: idParams,
          body: updateMailbox,
          response: { 200: mailbox, ...errors },
        },
      },
      async (request) => updateMailboxForAdmin(deps.db, ctx(request), request.params.id, request.body),
    );
    app.delete(
      '/api/v1/channels/email/mailboxes/:id',
      {
        config: adminOnly,
        schema: {
          tags,
          summary: 'Delete a mailbox (its received mail stays on record)',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await deleteMailboxForAdmin(deps.db, ctx(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
