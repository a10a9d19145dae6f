import { and, asc, eq, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import type { TicketFilters } from '../../contracts/tickets.js';
import type { Executor } from '../../db/client.js';
import { savedViews, teamMembers, tickets } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { filterConditions } from './tickets.repo.js';
import { ticketVisibility } from './tickets.scope.js';

export type SavedViewRow = typeof savedViews.$inferSelect;

const NOBODY = '00000000-0000-0000-0000-000000000000';

function myTeams(actor: Actor) {
  return sql`(select ${teamMembers.teamId} from ${teamMembers} where ${teamMembers.userId} = ${actor.userId ?? NOBODY})`;
}

/** My personal views and my teams' views. */
function listedBy(actor: Actor): SQL {
  return or(eq(savedViews.ownerId, actor.userId ?? NOBODY), inArray(savedViews.teamId, myTeams(actor)))!;
}

/** What an actor may change: what they list, and for an admin any team's view too. */
function editableBy(actor: Actor): SQL {
  return actor.role === 'admin' ? or(listedBy(actor), isNotNull(savedViews.teamId))! : listedBy(actor);
}

/** My views and my teams' views; or, given a team, that team's views. */
export async function listViewRows(
  executor: Executor,
  actor: Actor,
  teamId?: string,
): Promise<SavedViewRow[]> {
  return await executor
    .select()
    .from(savedViews)
    .where(teamId ? eq(savedViews.teamId, teamId) : listedBy(actor))
    .orderBy(asc(savedViews.position), asc(sql`lower(${savedViews.name})`), asc(savedViews.id));
}

export async function findEditableView(
  executor: Executor,
  actor: Actor,
  id: string,
): Promise<SavedViewRow | null> {
  const [row] = await executor
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.id, id), editableBy(actor)))
    .limit(1)
    .for('update');
  return row ?? null;
}

export async function isTeamMember(executor: Executor, teamId: string, userId: string | null) {
  const [row] = await executor
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId ?? NOBODY)))
    .limit(1);
  return row !== undefined;
}

/** How many views an owner (personal) or a team (shared) has. */
export async function countViewsOf(executor: Executor, owner: { ownerId: string } | { teamId: string }) {
  const [row] = await executor
    .select({ count: sql<number>`count(*)::int` })
    .from(savedViews)
    .where('ownerId' in owner ? eq(savedViews.ownerId, owner.ownerId) : eq(savedViews.teamId, owner.teamId));
  return row?.count ?? 0;
}

/**
 * Live counts for many filters in one pass over the tickets the actor sees: one `count(*) filter
 * (where …)` per filter, with the same conditions as GET /tickets (so "me" is the actor).
 * A null filter (no longer valid) counts as null.
 */
export async function countForFilters(
  executor: Executor,
  actor: Actor,
  filters: (TicketFilters | null)[],
  now: Date,
): Promise<(number | null)[]> {
  const columns: Record<string, SQL<number>> = {};
  filters.forEach((filter, index) => {
    if (!filter) return;
    const condition = and(...filterConditions(actor, filter, now)) ?? sql`true`;
    columns[`c${index}`] = sql<number>`(count(*) filter (where ${condition}))::int`;
  });
  if (Object.keys(columns).length === 0) return filters.map(() => null);
  const [row] = await executor.select(columns).from(tickets).where(ticketVisibility(actor));
  return filters.map((_, index) => (row && `c${index}` in row ? Number(row[`c${index}`]) : null));
}
