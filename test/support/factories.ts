import type { Role, Tier } from '../../src/contracts/common.js';
import type { Db } from '../../src/db/client.js';
import { createAdministrator } from '../../src/features/auth/index.js';
import {
  createOrganisationForSeed,
  createTeamForSeed,
  createUserForSeed,
} from '../../src/features/directory/index.js';
import { type Context, SYSTEM_ACTOR } from '../../src/platform/actor.js';

export const PASSWORD = 'correct horse battery staple';

const system = (): Context => ({ actor: SYSTEM_ACTOR, requestId: null, now: new Date() });
let sequence = 0;
const unique = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

export async function givenProvider(db: Db) {
  const admin = await createAdministrator(db, system(), {
    organisationName: 'Provider Ltd',
    name: 'Admin',
    email: `admin-${unique()}@provider.example`,
    password: PASSWORD,
  });
  return { admin, providerId: admin.organisationId };
}

export async function givenCustomer(db: Db, name = `Customer ${unique()}`) {
  return await createOrganisationForSeed(db, system(), name, []);
}

export async function givenUser(
  db: Db,
  role: Role,
  organisationId: string | null,
  name = `${role} ${unique()}`,
) {
  return await createUserForSeed(db, system(), {
    organisationId,
    name,
    email: `${role}-${unique()}@example.test`,
    role,
    password: PASSWORD,
  });
}

export async function givenTeam(db: Db, tier: Tier, servedOrganisationIds: string[], memberIds: string[]) {
  return await createTeamForSeed(db, system(), {
    name: `Team ${tier} ${unique()}`,
    tier,
    description: '',
    servedOrganisationIds,
    memberIds,
  });
}
