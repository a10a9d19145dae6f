/**
 * Whether a change request is approved, rejected or still waiting, from the decisions recorded so
 * far. Pure: the caller passes the groups that apply to the change (with their current members),
 * whether the customer must approve, who the customer's managers are, and the decisions.
 *
 * The rules (DOMAIN.md: normal changes by the CAB, emergency changes by expedited approval):
 * - A group's rule is `quorum` (at least N of its members approve) or `all` (every member approves).
 * - `normal`: every applicable non-expedited group must be satisfied.
 * - `emergency`: one approval by a member of any applicable expedited group suffices.
 * - When the service requires it, one of the customer organisation's managers must approve too
 *   (normal and emergency alike: the customer's consent is contractual, urgency does not waive it).
 * - Any rejection by someone whose decision counts (a member of a group that applies, or a customer
 *   manager when their approval is required) rejects the change at once: a CAB approves by consent,
 *   so a single informed objection stops it; the change can be raised again, amended.
 * - `standard` changes are pre-approved and never evaluated here.
 * Each approver decides once; an approver in several groups counts in each of them.
 */
import type { ChangeType } from './lifecycle.js';

export const APPROVAL_RULES = ['quorum', 'all'] as const;
export type ApprovalRule = (typeof APPROVAL_RULES)[number];

export interface ApproverGroupInput {
  readonly id: string;
  readonly rule: ApprovalRule;
  /** With `quorum`: how many members must approve (at least 1). Ignored for `all`. */
  readonly quorum: number;
  readonly expedited: boolean;
  readonly memberIds: readonly string[];
}

export type Decision = 'approve' | 'reject';

export interface DecisionInput {
  readonly approverId: string;
  readonly decision: Decision;
}

export interface ApprovalInput {
  readonly type: ChangeType;
  readonly groups: readonly ApproverGroupInput[];
  readonly customerApprovalRequired: boolean;
  readonly customerManagerIds: readonly string[];
  readonly decisions: readonly DecisionInput[];
}

export interface GroupStatus {
  readonly groupId: string;
  readonly approvals: number;
  /** Approvals needed: the quorum, or the member count for `all`, or 1 for an expedited group. */
  readonly needed: number;
  readonly satisfied: boolean;
}

export type ApprovalOutcome = 'pending' | 'approved' | 'rejected';

export interface ApprovalStatus {
  readonly outcome: ApprovalOutcome;
  /** The groups whose approval counts for this type (normal: CAB groups; emergency: expedited ones). */
  readonly groups: readonly GroupStatus[];
  readonly customer: { readonly required: boolean; readonly satisfied: boolean };
  /** Who rejected (null unless rejected). */
  readonly rejectedBy: string | null;
}

/** The groups whose decision counts: normal → non-expedited groups; emergency → expedited ones. */
export function countingGroups(
  type: ChangeType,
  groups: readonly ApproverGroupInput[],
): readonly ApproverGroupInput[] {
  if (type === 'standard') return [];
  return groups.filter((group) => group.expedited === (type === 'emergency'));
}

function neededFor(type: ChangeType, group: ApproverGroupInput): number {
  if (type === 'emergency') return 1;
  return group.rule === 'all' ? group.memberIds.length : group.quorum;
}

function groupStatus(
  type: ChangeType,
  group: ApproverGroupInput,
  approvers: ReadonlySet<string>,
): GroupStatus {
  const approvals = group.memberIds.filter((member) => approvers.has(member)).length;
  const needed = neededFor(type, group);
  // An `all` group without members can never be satisfied (nobody could have approved).
  const satisfied = needed > 0 && approvals >= needed;
  return { groupId: group.id, approvals, needed, satisfied };
}

/** Whether this person's decision counts for the change (member of a counting group, or customer). */
export function isEligibleApprover(input: Omit<ApprovalInput, 'decisions'>, personId: string): boolean {
  if (countingGroups(input.type, input.groups).some((group) => group.memberIds.includes(personId)))
    return true;
  return input.customerApprovalRequired && input.customerManagerIds.includes(personId);
}

export function evaluateApprovals(input: ApprovalInput): ApprovalStatus {
  const eligible = input.decisions.filter((decision) => isEligibleApprover(input, decision.approverId));
  const rejection = eligible.find((decision) => decision.decision === 'reject');
  const approvers = new Set(
    eligible.filter((decision) => decision.decision === 'approve').map((decision) => decision.approverId),
  );
  const groups = countingGroups(input.type, input.groups).map((group) =>
    groupStatus(input.type, group, approvers),
  );
  const customerSatisfied =
    !input.customerApprovalRequired || input.customerManagerIds.some((manager) => approvers.has(manager));
  const groupsSatisfied =
    groups.length > 0 &&
    (input.type === 'emergency' ? groups.some((group) => group.satisfied) : groups.every((g) => g.satisfied));
  const outcome: ApprovalOutcome = rejection
    ? 'rejected'
    : groupsSatisfied && customerSatisfied
      ? 'approved'
      : 'pending';
  return {
    outcome,
    groups,
    customer: { required: input.customerApprovalRequired, satisfied: customerSatisfied },
    rejectedBy: rejection?.approverId ?? null,
  };
}
