import type { ChangeDetail } from '../../contracts/changes.js';
import {
  checkDowntimeWindows,
  downtimeRuleApplies,
  findConflicts,
  formatChangeNumber,
  type Interval,
} from '../../core/changes/index.js';
import type { Executor } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { approvalFacts, presentApproval } from './approvals.status.js';
import { type Affected, affectedOf, type ChangeRow, historyOf, plannedInRange } from './changes.repo.js';
import { linksOf } from './links.repo.js';
import type { ChangeDeps } from './ports.js';
import { presentChange } from './presenters.js';

export interface WindowCheckView {
  required: boolean;
  inside: boolean | null;
  outsideEnvironmentIds: string[];
}

const plannedOf = (row: ChangeRow): Interval | null =>
  row.plannedStart && row.plannedEnd ? { start: row.plannedStart, end: row.plannedEnd } : null;

/** The downtime rule for a change as planned (null `inside`: the rule does not bind, or no plan yet). */
export async function windowCheckFor(
  deps: ChangeDeps,
  executor: Executor,
  row: Pick<ChangeRow, 'type' | 'requiresDowntime'>,
  affected: readonly Affected[],
  planned: Interval | null,
): Promise<WindowCheckView> {
  const required = downtimeRuleApplies(row.type, row.requiresDowntime);
  if (!required || !planned) return { required, inside: null, outsideEnvironmentIds: [] };
  const environments = [];
  for (const target of affected)
    environments.push({
      environmentId: target.environmentId,
      inside: await deps.windows.isInside(executor, target, planned),
    });
  const verdict = checkDowntimeWindows({
    type: row.type,
    requiresDowntime: row.requiresDowntime,
    environments,
  });
  return verdict.ok
    ? { required, inside: true, outsideEnvironmentIds: [] }
    : { required, inside: false, outsideEnvironmentIds: [...verdict.outsideEnvironmentIds] };
}

/** Other changes overlapping this one in time on a common service. */
export async function conflictsFor(
  executor: Executor,
  ctx: Context,
  row: ChangeRow,
  affected: readonly Affected[],
) {
  const planned = plannedOf(row);
  const serviceIds = [...new Set(affected.map((entry) => entry.serviceId))];
  if (!planned || serviceIds.length === 0) return [];
  const others = await plannedInRange(
    executor,
    ctx.actor,
    { from: planned.start, until: planned.end, serviceIds },
    500,
  );
  const rows = [row, ...others.filter((other) => other.id !== row.id)];
  const affectedById = await affectedOf(
    executor,
    rows.map((entry) => entry.id),
  );
  const numbers = new Map(rows.map((entry) => [entry.id, formatChangeNumber(entry.number)]));
  const conflicts = findConflicts(
    rows.map((entry) => ({
      id: entry.id,
      state: entry.state,
      start: entry.plannedStart,
      end: entry.plannedEnd,
      serviceIds: (affectedById.get(entry.id) ?? []).map((a) => a.serviceId),
    })),
  ).filter((conflict) => conflict.changeIds.includes(row.id));
  return conflicts.map((conflict) => presentConflict(conflict, numbers));
}

export function presentConflict(
  conflict: ReturnType<typeof findConflicts>[number],
  numbers: ReadonlyMap<string, string>,
) {
  return {
    changeIds: [...conflict.changeIds],
    numbers: conflict.changeIds.map((id) => numbers.get(id) ?? id),
    serviceIds: [...conflict.serviceIds],
    overlapStart: conflict.overlap.start.toISOString(),
    overlapEnd: conflict.overlap.end.toISOString(),
  };
}

/** A change with its approvals, window check, conflicts, history and links. */
export async function changeDetail(
  deps: ChangeDeps,
  executor: Executor,
  ctx: Context,
  row: ChangeRow,
): Promise<ChangeDetail> {
  const affected = (await affectedOf(executor, [row.id])).get(row.id) ?? [];
  const facts = await approvalFacts(executor, row, affected);
  const history = await historyOf(executor, row.id);
  return {
    ...presentChange(row, affected, ctx.actor),
    approval: presentApproval(facts, row, ctx.actor),
    window: await windowCheckFor(deps, executor, row, affected, plannedOf(row)),
    conflicts: await conflictsFor(executor, ctx, row, affected),
    history: history.map((entry) => ({
      fromState: entry.fromState,
      toState: entry.toState,
      actorId: entry.actorId,
      at: entry.at.toISOString(),
      comment: entry.comment,
    })),
    links: await linksOf(executor, row.id),
  };
}
