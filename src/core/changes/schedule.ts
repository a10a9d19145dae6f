/**
 * Scheduling rules for change requests (DOMAIN.md): a change that needs downtime must lie inside a
 * maintenance window of each affected environment (unless it is an emergency), and changes that
 * overlap in time on one service are conflicts — flagged, not forbidden. Pure: the caller says
 * which environments' windows hold the plan, and passes the changes. Intervals are half-open.
 */
import type { ChangeState, ChangeType } from './lifecycle.js';

export interface Interval {
  readonly start: Date;
  readonly end: Date;
}

/** a and b share at least one instant. Touching intervals ([1,2) and [2,3)) do not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/**
 * Whether the planned interval lies inside one window occurrence of one affected environment (the
 * maintenance feature answers that: core/maintenance/windows.ts).
 */
export interface EnvironmentFit {
  readonly environmentId: string;
  readonly inside: boolean;
}

/** The downtime rule binds changes that take something down, unless they are emergencies. */
export function downtimeRuleApplies(type: ChangeType, requiresDowntime: boolean): boolean {
  return requiresDowntime && type !== 'emergency';
}

export interface DowntimeCheckInput {
  readonly type: ChangeType;
  readonly requiresDowntime: boolean;
  /** One entry per affected environment. */
  readonly environments: readonly EnvironmentFit[];
}

export type DowntimeVerdict =
  | { readonly ok: true; readonly reason: 'no_downtime' | 'emergency' | 'inside_windows' }
  | { readonly ok: false; readonly outsideEnvironmentIds: readonly string[] };

/**
 * The downtime rule: inside a window of EACH affected environment. A downtime change with no
 * affected environment cannot be shown to be inside anything, so it fails (naming none): name
 * the environments it takes down.
 */
export function checkDowntimeWindows(input: DowntimeCheckInput): DowntimeVerdict {
  if (!input.requiresDowntime) return { ok: true, reason: 'no_downtime' };
  if (input.type === 'emergency') return { ok: true, reason: 'emergency' };
  const outside = input.environments
    .filter((environment) => !environment.inside)
    .map((environment) => environment.environmentId);
  if (input.environments.length === 0 || outside.length > 0)
    return { ok: false, outsideEnvironmentIds: outside };
  return { ok: true, reason: 'inside_windows' };
}

export interface PlannedChange {
  readonly id: string;
  readonly state: ChangeState;
  readonly start: Date | null;
  readonly end: Date | null;
  readonly serviceIds: readonly string[];
}

export interface ChangeConflict {
  /** The two changes, the smaller id first. */
  readonly changeIds: readonly [string, string];
  /** The services both touch while they overlap. */
  readonly serviceIds: readonly string[];
  /** Where they overlap. */
  readonly overlap: Interval;
}

/** Changes that will not (or no longer) happen, or never planned: no conflicts. */
const IGNORED: readonly ChangeState[] = ['cancelled', 'closed', 'rejected'];

function plannedIntervalOf(change: PlannedChange): Interval | null {
  if (IGNORED.includes(change.state) || !change.start || !change.end) return null;
  return change.end.getTime() > change.start.getTime() ? { start: change.start, end: change.end } : null;
}

/** Every pair of changes that overlap in time on at least one common service. */
export function findConflicts(changes: readonly PlannedChange[]): ChangeConflict[] {
  const planned = changes
    .map((change) => ({ change, interval: plannedIntervalOf(change) }))
    .filter((entry): entry is { change: PlannedChange; interval: Interval } => entry.interval !== null)
    .sort((a, b) => a.interval.start.getTime() - b.interval.start.getTime());
  const conflicts: ChangeConflict[] = [];
  for (let i = 0; i < planned.length; i++) {
    const a = planned[i]!;
    // Sorted by start: once b starts at or after a ends, no later change overlaps a either.
    for (
      let j = i + 1;
      j < planned.length && planned[j]!.interval.start.getTime() < a.interval.end.getTime();
      j++
    ) {
      const b = planned[j]!;
      const shared = a.change.serviceIds.filter((service) => b.change.serviceIds.includes(service));
      if (shared.length === 0 || a.change.id === b.change.id) continue;
      const ids = [a.change.id, b.change.id].sort() as [string, string];
      const start = b.interval.start;
      const end = new Date(Math.min(a.interval.end.getTime(), b.interval.end.getTime()));
      conflicts.push({ changeIds: ids, serviceIds: [...new Set(shared)].sort(), overlap: { start, end } });
    }
  }
  return conflicts.sort(
    (x, y) => x.changeIds[0].localeCompare(y.changeIds[0]) || x.changeIds[1].localeCompare(y.changeIds[1]),
  );
}
