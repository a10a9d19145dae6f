import type { Role, Tier } from '../../contracts/common.js';
import type { Db } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { findProvider } from './organisations.repo.js';
import { createCustomerOrganisation } from './organisations.service.js';
import { createTeamWithMembers } from './teams.service.js';
import { createUserAccount } from './users.service.js';

/** Thin wrappers so seeding and data generators use the same services as the API. */
export function createOrganisationForSeed(db: Db, ctx: Context, name: string, domains: string[]) {
  return createCustomerOrganisation(db, ctx, { name, domains });
}

export async function createUserForSeed(
  db: Db,
  ctx: Context,
  input: { organisationId: string | null; name: string; email: string; role: Role; password: string },
) {
  const organisationId = input.organisationId ?? (await findProvider(db))?.id;
  if (!organisationId) throw notFound('organisation');
  return createUserAccount({ db, publicUrl: '' }, ctx, { ...input, organisationId });
}

export function createTeamForSeed(
  db: Db,
  ctx: Context,
  input: {
    name: string;
    tier: Tier;
    description: string;
    servedOrganisationIds: string[];
    memberIds: string[];
  },
) {
  return createTeamWithMembers(db, ctx, { ...input, roundRobin: false });
}
