import { formatChangeNumber } from '../../core/changes/index.js';
import type { Executor } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import type { Affected, ChangeRow } from './changes.repo.js';
import { windowCheckFor } from './detail.service.js';
import type { ChangeDeps } from './ports.js';

/** The rule's name in error details, so clients can tell which rule refused the schedule. */
export const DOWNTIME_RULE = 'downtime_inside_maintenance_window';

/**
 * DOMAIN.md: a change that needs downtime must be scheduled inside a maintenance window of the
 * affected service (each affected environment) unless it is an emergency. Refuses with 422.
 */
export async function assertDowntimeRule(
  deps: ChangeDeps,
  executor: Executor,
  row: ChangeRow,
  affected: readonly Affected[],
): Promise<void> {
  const planned =
    row.plannedStart && row.plannedEnd ? { start: row.plannedStart, end: row.plannedEnd } : null;
  const check = await windowCheckFor(deps, executor, row, affected, planned);
  if (!check.required || check.inside) return;
  const reason =
    affected.length === 0
      ? 'it names no affected environment, so it cannot be shown to be inside a window'
      : 'it is not inside a maintenance window of every affected environment';
  throw new AppError(
    'unprocessable',
    'changes.outside_maintenance_window',
    `a change that needs downtime must be scheduled inside a maintenance window of each affected environment, or be an emergency: ${reason}`,
    { rule: DOWNTIME_RULE, outsideEnvironmentIds: check.outsideEnvironmentIds },
  );
}

/** Tell the customers about a scheduled downtime (when the notice port is wired). */
export async function noticeDowntime(
  deps: ChangeDeps,
  executor: Executor,
  ctx: Context,
  row: ChangeRow,
  affected: readonly Affected[],
): Promise<void> {
  if (!row.requiresDowntime || !deps.notices || !row.plannedStart) return;
  await deps.notices.downtimeScheduled(
    executor,
    ctx,
    { ...row, numberText: formatChangeNumber(row.number) },
    affected,
  );
}
