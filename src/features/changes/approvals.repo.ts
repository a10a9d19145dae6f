import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { ApproverGroupInput } from '../../core/changes/index.js';
import type { Executor } from '../../db/client.js';
import {
  approverGroupMembers,
  approverGroups,
  changeApprovals,
  services,
  users,
} from '../../db/schema/index.js';

export interface NamedGroup extends ApproverGroupInput {
  readonly name: string;
}

/**
 * The active approver groups that apply to a change of `organisationId` touching `serviceIds`:
 * groups for every organisation or this one, and for every service or one of these. Members are
 * the group's active users.
 */
export async function applicableGroups(
  executor: Executor,
  organisationId: string,
  serviceIds: readonly string[],
): Promise<NamedGroup[]> {
  const groups = await executor
    .select()
    .from(approverGroups)
    .where(
      and(
        eq(approverGroups.active, true),
        or(isNull(approverGroups.organisationId), eq(approverGroups.organisationId, organisationId)),
        serviceIds.length > 0
          ? or(isNull(approverGroups.serviceId), inArray(approverGroups.serviceId, [...serviceIds]))
          : isNull(approverGroups.serviceId),
      ),
    )
    .orderBy(asc(approverGroups.name));
  const members = await activeMembersOf(
    executor,
    groups.map((group) => group.id),
  );
  return groups.map((group) => ({
    id: group.id,
    name: group.name,
    rule: group.rule,
    quorum: group.quorum,
    expedited: group.expedited,
    memberIds: members.get(group.id) ?? [],
  }));
}

async function activeMembersOf(executor: Executor, groupIds: readonly string[]) {
  const byGroup = new Map<string, string[]>();
  if (groupIds.length === 0) return byGroup;
  const rows = await executor
    .select({ groupId: approverGroupMembers.groupId, userId: approverGroupMembers.userId })
    .from(approverGroupMembers)
    .innerJoin(users, and(eq(users.id, approverGroupMembers.userId), eq(users.active, true)))
    .where(inArray(approverGroupMembers.groupId, [...groupIds]))
    .orderBy(asc(approverGroupMembers.userId));
  for (const row of rows) byGroup.set(row.groupId, [...(byGroup.get(row.groupId) ?? []), row.userId]);
  return byGroup;
}

/** Whether any of these services asks for the customer's approval of changes. */
export async function customerApprovalRequired(executor: Executor, serviceIds: readonly string[]) {
  if (serviceIds.length === 0) return false;
  const rows = await executor
    .select({ id: services.id })
    .from(services)
    .where(and(inArray(services.id, [...serviceIds]), eq(services.requiresCustomerApproval, true)))
    .limit(1);
  return rows.length > 0;
}

export async function customerManagerIds(executor: Executor, organisationId: string): Promise<string[]> {
  const rows = await executor
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        eq(users.role, 'customer_manager'),
        eq(users.active, true),
      ),
    )
    .orderBy(asc(users.id));
  return rows.map((row) => row.id);
}

export async function decisionsOf(executor: Executor, changeId: string) {
  return await executor
    .select({
      approverId: changeApprovals.approverId,
      approverName: users.name,
      decision: changeApprovals.decision,
      comment: changeApprovals.comment,
      decidedAt: changeApprovals.decidedAt,
    })
    .from(changeApprovals)
    .innerJoin(users, eq(users.id, changeApprovals.approverId))
    .where(eq(changeApprovals.changeId, changeId))
    .orderBy(asc(changeApprovals.decidedAt), asc(changeApprovals.id));
}

/** Records a decision; false when this approver had already decided (one decision each). */
export async function insertDecision(
  executor: Executor,
  row: typeof changeApprovals.$inferInsert,
): Promise<boolean> {
  const inserted = await executor
    .insert(changeApprovals)
    .values(row)
    .onConflictDoNothing({ target: [changeApprovals.changeId, changeApprovals.approverId] })
    .returning({ id: changeApprovals.id });
  return inserted.length > 0;
}
