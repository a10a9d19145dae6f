/**
 * Change KPIs, exactly as DOMAIN.md defines them, over a period [from, until):
 * - changes delivered: change requests reaching `implemented` in the period (by implemented_at);
 * - urgent changes: emergency changes submitted in the period, and their share of all changes
 *   submitted in the period ("in the period" for a request means raised in it; drafts never
 *   submitted are not requests yet);
 * - time to introduce a change: submitted → implemented, wall time, for the changes delivered in
 *   the period; median and p90 by linear interpolation between closest ranks (PostgreSQL's
 *   percentile_cont), in whole seconds (rounded down);
 * - change failure rate: of the changes whose implementation ended in the period (implemented,
 *   failed or rolled back, by the time of that outcome), the share that failed or were rolled back.
 * Shares and figures of an empty population are null, never 0 (0% failure is a claim).
 */
import type { ChangeType } from './lifecycle.js';

export interface ChangeFacts {
  readonly type: ChangeType;
  readonly submittedAt: Date | null;
  readonly implementedAt: Date | null;
  readonly failedAt: Date | null;
  readonly rolledBackAt: Date | null;
}

export interface ChangeKpis {
  readonly changesDelivered: number;
  readonly changesSubmitted: number;
  readonly urgentChanges: number;
  readonly urgentShare: number | null;
  readonly timeToIntroduce: {
    readonly count: number;
    readonly medianSeconds: number | null;
    readonly p90Seconds: number | null;
  };
  readonly changeFailureRate: {
    readonly outcomes: number;
    readonly failedOrRolledBack: number;
    readonly rate: number | null;
  };
}

const within = (instant: Date | null, from: Date, until: Date): boolean =>
  instant !== null && instant.getTime() >= from.getTime() && instant.getTime() < until.getTime();

/** percentile_cont: the value at rank p·(n−1) of the sorted values, interpolated linearly. */
export function percentileCont(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (rank - lower);
}

const seconds = (value: number | null) => (value === null ? null : Math.floor(value));

export function changeKpis(changes: readonly ChangeFacts[], from: Date, until: Date): ChangeKpis {
  const delivered = changes.filter((change) => within(change.implementedAt, from, until));
  const submitted = changes.filter((change) => within(change.submittedAt, from, until));
  const urgent = submitted.filter((change) => change.type === 'emergency').length;
  const leadTimes = delivered
    .filter((change) => change.submittedAt !== null)
    .map((change) => (change.implementedAt!.getTime() - change.submittedAt!.getTime()) / 1000);
  const outcomes = changes.filter(
    (change) =>
      within(change.implementedAt, from, until) ||
      within(change.failedAt, from, until) ||
      within(change.rolledBackAt, from, until),
  );
  // A change has one outcome (in_progress → implemented | failed | rolled_back), so these are disjoint.
  const failed = outcomes.filter(
    (change) => within(change.failedAt, from, until) || within(change.rolledBackAt, from, until),
  ).length;
  return {
    changesDelivered: delivered.length,
    changesSubmitted: submitted.length,
    urgentChanges: urgent,
    urgentShare: submitted.length === 0 ? null : urgent / submitted.length,
    timeToIntroduce: {
      count: leadTimes.length,
      medianSeconds: seconds(percentileCont(leadTimes, 0.5)),
      p90Seconds: seconds(percentileCont(leadTimes, 0.9)),
    },
    changeFailureRate: {
      outcomes: outcomes.length,
      failedOrRolledBack: failed,
      rate: outcomes.length === 0 ? null : failed / outcomes.length,
    },
  };
}
