import { z } from 'zod';
import { id, instant, listQuery, page } from './common.js';

export const auditEntry = z.object({
  id: z.string(),
  at: instant,
  actorId: id.nullable(),
  actorType: z.enum(['user', 'token', 'system']),
  actorName: z
    .string()
    .nullable()
    .describe('the acting user’s name as it is now (also for their API tokens); null for the system'),
  action: z.string().describe('e.g. user.created, organisation.updated, auth.login_failed'),
  entityType: z.string(),
  entityId: z.string().nullable(),
  organisationId: id.nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const listAuditQuery = listQuery.extend({
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  actorId: id.optional(),
  organisationId: id.optional(),
  from: instant.optional(),
  to: instant.optional(),
});
export const auditPage = page(auditEntry);
