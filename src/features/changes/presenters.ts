import type { Change } from '../../contracts/changes.js';
import {
  allowedChangeTransitions,
  type ChangeState,
  formatChangeNumber,
  isDecisionState,
} from '../../core/changes/index.js';
import type { Actor } from '../../platform/actor.js';
import { isStaff } from './changes.policy.js';
import type { Affected, ChangeRow } from './changes.repo.js';

const iso = (value: Date | null) => value?.toISOString() ?? null;

/**
 * The states this actor may move the change to with a transition request: staff, along the
 * lifecycle, except approved/rejected (those follow from approval decisions). Customers read.
 */
export function transitionsFor(actor: Actor, row: ChangeRow): ChangeState[] {
  if (!isStaff(actor)) return [];
  return allowedChangeTransitions(row.type, row.state).filter((state) => !isDecisionState(state));
}

export function presentChange(row: ChangeRow, affected: readonly Affected[], actor: Actor): Change {
  return {
    id: row.id,
    number: formatChangeNumber(row.number),
    organisationId: row.organisationId,
    type: row.type,
    kind: row.kind,
    title: row.title,
    description: row.description,
    risk: row.risk,
    impact: row.impact,
    implementationPlan: row.implementationPlan,
    backoutPlan: row.backoutPlan,
    testPlan: row.testPlan,
    requiresDowntime: row.requiresDowntime,
    plannedStart: iso(row.plannedStart),
    plannedEnd: iso(row.plannedEnd),
    actualStart: iso(row.actualStart),
    actualEnd: iso(row.actualEnd),
    state: row.state,
    requesterId: row.requesterId,
    ownerId: row.ownerId,
    version: row.version,
    affected: affected.map((entry) => ({ serviceId: entry.serviceId, environmentId: entry.environmentId })),
    submittedAt: iso(row.submittedAt),
    approvedAt: iso(row.approvedAt),
    scheduledAt: iso(row.scheduledAt),
    implementedAt: iso(row.implementedAt),
    failedAt: iso(row.failedAt),
    rolledBackAt: iso(row.rolledBackAt),
    closedAt: iso(row.closedAt),
    allowedTransitions: transitionsFor(actor, row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
