import { and, eq, inArray } from 'drizzle-orm';
import { staffRoles } from '../../contracts/common.js';
import type { Executor } from '../../db/client.js';
import { teamMembers, teamServedOrganisations, teams, users } from '../../db/schema/index.js';
import { canReachOrganisation } from '../../platform/actor.js';
import { validationError } from '../../platform/errors.js';
import { organisationScopeFor } from '../directory/index.js';

/**
 * Who maintenance work may go to: an active team that serves the organisation, and active staff
 * whose tenant scope reaches it (an agent only for organisations their teams serve), a member of
 * the team when one is named. The same rules for a plan's defaults and a task's assignment.
 */
export async function checkTeam(
  executor: Executor,
  teamId: string,
  organisationId: string,
  path: string,
): Promise<void> {
  const [row] = await executor
    .select({ id: teams.id })
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
  if (!row) throw validationError([{ path, message: 'is not an active team serving this organisation' }]);
}

export async function checkAssignee(
  executor: Executor,
  assigneeId: string,
  organisationId: string,
  teamId: string | null,
  path: string,
): Promise<void> {
  const [user] = await executor
    .select({ id: users.id, role: users.role, organisationId: users.organisationId })
    .from(users)
    .where(and(eq(users.id, assigneeId), eq(users.active, true), inArray(users.role, [...staffRoles])))
    .limit(1);
  if (!user) throw validationError([{ path, message: 'is not an active staff user' }]);
  const scope = await organisationScopeFor(executor, user);
  if (!canReachOrganisation(scope, organisationId))
    throw validationError([{ path, message: 'does not serve this organisation' }]);
  if (!teamId) return;
  const [member] = await executor
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, assigneeId)))
    .limit(1);
  if (!member) throw validationError([{ path, message: 'is not a member of the team' }]);
}

/** Checks a team and an assignee as they will be after a change (either may be unchanged or null). */
export async function checkAssignment(
  executor: Executor,
  organisationId: string,
  next: { teamId: string | null; assigneeId: string | null },
  paths: { teamId: string; assigneeId: string },
  changed: { teamId: boolean; assigneeId: boolean },
): Promise<void> {
  if (next.teamId && changed.teamId) await checkTeam(executor, next.teamId, organisationId, paths.teamId);
  if (next.assigneeId && (changed.assigneeId || changed.teamId))
    await checkAssignee(executor, next.assigneeId, organisationId, next.teamId, paths.assigneeId);
}
