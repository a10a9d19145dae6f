import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditPage, listAuditQuery } from '../../contracts/audit.js';
import type { Db } from '../../db/client.js';
import { contextOf, standardErrors } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import { forbidden } from '../../platform/errors.js';
import { listAudit } from './audit.repo.js';

export function auditRoutes(deps: { db: Db; clock: Clock }) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/audit',
      {
        config: { roles: 'admin', scope: 'admin' },
        schema: {
          tags: ['audit'],
          summary: 'The audit log, newest first',
          querystring: listAuditQuery,
          response: { 200: auditPage, ...standardErrors },
        },
      },
      async (request) => {
        const ctx = contextOf(request, deps.clock);
        if (ctx.actor.role !== 'admin')
          throw forbidden('audit.forbidden', 'only administrators read the audit log');
        const page = await listAudit(deps.db, request.query);
        return {
          items: page.items.map((row) => ({
            id: String(row.id),
            at: row.at.toISOString(),
            actorId: row.actorId,
            actorType: row.actorType,
            actorName: row.actorName,
            action: row.action,
            entityType: row.entityType,
            entityId: row.entityId,
            organisationId: row.organisationId,
            before: row.before,
            after: row.after,
            requestId: row.requestId,
          })),
          nextCursor: page.nextCursor,
        };
      },
    );
  };
}
