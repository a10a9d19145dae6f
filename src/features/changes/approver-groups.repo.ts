import { and, asc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { ApproverGroup } from '../../contracts/approver-groups.js';
import type { Executor } from '../../db/client.js';
import { afterCursor, keysetOrder, sortKeyOf } from '../../db/keyset.js';
import { approverGroupMembers, approverGroups } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { organisationScopeCondition } from '../directory/index.js';

export type ApproverGroupRow = typeof approverGroups.$inferSelect;

/** Groups for every organisation, or for one the actor can see. */
function groupVisibility(actor: Actor): SQL | undefined {
  const scoped = organisationScopeCondition(actor.organisations, approverGroups.organisationId);
  return scoped ? or(isNull(approverGroups.organisationId), scoped) : undefined;
}

export async function findGroup(executor: Executor, actor: Actor, id: string, lock = false) {
  const query = executor
    .select()
    .from(approverGroups)
    .where(and(eq(approverGroups.id, id), groupVisibility(actor)))
    .limit(1);
  const rows = lock ? await query.for('update') : await query;
  return rows[0] ?? null;
}

export async function membersOf(executor: Executor, groupIds: readonly string[]) {
  const byGroup = new Map<string, string[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return byGroup;
  const rows = await executor
    .select()
    .from(approverGroupMembers)
    .where(inArray(approverGroupMembers.groupId, [...groupIds]))
    .orderBy(asc(approverGroupMembers.userId));
  for (const row of rows) byGroup.get(row.groupId)?.push(row.userId);
  return byGroup;
}

export async function replaceMembers(executor: Executor, groupId: string, memberIds: readonly string[]) {
  await executor.delete(approverGroupMembers).where(eq(approverGroupMembers.groupId, groupId));
  await executor
    .insert(approverGroupMembers)
    .values([...new Set(memberIds)].map((userId) => ({ groupId, userId })));
}

export function presentGroup(row: ApproverGroupRow, memberIds: readonly string[]): ApproverGroup {
  return {
    id: row.id,
    name: row.name,
    organisationId: row.organisationId,
    serviceId: row.serviceId,
    rule: row.rule,
    quorum: row.quorum,
    expedited: row.expedited,
    active: row.active,
    memberIds: [...memberIds],
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const BY_NAME = { expression: sql`lower(${approverGroups.name})`, id: approverGroups.id, descending: false };

export async function listGroups(
  executor: Executor,
  actor: Actor,
  filters: { organisationId?: string; serviceId?: string },
  options: { limit: number; cursor?: string },
) {
  const rows = await executor
    .select({ row: approverGroups, sortKey: sortKeyOf(BY_NAME) })
    .from(approverGroups)
    .where(
      and(
        groupVisibility(actor),
        filters.organisationId ? eq(approverGroups.organisationId, filters.organisationId) : undefined,
        filters.serviceId ? eq(approverGroups.serviceId, filters.serviceId) : undefined,
        afterCursor(BY_NAME, decodeCursor(options.cursor)),
      ),
    )
    .orderBy(...keysetOrder(BY_NAME))
    .limit(options.limit + 1);
  return pageOf(rows, options.limit, (found) => ({ v: found.sortKey, id: found.row.id }));
}
