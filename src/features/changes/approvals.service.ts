import {
  acceptsDecisions,
  type Decision,
  evaluateApprovals,
  isEligibleApprover,
} from '../../core/changes/index.js';
import type { Context } from '../../platform/actor.js';
import { AppError, conflict, forbidden, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';
import { insertDecision } from './approvals.repo.js';
import { approvalFacts } from './approvals.status.js';
import { affectedOf } from './changes.repo.js';
import { loadChange } from './changes.service.js';
import { changeDetail } from './detail.service.js';
import { recordMove } from './lifecycle.service.js';
import type { ChangeDeps } from './ports.js';

/**
 * An approver's decision on a change awaiting approval (core/changes/approvals.ts has the rules):
 * recorded with its comment, once per approver; when it settles the outcome, the change moves to
 * approved or rejected in the same transaction.
 */
export async function decideChange(
  deps: ChangeDeps,
  ctx: Context,
  ref: string,
  decision: Decision,
  comment: string | undefined,
) {
  if (decision === 'reject' && !comment)
    throw validationError([{ path: 'body.comment', message: 'say why you reject the change' }]);
  return await deps.db.transaction(async (tx) => {
    const before = await loadChange(tx, ctx, ref, true);
    if (!acceptsDecisions(before.type, before.state))
      throw new AppError(
        'unprocessable',
        'changes.not_awaiting_approval',
        before.type === 'standard'
          ? 'standard changes are pre-approved'
          : `a ${before.type} change in state ${before.state} is not awaiting approval`,
      );
    const affected = (await affectedOf(tx, [before.id])).get(before.id) ?? [];
    const facts = await approvalFacts(tx, before, affected);
    const approverId = ctx.actor.userId;
    if (!approverId || !isEligibleApprover(facts.input, approverId))
      throw forbidden('changes.not_an_approver', 'you are not an approver of this change');
    const recorded = await insertDecision(tx, {
      id: uuidv7(ctx.now.getTime()),
      changeId: before.id,
      approverId,
      decision,
      comment: comment ?? '',
      decidedAt: ctx.now,
    });
    if (!recorded) throw conflict('changes.already_decided', 'you have already decided on this change');
    const status = evaluateApprovals({
      ...facts.input,
      decisions: [...facts.input.decisions, { approverId, decision }],
    });
    await recordAudit(tx, ctx, {
      action: 'change.decision_recorded',
      entityType: 'change',
      entityId: before.id,
      organisationId: before.organisationId,
      after: { decision, comment: comment ?? '', outcome: status.outcome },
    });
    await publishEvent(tx, ctx, {
      type: 'change.decision_recorded',
      aggregateType: 'change',
      aggregateId: before.id,
      organisationId: before.organisationId,
      payload: { changeId: before.id, approverId, decision, comment: comment ?? '', outcome: status.outcome },
    });
    const after =
      status.outcome === 'pending'
        ? before
        : await recordMove(tx, ctx, before, status.outcome, {
            comment: comment ?? '',
            details: { decidedBy: approverId },
          });
    return await changeDetail(deps, tx, ctx, after);
  });
}
