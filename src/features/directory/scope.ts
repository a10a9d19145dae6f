import { and, eq } from 'drizzle-orm';
import type { Role } from '../../contracts/common.js';
import type { Executor } from '../../db/client.js';
import { teamMembers, teamServedOrganisations, teams } from '../../db/schema/index.js';
import type { OrganisationScope } from '../../platform/actor.js';

/**
 * MSP isolation: admins and service managers see every organisation; an agent sees the provider
 * (their own organisation) and the customers their active teams serve; customer users see their own.
 */
export async function organisationScopeFor(
  executor: Executor,
  user: { id: string; role: Role; organisationId: string },
): Promise<OrganisationScope> {
  if (user.role === 'admin' || user.role === 'service_manager') return { all: true };
  if (user.role !== 'agent') return { all: false, ids: [user.organisationId] };
  const served = await executor
    .selectDistinct({ organisationId: teamServedOrganisations.organisationId })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.id, teamMembers.teamId), eq(teams.active, true)))
    .innerJoin(teamServedOrganisations, eq(teamServedOrganisations.teamId, teamMembers.teamId))
    .where(eq(teamMembers.userId, user.id));
  const ids = new Set([user.organisationId, ...served.map((row) => row.organisationId)]);
  return { all: false, ids: [...ids] };
}
