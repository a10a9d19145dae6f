import type { Organisation, Team, User } from '../../contracts/directory.js';
import type { organisations, teams, users } from '../../db/schema/index.js';

type OrganisationRow = typeof organisations.$inferSelect;
type UserRow = typeof users.$inferSelect;
type TeamRow = typeof teams.$inferSelect;

export function presentOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    domains: row.domains,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Never exposes the password hash or lockout counters. */
export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    organisationId: row.organisationId,
    name: row.name,
    email: row.email,
    role: row.role,
    active: row.active,
    invitationPending: row.passwordHash === null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentTeam(
  row: TeamRow,
  servedOrganisationIds: string[],
  members: { id: string; name: string; email: string }[],
): Team {
  return {
    id: row.id,
    name: row.name,
    tier: row.tier,
    description: row.description,
    roundRobin: row.roundRobin,
    servedOrganisationIds,
    members,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
