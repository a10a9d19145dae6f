import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { createOrganisation, updateOrganisation } from '../../contracts/directory.js';
import type { Db } from '../../db/client.js';
import { organisations } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { conflict, notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { authorize } from './directory.policy.js';
import { findOrganisation, listOrganisations, type OrganisationFilter } from './organisations.repo.js';
import { presentOrganisation } from './presenters.js';

export async function createCustomerOrganisation(
  db: Db,
  ctx: Context,
  input: z.infer<typeof createOrganisation>,
) {
  authorize(ctx.actor, 'organisation.write');
  return await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(organisations)
      .values({
        id: uuidv7(ctx.now.getTime()),
        name: input.name,
        kind: 'customer',
        domains: [...new Set(input.domains)],
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    const created = presentOrganisation(row!);
    await recordAudit(tx, ctx, {
      action: 'organisation.created',
      entityType: 'organisation',
      entityId: created.id,
      organisationId: created.id,
      after: created,
    });
    return created;
  });
}

export async function getOrganisation(db: Db, ctx: Context, id: string) {
  const row = await findOrganisation(db, ctx.actor.organisations, id);
  if (!row) throw notFound('organisation');
  return presentOrganisation(row);
}

export async function listVisibleOrganisations(db: Db, ctx: Context, filter: OrganisationFilter) {
  authorize(ctx.actor, 'organisation.read');
  const page = await listOrganisations(db, ctx.actor.organisations, filter);
  return { items: page.items.map(presentOrganisation), nextCursor: page.nextCursor };
}

export async function updateOrganisationDetails(
  db: Db,
  ctx: Context,
  id: string,
  input: z.infer<typeof updateOrganisation>,
) {
  return await db.transaction(async (tx) => {
    const before = await findOrganisation(tx, ctx.actor.organisations, id);
    if (!before) throw notFound('organisation');
    authorize(ctx.actor, 'organisation.write');
    if (before.kind === 'provider' && input.active === false) {
      throw conflict('organisations.provider_required', 'the provider organisation cannot be deactivated');
    }
    const changes = {
      ...input,
      ...(input.domains ? { domains: [...new Set(input.domains)] } : {}),
      updatedAt: ctx.now,
    };
    const [after] = await tx.update(organisations).set(changes).where(eq(organisations.id, id)).returning();
    const presented = presentOrganisation(after!);
    await recordAudit(tx, ctx, {
      action: 'organisation.updated',
      entityType: 'organisation',
      entityId: id,
      organisationId: id,
      before: presentOrganisation(before),
      after: presented,
    });
    return presented;
  });
}
