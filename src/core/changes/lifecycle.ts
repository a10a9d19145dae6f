/**
 * The change-request lifecycle (DOMAIN.md, ITIL): draft → submitted → assessment →
 * (approved | rejected) → scheduled → in_progress → (implemented | failed | rolled_back) →
 * reviewed → closed. What each type changes:
 * - `standard` changes are pre-approved: submitted → approved directly (the system records the
 *   step at submission), never assessed;
 * - `normal` changes are assessed and decided by the CAB: submitted → assessment → approved | rejected;
 * - `emergency` changes are decided by an expedited approver, who may decide straight from
 *   `submitted` (no time for an assessment meeting) or during an assessment.
 * Extra edges, and why:
 * - `rejected → closed`: a rejected change needs no review, only to leave the backlog;
 * - `failed → reviewed`, `rolled_back → reviewed`: every outcome is reviewed (that is where the
 *   failure is analysed);
 * - `cancelled`, from draft, submitted, assessment, approved and scheduled: a requester withdraws,
 *   or the change is overtaken (a later change supersedes it). Without it such changes would stay
 *   in the backlog for ever, or be "rejected" though no one decided against them. Once work has
 *   started (`in_progress`) the change can only end in an outcome. `cancelled` and `closed` are final.
 * Moves into `approved` and `rejected` follow from approval decisions (approvals.ts), never from
 * a plain transition request.
 */
export const CHANGE_STATES = [
  'draft',
  'submitted',
  'assessment',
  'approved',
  'rejected',
  'scheduled',
  'in_progress',
  'implemented',
  'failed',
  'rolled_back',
  'reviewed',
  'closed',
  'cancelled',
] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** DOMAIN.md's kinds of maintenance work; every change request carries one. */
export const CHANGE_KINDS = ['corrective', 'adaptive', 'perfective', 'preventive', 'emergency'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_RISKS = ['low', 'medium', 'high', 'critical'] as const;
export type ChangeRisk = (typeof CHANGE_RISKS)[number];

/** The edges every type shares: from approval onwards the types behave alike. */
const COMMON: Record<ChangeState, readonly ChangeState[]> = {
  draft: ['submitted', 'cancelled'],
  submitted: ['cancelled'],
  assessment: ['cancelled'],
  approved: ['scheduled', 'cancelled'],
  rejected: ['closed'],
  scheduled: ['in_progress', 'cancelled'],
  in_progress: ['implemented', 'failed', 'rolled_back'],
  implemented: ['reviewed'],
  failed: ['reviewed'],
  rolled_back: ['reviewed'],
  reviewed: ['closed'],
  closed: [],
  cancelled: [],
};

/** Where each type may go from `submitted` and `assessment`. */
const DECISION_EDGES: Record<ChangeType, Partial<Record<ChangeState, readonly ChangeState[]>>> = {
  standard: { submitted: ['approved'], assessment: [] },
  normal: { submitted: ['assessment'], assessment: ['approved', 'rejected'] },
  emergency: { submitted: ['assessment', 'approved', 'rejected'], assessment: ['approved', 'rejected'] },
};

export function allowedChangeTransitions(type: ChangeType, from: ChangeState): readonly ChangeState[] {
  const specific = DECISION_EDGES[type][from] ?? [];
  return [...specific, ...COMMON[from]];
}

export function canTransitionChange(type: ChangeType, from: ChangeState, to: ChangeState): boolean {
  return allowedChangeTransitions(type, from).includes(to);
}

/** approved / rejected are reached by approval decisions (or, for standard changes, automatically). */
export function isDecisionState(state: ChangeState): boolean {
  return state === 'approved' || state === 'rejected';
}

/** The states in which approvers may record decisions. */
export function acceptsDecisions(type: ChangeType, state: ChangeState): boolean {
  if (type === 'standard') return false;
  if (state === 'assessment') return true;
  return type === 'emergency' && state === 'submitted';
}

/** Final states: nothing more happens to the change. */
export function isFinalChangeState(state: ChangeState): boolean {
  return state === 'closed' || state === 'cancelled';
}

/**
 * Open changes (the backlog, DOMAIN.md KPIs): every state up to the outcome. A change whose work is
 * done (implemented, failed, rolled back) and is only awaiting review is not open work any more.
 */
export const OPEN_CHANGE_STATES: readonly ChangeState[] = [
  'draft',
  'submitted',
  'assessment',
  'approved',
  'scheduled',
  'in_progress',
];

export function isOpenChange(state: ChangeState): boolean {
  return OPEN_CHANGE_STATES.includes(state);
}

/** The outcomes of an implementation attempt (KPIs: change failure rate). */
export const OUTCOME_STATES: readonly ChangeState[] = ['implemented', 'failed', 'rolled_back'];
