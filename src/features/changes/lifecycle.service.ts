import type { z } from 'zod';
import type { transitionChange } from '../../contracts/changes.js';
import {
  allowedChangeTransitions,
  type ChangeState,
  canTransitionChange,
  countingGroups,
  isDecisionState,
} from '../../core/changes/index.js';
import type { Executor } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { AppError, validationError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';
import { approvalFacts } from './approvals.status.js';
import { authorizeChange } from './changes.policy.js';
import {
  type Affected,
  addChangeHistory,
  affectedOf,
  type ChangeRow,
  updateChangeRow,
} from './changes.repo.js';
import { loadChange } from './changes.service.js';
import { changeDetail } from './detail.service.js';
import type { ChangeDeps } from './ports.js';
import { presentChange } from './presenters.js';
import { assertDowntimeRule, noticeDowntime } from './schedule.service.js';
import { checkPlan } from './validate.js';

/** The event each state's arrival raises. */
const EVENTS: Record<ChangeState, string> = {
  draft: 'change.created',
  submitted: 'change.submitted',
  assessment: 'change.assessment_started',
  approved: 'change.approved',
  rejected: 'change.rejected',
  scheduled: 'change.scheduled',
  in_progress: 'change.started',
  implemented: 'change.implemented',
  failed: 'change.failed',
  rolled_back: 'change.rolled_back',
  reviewed: 'change.reviewed',
  closed: 'change.closed',
  cancelled: 'change.cancelled',
};

/** The stamps a state sets; the *_at of an outcome or milestone is set once, when first reached. */
function stampsFor(row: ChangeRow, to: ChangeState, now: Date): Partial<ChangeRow> {
  const once = (current: Date | null) => current ?? now;
  switch (to) {
    case 'submitted':
      return { submittedAt: once(row.submittedAt) };
    case 'approved':
      return { approvedAt: once(row.approvedAt) };
    case 'scheduled':
      return { scheduledAt: once(row.scheduledAt) };
    case 'in_progress':
      return { actualStart: once(row.actualStart) };
    case 'implemented':
      return { implementedAt: once(row.implementedAt), actualEnd: now };
    case 'failed':
      return { failedAt: once(row.failedAt), actualEnd: now };
    case 'rolled_back':
      return { rolledBackAt: once(row.rolledBackAt), actualEnd: now };
    case 'closed':
    case 'cancelled':
      return { closedAt: once(row.closedAt) };
    default:
      return {};
  }
}

export interface MoveOptions {
  comment: string;
  /** Fields changed with the move (a schedule's planned interval). */
  extra?: Partial<ChangeRow>;
  /** Done by the system, not the caller (a standard change's automatic approval). */
  system?: boolean;
  /** Details for the event (e.g. the decision that approved it). */
  details?: Record<string, unknown>;
}

/** Move a locked change to `to`: row, history, audit and event, in the caller's transaction. */
export async function recordMove(
  tx: Executor,
  ctx: Context,
  before: ChangeRow,
  to: ChangeState,
  options: MoveOptions,
): Promise<ChangeRow> {
  const changes = { ...options.extra, ...stampsFor(before, to, ctx.now), state: to, updatedAt: ctx.now };
  const after = (await updateChangeRow(tx, before.id, null, changes))!;
  await addChangeHistory(tx, ctx, after.id, {
    from: before.state,
    to,
    comment: options.comment,
    system: options.system,
  });
  const affected = (await affectedOf(tx, [after.id])).get(after.id) ?? [];
  const change = presentChange(after, affected, ctx.actor);
  await recordAudit(tx, ctx, {
    action: `change.transition`,
    entityType: 'change',
    entityId: after.id,
    organisationId: after.organisationId,
    before: { state: before.state },
    after: { state: to, comment: options.comment, automatic: options.system ?? false },
  });
  await publishEvent(tx, ctx, {
    type: EVENTS[to],
    aggregateType: 'change',
    aggregateId: after.id,
    organisationId: after.organisationId,
    payload: {
      change,
      from: before.state,
      comment: options.comment,
      automatic: options.system ?? false,
      ...options.details,
    },
  });
  return after;
}

function refuse(row: ChangeRow, to: ChangeState): never {
  const allowed = allowedChangeTransitions(row.type, row.state).filter((state) => !isDecisionState(state));
  if (isDecisionState(to) && canTransitionChange(row.type, row.state, to))
    throw new AppError(
      'unprocessable',
      'changes.decided_by_approvals',
      `a change becomes ${to} by approval decisions: use /approve or /reject`,
      { allowed },
    );
  throw new AppError(
    'unprocessable',
    'changes.invalid_transition',
    `a ${row.type} change cannot move from ${row.state} to ${to}`,
    {
      from: row.state,
      to,
      allowed,
    },
  );
}

/** The comment is required where the story needs a reason. */
const NEEDS_COMMENT: readonly ChangeState[] = ['failed', 'rolled_back', 'cancelled'];

type TransitionInput = z.infer<typeof transitionChange>;

export async function transitionChangeRequest(
  deps: ChangeDeps,
  ctx: Context,
  ref: string,
  input: TransitionInput,
) {
  return await deps.db.transaction(async (tx) => {
    const before = await loadChange(tx, ctx, ref, true);
    authorizeChange(ctx.actor, 'change.write');
    const to = input.state;
    if (isDecisionState(to) || !canTransitionChange(before.type, before.state, to)) refuse(before, to);
    if (NEEDS_COMMENT.includes(to) && !input.comment)
      throw validationError([
        { path: 'body.comment', message: `say why the change is ${to.replace('_', ' ')}` },
      ]);
    if (to !== 'scheduled' && (input.plannedStart || input.plannedEnd))
      throw validationError([{ path: 'body.plannedStart', message: 'is only accepted when scheduling' }]);
    const affected = (await affectedOf(tx, [before.id])).get(before.id) ?? [];
    const comment = input.comment ?? '';
    let after: ChangeRow;
    if (to === 'submitted') after = await submit(tx, ctx, before, affected, comment);
    else if (to === 'scheduled') after = await schedule(deps, tx, ctx, before, affected, input);
    else after = await recordMove(tx, ctx, before, to, { comment });
    return await changeDetail(deps, tx, ctx, after);
  });
}

/**
 * DOMAIN.md: each change has a plan, a risk and a back-out plan — and names what it touches. A
 * normal or emergency change also needs someone able to decide it.
 */
async function assertSubmittable(tx: Executor, row: ChangeRow, affected: readonly Affected[]) {
  const missing: { path: string; message: string }[] = [];
  if (affected.length === 0)
    missing.push({ path: 'affected', message: 'name at least one service environment' });
  if (!row.implementationPlan) missing.push({ path: 'implementationPlan', message: 'is empty' });
  if (!row.backoutPlan) missing.push({ path: 'backoutPlan', message: 'is empty' });
  if (missing.length > 0)
    throw new AppError(
      'unprocessable',
      'changes.incomplete',
      'complete the change request before submitting it',
      { fields: missing },
    );
  if (row.type === 'standard') return;
  const facts = await approvalFacts(tx, row, affected);
  if (countingGroups(row.type, facts.groups).length === 0)
    throw new AppError(
      'unprocessable',
      'changes.no_approver_group',
      row.type === 'emergency'
        ? 'no active expedited approver group covers this organisation and its services'
        : 'no active approver group (CAB) covers this organisation and its services',
    );
}

async function submit(
  tx: Executor,
  ctx: Context,
  before: ChangeRow,
  affected: readonly Affected[],
  comment: string,
) {
  await assertSubmittable(tx, before, affected);
  const submitted = await recordMove(tx, ctx, before, 'submitted', { comment });
  if (before.type !== 'standard') return submitted;
  // Standard changes are pre-approved: the system records the approval at once.
  return await recordMove(tx, ctx, submitted, 'approved', {
    comment: 'pre-approved standard change',
    system: true,
  });
}

async function schedule(
  deps: ChangeDeps,
  tx: Executor,
  ctx: Context,
  before: ChangeRow,
  affected: readonly Affected[],
  input: TransitionInput,
) {
  const start = input.plannedStart ? new Date(input.plannedStart) : before.plannedStart;
  const end = input.plannedEnd ? new Date(input.plannedEnd) : before.plannedEnd;
  if (!start && !end)
    throw validationError([
      {
        path: 'body.plannedStart',
        message: 'a change is scheduled for a planned interval: send plannedStart and plannedEnd',
      },
    ]);
  const plan = checkPlan(start, end)!;
  await assertDowntimeRule(deps, tx, { ...before, plannedStart: plan.start, plannedEnd: plan.end }, affected);
  const after = await recordMove(tx, ctx, before, 'scheduled', {
    comment: input.comment ?? '',
    extra: { plannedStart: plan.start, plannedEnd: plan.end },
  });
  await noticeDowntime(deps, tx, ctx, after, affected);
  return after;
}
