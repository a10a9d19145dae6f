import { and, gte, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { changeHistory, changeRequests } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { changeVisibility } from './changes.scope.js';

const orgFilter = (organisationId: string | undefined) =>
  organisationId ? sql`${changeRequests.organisationId} = ${organisationId}` : undefined;

/**
 * Each visible change's state at instant `at` (the last state history entry at or before it) with
 * its creation time: the backlog at any point in time, exactly, from the history.
 */
export async function statesAt(executor: Executor, actor: Actor, at: Date, organisationId?: string) {
  const rows = await executor
    .selectDistinctOn([changeHistory.changeId], {
      state: changeHistory.toState,
      createdAt: changeRequests.createdAt,
    })
    .from(changeHistory)
    .innerJoin(changeRequests, sql`${changeRequests.id} = ${changeHistory.changeId}`)
    .where(and(lte(changeHistory.at, at), changeVisibility(actor), orgFilter(organisationId)))
    .orderBy(changeHistory.changeId, sql`${changeHistory.id} desc`);
  return rows;
}

/** The KPI facts of every visible change with a submission or an outcome in [from, until). */
export async function kpiFacts(
  executor: Executor,
  actor: Actor,
  from: Date,
  until: Date,
  organisationId?: string,
) {
  const inRange = (column: typeof changeRequests.submittedAt) => and(gte(column, from), lt(column, until));
  return await executor
    .select({
      type: changeRequests.type,
      submittedAt: changeRequests.submittedAt,
      implementedAt: changeRequests.implementedAt,
      failedAt: changeRequests.failedAt,
      rolledBackAt: changeRequests.rolledBackAt,
    })
    .from(changeRequests)
    .where(
      and(
        changeVisibility(actor),
        orgFilter(organisationId),
        or(
          inRange(changeRequests.submittedAt),
          inRange(changeRequests.implementedAt),
          inRange(changeRequests.failedAt),
          inRange(changeRequests.rolledBackAt),
        ),
      ),
    );
}
