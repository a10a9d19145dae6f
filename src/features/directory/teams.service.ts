import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { createTeam, updateTeam } from '../../contracts/directory.js';
import type { Db, Executor } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { organisations, teams, users } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { authorize } from './directory.policy.js';
import {
  findTeam,
  listTeams,
  presentTeams,
  replaceMembers,
  replaceServedOrganisations,
  type TeamFilter,
} from './teams.repo.js';

/** Teams serve customer organisations and are made of provider staff; say which id is wrong. */
async function checkReferences(
  executor: Executor,
  servedIds: string[] | undefined,
  memberIds: string[] | undefined,
) {
  const problems: { path: string; message: string }[] = [];
  if (servedIds && servedIds.length > 0) {
    const found = await executor
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(inArray(organisations.id, servedIds), eq(organisations.kind, 'customer')));
    const known = new Set(found.map((row) => row.id));
    servedIds.forEach((id, index) => {
      if (!known.has(id))
        problems.push({
          path: `body.servedOrganisationIds.${index}`,
          message: 'is not a customer organisation',
        });
    });
  }
  if (memberIds && memberIds.length > 0) {
    const found = await executor
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, memberIds), inArray(users.role, ['admin', 'service_manager', 'agent'])));
    const known = new Set(found.map((row) => row.id));
    memberIds.forEach((id, index) => {
      if (!known.has(id)) problems.push({ path: `body.memberIds.${index}`, message: 'is not a staff user' });
    });
  }
  if (problems.length > 0) throw validationError(problems);
}

function nameTaken(error: unknown): never {
  if (isUniqueViolation(error, 'teams_name'))
    throw conflict('teams.name_taken', 'a team with this name exists', { field: 'name' });
  throw error;
}

async function presentOne(executor: Executor, id: string) {
  const row = await findTeam(executor, id);
  if (!row) throw notFound('team');
  const [team] = await presentTeams(executor, [row]);
  return team!;
}

export async function createTeamWithMembers(db: Db, ctx: Context, input: z.infer<typeof createTeam>) {
  authorize(ctx.actor, 'team.write');
  return await db
    .transaction(async (tx) => {
      await checkReferences(tx, input.servedOrganisationIds, input.memberIds);
      const id = uuidv7(ctx.now.getTime());
      await tx.insert(teams).values({
        id,
        name: input.name,
        tier: input.tier,
        description: input.description,
        roundRobin: input.roundRobin,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await replaceServedOrganisations(tx, id, input.servedOrganisationIds);
      await replaceMembers(tx, id, input.memberIds);
      const team = await presentOne(tx, id);
      await recordAudit(tx, ctx, { action: 'team.created', entityType: 'team', entityId: id, after: team });
      return team;
    })
    .catch(nameTaken);
}

export async function updateTeamDetails(db: Db, ctx: Context, id: string, input: z.infer<typeof updateTeam>) {
  authorize(ctx.actor, 'team.write');
  return await db
    .transaction(async (tx) => {
      const before = await presentOne(tx, id);
      await checkReferences(tx, input.servedOrganisationIds, input.memberIds);
      const { servedOrganisationIds, memberIds, ...fields } = input;
      await tx
        .update(teams)
        .set({ ...fields, updatedAt: ctx.now })
        .where(eq(teams.id, id));
      if (servedOrganisationIds) await replaceServedOrganisations(tx, id, servedOrganisationIds);
      if (memberIds) await replaceMembers(tx, id, memberIds);
      const after = await presentOne(tx, id);
      await recordAudit(tx, ctx, { action: 'team.updated', entityType: 'team', entityId: id, before, after });
      return after;
    })
    .catch(nameTaken);
}

export async function getTeam(db: Db, ctx: Context, id: string) {
  authorize(ctx.actor, 'team.read');
  return await presentOne(db, id);
}

export async function listVisibleTeams(db: Db, ctx: Context, filter: TeamFilter) {
  authorize(ctx.actor, 'team.read');
  const page = await listTeams(db, filter);
  return { items: await presentTeams(db, page.items), nextCursor: page.nextCursor };
}
