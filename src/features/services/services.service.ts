import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { createService, updateService } from '../../contracts/services.js';
import type { Db, Executor } from '../../db/client.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import { organisations } from '../../db/schema/index.js';
import { type Context, canReachOrganisation } from '../../platform/actor.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { listComponentRows, listEnvironmentRows, listOwnerRows } from './parts.repo.js';
import { presentComponent, presentEnvironment, presentOwner, presentService } from './presenters.js';
import { recordServiceChange } from './record.js';
import { authorizeService } from './services.policy.js';
import {
  deleteServiceRow,
  findService,
  insertService,
  listServiceRows,
  type ServiceFilter,
  updateServiceRow,
} from './services.repo.js';

export function nameTaken(error: unknown): never {
  if (isUniqueViolation(error, 'services_org_name'))
    throw conflict('services.name_taken', 'this organisation already has a service of this name', {
      field: 'name',
    });
  throw error;
}

/** Services belong to customer organisations the caller reaches. */
async function checkCustomer(executor: Executor, ctx: Context, organisationId: string): Promise<void> {
  const [row] = await executor
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.id, organisationId), eq(organisations.kind, 'customer')));
  if (!row || !canReachOrganisation(ctx.actor.organisations, organisationId))
    throw validationError([{ path: 'body.organisationId', message: 'is not a customer organisation' }]);
}

export async function createServiceFor(db: Db, ctx: Context, input: z.infer<typeof createService>) {
  authorizeService(ctx.actor, 'service.write');
  return await db
    .transaction(async (tx) => {
      await checkCustomer(tx, ctx, input.organisationId);
      const row = await insertService(tx, {
        id: uuidv7(ctx.now.getTime()),
        ...input,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      const service = presentService(row);
      await recordServiceChange(tx, ctx, {
        action: 'service.created',
        entityType: 'service',
        entityId: row.id,
        serviceId: row.id,
        organisationId: row.organisationId,
        before: null,
        after: service,
      });
      return { ...service, environments: [], components: [], owners: [] };
    })
    .catch(nameTaken);
}

export async function getServiceDetail(executor: Executor, ctx: Context, id: string) {
  authorizeService(ctx.actor, 'service.read');
  const row = await findService(executor, ctx.actor.organisations, id);
  if (!row) throw notFound('service');
  // One after another: inside a transaction the three share one connection.
  const environments = await listEnvironmentRows(executor, id);
  const components = await listComponentRows(executor, id);
  const owners = await listOwnerRows(executor, id);
  return {
    ...presentService(row),
    environments: environments.map(presentEnvironment),
    components: components.map(presentComponent),
    owners: owners.map(presentOwner),
  };
}

export async function listServicesFor(db: Db, ctx: Context, filter: ServiceFilter) {
  authorizeService(ctx.actor, 'service.read');
  const page = await listServiceRows(db, ctx.actor.organisations, filter);
  return { items: page.items.map(presentService), nextCursor: page.nextCursor };
}

export async function updateServiceFor(
  db: Db,
  ctx: Context,
  id: string,
  input: z.infer<typeof updateService>,
) {
  authorizeService(ctx.actor, 'service.write');
  return await db
    .transaction(async (tx) => {
      const before = await findService(tx, ctx.actor.organisations, id, { forUpdate: true });
      if (!before) throw notFound('service');
      const after = await updateServiceRow(tx, id, { ...input, updatedAt: ctx.now });
      await recordServiceChange(tx, ctx, {
        action:
          after.status === 'retired' && before.status !== 'retired' ? 'service.retired' : 'service.updated',
        entityType: 'service',
        entityId: id,
        serviceId: id,
        organisationId: after.organisationId,
        before: presentService(before),
        after: presentService(after),
      });
      return await getServiceDetail(tx, ctx, id);
    })
    .catch(nameTaken);
}

/** Only a service nothing points at (windows, changes, plans…) can go; others are retired. */
export async function deleteServiceFor(db: Db, ctx: Context, id: string): Promise<void> {
  authorizeService(ctx.actor, 'service.write');
  await db
    .transaction(async (tx) => {
      const before = await findService(tx, ctx.actor.organisations, id, { forUpdate: true });
      if (!before) throw notFound('service');
      await deleteServiceRow(tx, id);
      await recordServiceChange(tx, ctx, {
        action: 'service.deleted',
        entityType: 'service',
        entityId: id,
        serviceId: id,
        organisationId: before.organisationId,
        before: presentService(before),
        after: null,
      });
    })
    .catch((error: unknown) => {
      if (isForeignKeyViolation(error))
        throw conflict(
          'services.in_use',
          'maintenance windows, changes or other records point at this service; retire it instead',
        );
      throw error;
    });
}
