import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { maintenanceTasks } from '../../db/schema/index.js';
import type { OrganisationScope } from '../../platform/actor.js';
import { organisationScopeCondition } from '../directory/index.js';

/** Open maintenance work at an instant (DOMAIN.md KPI "backlog"). */
export interface MaintenanceBacklog {
  at: string;
  /** Tasks open or in progress at `at`. */
  total: number;
  byState: { open: number; in_progress: number };
  /** Of those, the ones due at or before `at`. */
  overdue: number;
  /** Of those, by time since the task was created (generated) until `at`. */
  byAge: { under1d: number; from1to7d: number; from7to30d: number; over30d: number };
}

export interface BacklogFilter {
  organisationId?: string | undefined;
  serviceId?: string | undefined;
}

/**
 * The maintenance backlog at `at` (now or in the past), within a tenant scope. A task's state at
 * `at` is the target of its last state change at or before `at` (task history), else `open` once
 * it exists. Tasks that finished (completed_at) at or before `at` and stayed finished are pruned
 * first, so the history is only read for tasks open now or finished later. Due times are today's
 * (an edited due date is not replayed).
 */
export async function maintenanceBacklogAt(
  executor: Executor,
  scope: OrganisationScope,
  at: Date,
  filter: BacklogFilter = {},
): Promise<MaintenanceBacklog> {
  const when = sql`${at.toISOString()}::timestamptz`;
  const where: SQL = and(
    sql`${maintenanceTasks.createdAt} <= ${when}`,
    sql`(${maintenanceTasks.state} in ('open', 'in_progress') or ${maintenanceTasks.completedAt} > ${when})`,
    organisationScopeCondition(scope, maintenanceTasks.organisationId),
    filter.organisationId ? eq(maintenanceTasks.organisationId, filter.organisationId) : undefined,
    filter.serviceId ? eq(maintenanceTasks.serviceId, filter.serviceId) : undefined,
  )!;
  const result = await executor.execute<Record<string, number>>(sql`
    with candidates as (
      select ${maintenanceTasks.createdAt} as created_at, ${maintenanceTasks.dueAt} as due_at,
             coalesce((select h.data->>'to' from maintenance_task_history h
                        where h.task_id = ${maintenanceTasks.id} and h.kind = 'state' and h.at <= ${when}
                        order by h.at desc, h.id desc limit 1), 'open') as state
        from ${maintenanceTasks}
       where ${where}
    ), backlog as (
      select *, ${when} - created_at as age from candidates where state in ('open', 'in_progress')
    )
    select count(*)::int as total,
           (count(*) filter (where state = 'open'))::int as open,
           (count(*) filter (where state = 'in_progress'))::int as in_progress,
           (count(*) filter (where due_at <= ${when}))::int as overdue,
           (count(*) filter (where age < interval '1 day'))::int as under1d,
           (count(*) filter (where age >= interval '1 day' and age < interval '7 days'))::int as from1to7d,
           (count(*) filter (where age >= interval '7 days' and age < interval '30 days'))::int as from7to30d,
           (count(*) filter (where age >= interval '30 days'))::int as over30d
      from backlog`);
  const row = result.rows[0] ?? {};
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    at: at.toISOString(),
    total: n('total'),
    byState: { open: n('open'), in_progress: n('in_progress') },
    overdue: n('overdue'),
    byAge: {
      under1d: n('under1d'),
      from1to7d: n('from1to7d'),
      from7to30d: n('from7to30d'),
      over30d: n('over30d'),
    },
  };
}
