import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { createApproverGroup, updateApproverGroup } from '../../contracts/approver-groups.js';
import { staffRoles } from '../../contracts/common.js';
import type { Executor } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { approverGroups, services, users } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { conflict, type FieldProblem, notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { findOrganisation } from '../directory/index.js';
import { findGroup, listGroups, membersOf, presentGroup, replaceMembers } from './approver-groups.repo.js';
import { authorizeChange } from './changes.policy.js';
import type { ChangeDeps } from './ports.js';

type CreateInput = z.infer<typeof createApproverGroup>;
type UpdateInput = z.infer<typeof updateApproverGroup>;

/** Members approve changes for the provider: active staff users. */
async function checkMembers(executor: Executor, memberIds: readonly string[], problems: FieldProblem[]) {
  const found = await executor
    .select({ id: users.id })
    .from(users)
    .where(
      and(inArray(users.id, [...memberIds]), inArray(users.role, [...staffRoles]), eq(users.active, true)),
    );
  const known = new Set(found.map((row) => row.id));
  memberIds.forEach((id, index) => {
    if (!known.has(id))
      problems.push({ path: `body.memberIds.${index}`, message: 'is not an active staff user' });
  });
}

async function checkScope(executor: Executor, ctx: Context, input: CreateInput, problems: FieldProblem[]) {
  if (
    input.organisationId &&
    !(await findOrganisation(executor, ctx.actor.organisations, input.organisationId))
  )
    problems.push({ path: 'body.organisationId', message: 'is not an organisation you can see' });
  if (!input.serviceId) return;
  const [service] = await executor
    .select({ organisationId: services.organisationId })
    .from(services)
    .where(eq(services.id, input.serviceId));
  if (!input.organisationId || service?.organisationId !== input.organisationId)
    problems.push({ path: 'body.serviceId', message: 'must be a service of the group’s organisation' });
}

/** With quorum, the group must have at least that many members, or it could never approve. */
function checkQuorum(rule: 'quorum' | 'all', quorum: number, members: number, problems: FieldProblem[]) {
  if (rule === 'quorum' && quorum > members)
    problems.push({ path: 'body.quorum', message: `is more than the group’s ${members} members` });
}

function nameTaken(error: unknown): never {
  if (isUniqueViolation(error, 'approver_groups_name'))
    throw conflict('approver_groups.name_taken', 'an approver group with this name exists', {
      field: 'name',
    });
  throw error;
}

export async function createGroup(deps: ChangeDeps, ctx: Context, input: CreateInput) {
  authorizeChange(ctx.actor, 'groups.manage');
  return await deps.db
    .transaction(async (tx) => {
      const problems: FieldProblem[] = [];
      await checkScope(tx, ctx, input, problems);
      await checkMembers(tx, input.memberIds, problems);
      checkQuorum(input.rule, input.quorum, new Set(input.memberIds).size, problems);
      if (problems.length > 0) throw validationError(problems);
      const { memberIds, ...fields } = input;
      const [row] = await tx
        .insert(approverGroups)
        .values({ ...fields, id: uuidv7(ctx.now.getTime()), createdAt: ctx.now, updatedAt: ctx.now })
        .returning();
      await replaceMembers(tx, row!.id, memberIds);
      const group = presentGroup(row!, [...new Set(memberIds)].sort());
      await recordAudit(tx, ctx, {
        action: 'approver_group.created',
        entityType: 'approver_group',
        entityId: row!.id,
        organisationId: row!.organisationId,
        after: group,
      });
      return group;
    })
    .catch(nameTaken);
}

export async function getGroup(deps: ChangeDeps, ctx: Context, id: string) {
  authorizeChange(ctx.actor, 'groups.read');
  const row = await findGroup(deps.db, ctx.actor, id);
  if (!row) throw notFound('approver_group');
  return presentGroup(row, (await membersOf(deps.db, [row.id])).get(row.id) ?? []);
}

export async function searchGroups(
  deps: ChangeDeps,
  ctx: Context,
  filters: { organisationId?: string; serviceId?: string },
  options: { limit: number; cursor?: string },
) {
  authorizeChange(ctx.actor, 'groups.read');
  const page = await listGroups(deps.db, ctx.actor, filters, options);
  const members = await membersOf(
    deps.db,
    page.items.map((found) => found.row.id),
  );
  return {
    items: page.items.map((found) => presentGroup(found.row, members.get(found.row.id) ?? [])),
    nextCursor: page.nextCursor,
  };
}

export async function updateGroup(deps: ChangeDeps, ctx: Context, id: string, input: UpdateInput) {
  return await deps.db
    .transaction(async (tx) => {
      const before = await findGroup(tx, ctx.actor, id, true);
      if (!before) throw notFound('approver_group');
      authorizeChange(ctx.actor, 'groups.manage');
      const beforeMembers = (await membersOf(tx, [id])).get(id) ?? [];
      const members = input.memberIds ? [...new Set(input.memberIds)].sort() : beforeMembers;
      const problems: FieldProblem[] = [];
      if (input.memberIds) await checkMembers(tx, input.memberIds, problems);
      checkQuorum(input.rule ?? before.rule, input.quorum ?? before.quorum, members.length, problems);
      if (problems.length > 0) throw validationError(problems);
      const { memberIds, ...fields } = input;
      const [row] = await tx
        .update(approverGroups)
        .set({ ...fields, version: sql`${approverGroups.version} + 1`, updatedAt: ctx.now })
        .where(eq(approverGroups.id, id))
        .returning();
      if (memberIds) await replaceMembers(tx, id, memberIds);
      const group = presentGroup(row!, members);
      await recordAudit(tx, ctx, {
        action: 'approver_group.updated',
        entityType: 'approver_group',
        entityId: id,
        organisationId: row!.organisationId,
        before: presentGroup(before, beforeMembers),
        after: group,
      });
      return group;
    })
    .catch(nameTaken);
}

export async function deleteGroup(deps: ChangeDeps, ctx: Context, id: string) {
  await deps.db.transaction(async (tx) => {
    const before = await findGroup(tx, ctx.actor, id, true);
    if (!before) throw notFound('approver_group');
    authorizeChange(ctx.actor, 'groups.manage');
    const members = (await membersOf(tx, [id])).get(id) ?? [];
    await tx.delete(approverGroups).where(eq(approverGroups.id, id));
    await recordAudit(tx, ctx, {
      action: 'approver_group.deleted',
      entityType: 'approver_group',
      entityId: id,
      organisationId: before.organisationId,
      before: presentGroup(before, members),
    });
  });
}
