import { and, desc, eq, getTableColumns, gte, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditLog, users } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string | null;
  organisationId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Write one audit entry in the caller's transaction, so it commits with the change it records. */
export async function recordAudit(executor: Executor, ctx: Context, record: AuditRecord): Promise<void> {
  await executor.insert(auditLog).values(auditValues(ctx, record));
}

/** The INSERT of one audit entry, for a caller that sends it with other writes in one statement. */
export function auditInsert(executor: Executor, ctx: Context, record: AuditRecord): SQL {
  return executor.insert(auditLog).values(auditValues(ctx, record)).getSQL();
}

function auditValues(ctx: Context, record: AuditRecord): typeof auditLog.$inferInsert {
  return {
    at: ctx.now,
    actorId: ctx.actor.userId,
    actorType: ctx.actor.kind === 'token' ? 'token' : ctx.actor.kind,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    organisationId: record.organisationId ?? null,
    before: record.before ?? null,
    after: record.after ?? null,
    requestId: ctx.requestId,
  };
}

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  organisationId?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

export type AuditRow = typeof auditLog.$inferSelect & { actorName: string | null };

/**
 * Newest first; the cursor carries the id (ids grow with time). Each entry comes with its actor's
 * current name (one join on the primary key), so a reader sees people, not ids.
 */
export async function listAudit(executor: Executor, filter: AuditFilter) {
  const cursor = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
    filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
    filter.organisationId ? eq(auditLog.organisationId, filter.organisationId) : undefined,
    filter.from ? gte(auditLog.at, new Date(filter.from)) : undefined,
    filter.to ? lt(auditLog.at, new Date(filter.to)) : undefined,
    cursor ? lt(auditLog.id, Number(cursor.id)) : undefined,
  ];
  const rows = await executor
    .select({ ...getTableColumns(auditLog), actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1);
  return pageOf(rows, filter.limit, (row) => ({ v: row.id, id: String(row.id) }));
}
