import { and, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { calendarFeeds, maintenanceWindows, organisations, services } from '../../db/schema/index.js';
import type { OrganisationScope } from '../../platform/actor.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { organisationScopeCondition } from '../directory/index.js';
import type { FeedRow, WindowRow } from './presenters.js';

const scoped = (scope: OrganisationScope) => organisationScopeCondition(scope, calendarFeeds.organisationId);

export async function insertFeed(
  executor: Executor,
  values: typeof calendarFeeds.$inferInsert,
): Promise<FeedRow> {
  const [row] = await executor.insert(calendarFeeds).values(values).returning();
  return row!;
}

export async function findFeed(
  executor: Executor,
  scope: OrganisationScope,
  id: string,
): Promise<FeedRow | null> {
  const rows = await executor
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.id, id), scoped(scope)))
    .for('update');
  return rows[0] ?? null;
}

export async function updateFeedRow(
  executor: Executor,
  id: string,
  changes: Partial<Pick<FeedRow, 'tokenHash' | 'tokenPrefix' | 'revokedAt' | 'updatedAt'>>,
): Promise<FeedRow> {
  const [row] = await executor.update(calendarFeeds).set(changes).where(eq(calendarFeeds.id, id)).returning();
  return row!;
}

export async function listFeedRows(
  executor: Executor,
  scope: OrganisationScope,
  filter: { organisationId?: string; limit: number; cursor?: string },
) {
  const cursor = decodeCursor(filter.cursor);
  const rows = await executor
    .select()
    .from(calendarFeeds)
    .where(
      and(
        scoped(scope),
        filter.organisationId ? eq(calendarFeeds.organisationId, filter.organisationId) : undefined,
        cursor ? lt(calendarFeeds.id, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(calendarFeeds.id))
    .limit(filter.limit + 1);
  return pageOf(rows, filter.limit, (row) => ({ v: null, id: row.id }));
}

/** A live feed by its token's digest, with its organisation's name; revoked ones are not found. */
export async function findLiveFeedByHash(executor: Executor, tokenHash: string) {
  const [row] = await executor
    .select({ feed: calendarFeeds, organisationName: organisations.name })
    .from(calendarFeeds)
    .innerJoin(organisations, eq(organisations.id, calendarFeeds.organisationId))
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)));
  return row ?? null;
}

/** The windows a feed publishes, and the names of their services. */
export async function windowsOfFeed(executor: Executor, feed: FeedRow) {
  const rows: WindowRow[] = await executor
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.organisationId, feed.organisationId),
        feed.serviceId ? eq(maintenanceWindows.serviceId, feed.serviceId) : undefined,
      ),
    )
    .orderBy(maintenanceWindows.id);
  const ids = [...new Set(rows.map((row) => row.serviceId))];
  const names = ids.length
    ? await executor
        .select({ id: services.id, name: services.name })
        .from(services)
        .where(inArray(services.id, ids))
    : [];
  return { rows, serviceNames: new Map(names.map((entry) => [entry.id, entry.name])) };
}
