import { and, desc, eq, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { maintenanceWindows } from '../../db/schema/index.js';
import type { OrganisationScope } from '../../platform/actor.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { organisationScopeCondition } from '../directory/index.js';
import type { WindowRow } from './presenters.js';

export type NewWindow = typeof maintenanceWindows.$inferInsert;
export type WindowChanges = Partial<
  Pick<
    WindowRow,
    | 'environmentId'
    | 'title'
    | 'description'
    | 'rrule'
    | 'dtstart'
    | 'timezone'
    | 'durationMinutes'
    | 'exdates'
    | 'updatedAt'
  >
>;

const scoped = (scope: OrganisationScope) =>
  organisationScopeCondition(scope, maintenanceWindows.organisationId);

export async function findWindow(
  executor: Executor,
  scope: OrganisationScope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<WindowRow | null> {
  const query = executor
    .select()
    .from(maintenanceWindows)
    .where(and(eq(maintenanceWindows.id, id), scoped(scope)))
    .limit(1);
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0] ?? null;
}

export async function insertWindow(executor: Executor, values: NewWindow): Promise<WindowRow> {
  const [row] = await executor.insert(maintenanceWindows).values(values).returning();
  return row!;
}

/** Every change bumps the iCalendar SEQUENCE, so calendar clients replace what they show. */
export async function updateWindowRow(
  executor: Executor,
  id: string,
  changes: WindowChanges,
): Promise<WindowRow> {
  const [row] = await executor
    .update(maintenanceWindows)
    .set({ ...changes, sequence: sql`${maintenanceWindows.sequence} + 1` })
    .where(eq(maintenanceWindows.id, id))
    .returning();
  return row!;
}

export async function deleteWindowRow(executor: Executor, id: string): Promise<void> {
  await executor.delete(maintenanceWindows).where(eq(maintenanceWindows.id, id));
}

export interface WindowFilter {
  organisationId?: string;
  serviceId?: string;
  environmentId?: string;
}

/** Filter conditions; an environment also matches windows that hold for every environment. */
function filterConditions(filter: WindowFilter): (SQL | undefined)[] {
  return [
    filter.organisationId ? eq(maintenanceWindows.organisationId, filter.organisationId) : undefined,
    filter.serviceId ? eq(maintenanceWindows.serviceId, filter.serviceId) : undefined,
    filter.environmentId
      ? or(
          eq(maintenanceWindows.environmentId, filter.environmentId),
          isNull(maintenanceWindows.environmentId),
        )
      : undefined,
  ];
}

/** Newest first (ids are time-ordered), within the scope. */
export async function listWindowRows(
  executor: Executor,
  scope: OrganisationScope,
  filter: WindowFilter & { limit: number; cursor?: string },
) {
  const cursor = decodeCursor(filter.cursor);
  const rows = await executor
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        scoped(scope),
        ...filterConditions(filter),
        cursor ? lt(maintenanceWindows.id, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(maintenanceWindows.id))
    .limit(filter.limit + 1);
  return pageOf(rows, filter.limit, (row) => ({ v: null, id: row.id }));
}

/** Every window matching the filter (for expansion; an organisation has tens, not thousands). */
export async function allWindowRows(
  executor: Executor,
  scope: OrganisationScope,
  filter: WindowFilter,
): Promise<WindowRow[]> {
  return await executor
    .select()
    .from(maintenanceWindows)
    .where(and(scoped(scope), ...filterConditions(filter)))
    .orderBy(maintenanceWindows.id);
}
