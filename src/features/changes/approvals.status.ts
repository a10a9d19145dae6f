import type { z } from 'zod';
import type { approvalStatus } from '../../contracts/changes.js';
import {
  type ApprovalInput,
  acceptsDecisions,
  evaluateApprovals,
  isEligibleApprover,
} from '../../core/changes/index.js';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import {
  applicableGroups,
  customerApprovalRequired,
  customerManagerIds,
  decisionsOf,
  type NamedGroup,
} from './approvals.repo.js';
import type { Affected, ChangeRow } from './changes.repo.js';

export type ApprovalStatusView = z.infer<typeof approvalStatus>;

export interface ApprovalFacts {
  input: ApprovalInput;
  groups: NamedGroup[];
  decisions: Awaited<ReturnType<typeof decisionsOf>>;
}

/** Everything the approval rules need about one change, read in the caller's transaction. */
export async function approvalFacts(
  executor: Executor,
  row: ChangeRow,
  affected: readonly Affected[],
): Promise<ApprovalFacts> {
  const serviceIds = [...new Set(affected.map((entry) => entry.serviceId))];
  const groups = await applicableGroups(executor, row.organisationId, serviceIds);
  const customerRequired = await customerApprovalRequired(executor, serviceIds);
  const managers = customerRequired ? await customerManagerIds(executor, row.organisationId) : [];
  const decisions = await decisionsOf(executor, row.id);
  return {
    groups,
    decisions,
    input: {
      type: row.type,
      groups,
      customerApprovalRequired: customerRequired,
      customerManagerIds: managers,
      decisions: decisions.map((entry) => ({ approverId: entry.approverId, decision: entry.decision })),
    },
  };
}

/** The approval picture for the change's page: groups, the customer, decisions, may I decide. */
export function presentApproval(facts: ApprovalFacts, row: ChangeRow, actor: Actor): ApprovalStatusView {
  const decided = facts.decisions.some((entry) => entry.approverId === actor.userId);
  const canDecide =
    actor.userId !== null &&
    !decided &&
    acceptsDecisions(row.type, row.state) &&
    isEligibleApprover(facts.input, actor.userId);
  const decisions = facts.decisions.map((entry) => ({ ...entry, decidedAt: entry.decidedAt.toISOString() }));
  if (row.type === 'standard') {
    return {
      outcome: 'not_required',
      groups: [],
      customer: { required: false, satisfied: true },
      decisions,
      canDecide,
    };
  }
  const status = evaluateApprovals(facts.input);
  const byId = new Map(facts.groups.map((group) => [group.id, group]));
  return {
    outcome: status.outcome,
    groups: status.groups.map((group) => {
      const named = byId.get(group.groupId)!;
      return { ...group, name: named.name, rule: named.rule, expedited: named.expedited };
    }),
    customer: status.customer,
    decisions,
    canDecide,
  };
}
