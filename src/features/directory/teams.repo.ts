import { and, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { afterCursor, keysetOrder, sortKeyOf } from '../../db/keyset.js';
import { teamMembers, teamServedOrganisations, teams, users } from '../../db/schema/index.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { escapeLike } from './organisations.repo.js';
import { presentTeam } from './presenters.js';

export type TeamRow = typeof teams.$inferSelect;

const SORTS = {
  name: { expression: sql`lower(${teams.name})`, id: teams.id, descending: false },
  '-name': { expression: sql`lower(${teams.name})`, id: teams.id, descending: true },
  tier: { expression: teams.tier, id: teams.id, descending: false },
  '-tier': { expression: teams.tier, id: teams.id, descending: true },
} as const;

export interface TeamFilter {
  q?: string;
  tier?: TeamRow['tier'];
  servesOrganisationId?: string;
  memberId?: string;
  sort: keyof typeof SORTS;
  limit: number;
  cursor?: string;
}

/** Served organisations and members for a page of teams in two queries (no N+1). */
export async function presentTeams(executor: Executor, rows: TeamRow[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [served, members] = await Promise.all([
    executor.select().from(teamServedOrganisations).where(inArray(teamServedOrganisations.teamId, ids)),
    executor
      .select({ teamId: teamMembers.teamId, id: users.id, name: users.name, email: users.email })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(inArray(teamMembers.teamId, ids))
      .orderBy(sql`lower(${users.name})`),
  ]);
  return rows.map((row) =>
    presentTeam(
      row,
      served.filter((link) => link.teamId === row.id).map((link) => link.organisationId),
      members
        .filter((member) => member.teamId === row.id)
        .map(({ id, name, email }) => ({ id, name, email })),
    ),
  );
}

export async function findTeam(executor: Executor, id: string): Promise<TeamRow | null> {
  const rows = await executor.select().from(teams).where(eq(teams.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function listTeams(executor: Executor, filter: TeamFilter) {
  const sort = SORTS[filter.sort];
  const conditions: (SQL | undefined)[] = [
    filter.q ? ilike(teams.name, `%${escapeLike(filter.q)}%`) : undefined,
    filter.tier ? eq(teams.tier, filter.tier) : undefined,
    filter.servesOrganisationId
      ? sql`exists (select 1 from ${teamServedOrganisations} s where s.team_id = ${teams.id} and s.organisation_id = ${filter.servesOrganisationId})`
      : undefined,
    filter.memberId
      ? sql`exists (select 1 from ${teamMembers} m where m.team_id = ${teams.id} and m.user_id = ${filter.memberId})`
      : undefined,
    afterCursor(sort, decodeCursor(filter.cursor)),
  ];
  const rows = await executor
    .select({ row: teams, sortKey: sortKeyOf(sort) })
    .from(teams)
    .where(and(...conditions))
    .orderBy(...keysetOrder(sort))
    .limit(filter.limit + 1);
  const page = pageOf(rows, filter.limit, (found) => ({ v: found.sortKey, id: found.row.id }));
  return { items: page.items.map((found) => found.row), nextCursor: page.nextCursor };
}

export async function replaceServedOrganisations(
  executor: Executor,
  teamId: string,
  organisationIds: string[],
) {
  await executor.delete(teamServedOrganisations).where(eq(teamServedOrganisations.teamId, teamId));
  if (organisationIds.length > 0) {
    await executor
      .insert(teamServedOrganisations)
      .values([...new Set(organisationIds)].map((organisationId) => ({ teamId, organisationId })));
  }
}

export async function replaceMembers(executor: Executor, teamId: string, userIds: string[]) {
  await executor.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
  if (userIds.length > 0) {
    await executor.insert(teamMembers).values([...new Set(userIds)].map((userId) => ({ teamId, userId })));
  }
}
