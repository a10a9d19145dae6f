import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { TicketTier } from '../../core/tickets/index.js';
import type { Executor } from '../../db/client.js';
import {
  teamAssignmentCursor,
  teamMembers,
  teamServedOrganisations,
  teams,
  users,
} from '../../db/schema/index.js';
import { validationError } from '../../platform/errors.js';

type TeamRow = typeof teams.$inferSelect;

/** A team of the tier that serves the organisation (lowest name first), or null. */
export async function defaultTeamFor(
  executor: Executor,
  organisationId: string,
  tier: TicketTier,
): Promise<TeamRow | null> {
  const [row] = await executor
    .select({ team: teams })
    .from(teams)
    .innerJoin(teamServedOrganisations, eq(teamServedOrganisations.teamId, teams.id))
    .where(
      and(
        eq(teamServedOrganisations.organisationId, organisationId),
        eq(teams.tier, tier),
        eq(teams.active, true),
      ),
    )
    .orderBy(asc(sql`lower(${teams.name})`))
    .limit(1);
  return row?.team ?? null;
}

/** The team must exist, be active and serve the ticket's organisation. */
export async function checkTeam(
  executor: Executor,
  teamId: string,
  organisationId: string,
  field: string,
): Promise<TeamRow> {
  const [row] = await executor
    .select({ team: teams })
    .from(teams)
    .innerJoin(
      teamServedOrganisations,
      and(
        eq(teamServedOrganisations.teamId, teams.id),
        eq(teamServedOrganisations.organisationId, organisationId),
      ),
    )
    .where(and(eq(teams.id, teamId), eq(teams.active, true)))
    .limit(1);
  if (!row)
    throw validationError([{ path: field, message: 'is not an active team serving this organisation' }]);
  return row.team;
}

/** An assignee is active staff; when a team is given, a member of it. */
export async function checkAssignee(
  executor: Executor,
  assigneeId: string,
  teamId: string | null,
  field: string,
): Promise<void> {
  const [row] = await executor
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, assigneeId),
        eq(users.active, true),
        inArray(users.role, ['admin', 'service_manager', 'agent']),
      ),
    )
    .limit(1);
  if (!row) throw validationError([{ path: field, message: 'is not an active staff user' }]);
  if (!teamId) return;
  const [member] = await executor
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, assigneeId)))
    .limit(1);
  if (!member) throw validationError([{ path: field, message: "is not a member of the ticket's team" }]);
}

/**
 * Round robin: the active member after the last one assigned (by id order), wrapping around.
 * The cursor row is locked, so concurrent tickets in one team get different members.
 */
export async function nextRoundRobinAssignee(executor: Executor, teamId: string): Promise<string | null> {
  await executor.insert(teamAssignmentCursor).values({ teamId, lastUserId: null }).onConflictDoNothing();
  const [cursor] = await executor
    .select()
    .from(teamAssignmentCursor)
    .where(eq(teamAssignmentCursor.teamId, teamId))
    .for('update');
  const members = await executor
    .select({ id: users.id })
    .from(teamMembers)
    .innerJoin(users, and(eq(users.id, teamMembers.userId), eq(users.active, true)))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(asc(users.id));
  if (members.length === 0) return null;
  const last = cursor?.lastUserId ?? null;
  const next = members.find((member) => last === null || member.id > last) ?? members[0]!;
  await executor
    .update(teamAssignmentCursor)
    .set({ lastUserId: next.id })
    .where(eq(teamAssignmentCursor.teamId, teamId));
  return next.id;
}
