import { and, gt, gte, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { changeHistory, changeRequests, maintenanceTasks } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { organisationScopeCondition } from '../directory/index.js';
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

/**
 * Open maintenance tasks (helper C's preventive plans) at `at`: created by then and not finished
 * by then. Exact for now; for a past instant a task that was finished and later reopened counts
 * as open throughout (its task history is not read).
 */
export async function openTasksAt(executor: Executor, actor: Actor, at: Date, organisationId?: string) {
  const [row] = await executor
    .select({ count: sql<number>`count(*)::int` })
    .from(maintenanceTasks)
    .where(
      and(
        organisationScopeCondition(actor.organisations, maintenanceTasks.organisationId),
        organisationId ? sql`${maintenanceTasks.organisationId} = ${organisationId}` : undefined,
        lte(maintenanceTasks.createdAt, at),
        // A task is open exactly while completed_at is null (a CHECK constraint of the table).
        or(isNull(maintenanceTasks.completedAt), gt(maintenanceTasks.completedAt, at)),
      ),
    );
  return row?.count ?? 0;
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
