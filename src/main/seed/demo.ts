import type { Db } from '../../db/client.js';
import { createAdministrator } from '../../features/auth/index.js';
import {
  createOrganisationForSeed,
  createTeamForSeed,
  createUserForSeed,
} from '../../features/directory/index.js';
import type { Context } from '../../platform/actor.js';
import { randomSecret } from '../../platform/ids.js';
import { demoDirectory } from './demo-data.js';

/**
 * `tend seed --demo`: a provider with L1–L3 teams and agents, three customers with managers and
 * requesters. Goes through the same services as the API, so audit entries are written too.
 */
export async function seedDemo(db: Db, ctx: Context, password?: string): Promise<string> {
  const secret = password ?? randomSecret(9);
  const data = demoDirectory();
  await createAdministrator(db, ctx, { organisationName: data.provider, ...data.admin, password: secret });
  const customers = new Map<string, string>();
  for (const customer of data.customers) {
    const organisation = await createOrganisationForSeed(db, ctx, customer.name, customer.domains);
    customers.set(customer.name, organisation.id);
    for (const person of customer.people) {
      await createUserForSeed(db, ctx, { ...person, organisationId: organisation.id, password: secret });
    }
  }
  const staffIds = new Map<string, string>();
  for (const person of data.staff) {
    const user = await createUserForSeed(db, ctx, { ...person, organisationId: null, password: secret });
    staffIds.set(person.email, user.id);
  }
  for (const team of data.teams) {
    await createTeamForSeed(db, ctx, {
      name: team.name,
      tier: team.tier,
      description: team.description,
      servedOrganisationIds: team.serves.map((name) => customers.get(name)!),
      memberIds: team.members.map((email) => staffIds.get(email)!),
    });
  }
  const people =
    1 + data.staff.length + data.customers.reduce((sum, customer) => sum + customer.people.length, 0);
  return [
    `demo data created: ${data.customers.length} customer organisations, ${data.teams.length} teams, ${people} users`,
    `sign in as ${data.admin.email} (admin), ${data.staff[0]?.email} (L1 agent) or ${data.customers[0]?.people[1]?.email} (requester)`,
    `password for every demo user: ${secret}`,
  ].join('\n');
}
