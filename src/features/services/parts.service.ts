import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { staffRoles } from '../../contracts/common.js';
import type {
  addServiceOwner,
  createComponent,
  createEnvironment,
  updateComponent,
  updateEnvironment,
} from '../../contracts/services.js';
import type { Db, Executor, Tx } from '../../db/client.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import { users } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import {
  deleteComponentRow,
  deleteEnvironmentRow,
  deleteOwnerRow,
  findComponentRow,
  findEnvironmentRow,
  insertComponent,
  insertEnvironment,
  insertOwner,
  listOwnerRows,
  updateComponentRow,
  updateEnvironmentRow,
} from './parts.repo.js';
import { presentComponent, presentEnvironment, presentOwner, type ServiceRow } from './presenters.js';
import { recordServiceChange } from './record.js';
import { authorizeService } from './services.policy.js';
import { findService } from './services.repo.js';

/** Runs `work` on a service the caller may manage, locked for the transaction (404 if unseen). */
async function withService<T>(
  db: Db,
  ctx: Context,
  serviceId: string,
  work: (tx: Tx, service: ServiceRow) => Promise<T>,
): Promise<T> {
  authorizeService(ctx.actor, 'service.write');
  return await db.transaction(async (tx) => {
    const service = await findService(tx, ctx.actor.organisations, serviceId, { forUpdate: true });
    if (!service) throw notFound('service');
    return await work(tx, service);
  });
}

function record(
  tx: Executor,
  ctx: Context,
  service: ServiceRow,
  action: string,
  entity: {
    type: string;
    id: string;
    before: unknown;
    after: unknown;
  },
) {
  return recordServiceChange(tx, ctx, {
    action,
    entityType: entity.type,
    entityId: entity.id,
    serviceId: service.id,
    organisationId: service.organisationId,
    before: entity.before,
    after: entity.after,
  });
}

function partConflict(error: unknown): never {
  if (isUniqueViolation(error, 'service_environments_name'))
    throw conflict('services.environment_name_taken', 'the service has an environment of this name', {
      field: 'name',
    });
  if (isUniqueViolation(error, 'service_components_name'))
    throw conflict('services.component_name_taken', 'the service has this component there already', {
      field: 'name',
    });
  if (isForeignKeyViolation(error))
    throw conflict('services.environment_in_use', 'maintenance windows or changes point at this environment');
  throw error;
}

export async function addEnvironment(
  db: Db,
  ctx: Context,
  serviceId: string,
  input: z.infer<typeof createEnvironment>,
) {
  return await withService(db, ctx, serviceId, async (tx, service) => {
    const row = await insertEnvironment(tx, {
      id: uuidv7(ctx.now.getTime()),
      serviceId,
      ...input,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const after = presentEnvironment(row);
    await record(tx, ctx, service, 'service.environment_added', {
      type: 'service_environment',
      id: row.id,
      before: null,
      after,
    });
    return after;
  }).catch(partConflict);
}

export async function changeEnvironment(
  db: Db,
  ctx: Context,
  key: { serviceId: string; environmentId: string },
  input: z.infer<typeof updateEnvironment>,
) {
  return await withService(db, ctx, key.serviceId, async (tx, service) => {
    const before = await findEnvironmentRow(tx, key.serviceId, key.environmentId);
    if (!before) throw notFound('environment');
    const row = await updateEnvironmentRow(tx, before.id, { ...input, updatedAt: ctx.now });
    const after = presentEnvironment(row);
    await record(tx, ctx, service, 'service.environment_updated', {
      type: 'service_environment',
      id: row.id,
      before: presentEnvironment(before),
      after,
    });
    return after;
  }).catch(partConflict);
}

/** Its components go with it; windows or changes that name it keep it (409). */
export async function removeEnvironment(
  db: Db,
  ctx: Context,
  key: { serviceId: string; environmentId: string },
) {
  await withService(db, ctx, key.serviceId, async (tx, service) => {
    const before = await findEnvironmentRow(tx, key.serviceId, key.environmentId);
    if (!before) throw notFound('environment');
    await deleteEnvironmentRow(tx, before.id);
    await record(tx, ctx, service, 'service.environment_removed', {
      type: 'service_environment',
      id: before.id,
      before: presentEnvironment(before),
      after: null,
    });
  }).catch(partConflict);
}

async function checkEnvironment(tx: Executor, serviceId: string, environmentId: string | null | undefined) {
  if (!environmentId) return;
  if (!(await findEnvironmentRow(tx, serviceId, environmentId)))
    throw validationError([{ path: 'body.environmentId', message: 'is not an environment of this service' }]);
}

export async function addComponent(
  db: Db,
  ctx: Context,
  serviceId: string,
  input: z.infer<typeof createComponent>,
) {
  return await withService(db, ctx, serviceId, async (tx, service) => {
    await checkEnvironment(tx, serviceId, input.environmentId);
    const row = await insertComponent(tx, {
      id: uuidv7(ctx.now.getTime()),
      serviceId,
      ...input,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const after = presentComponent(row);
    await record(tx, ctx, service, 'service.component_added', {
      type: 'service_component',
      id: row.id,
      before: null,
      after,
    });
    return after;
  }).catch(partConflict);
}

export async function changeComponent(
  db: Db,
  ctx: Context,
  key: { serviceId: string; componentId: string },
  input: z.infer<typeof updateComponent>,
) {
  return await withService(db, ctx, key.serviceId, async (tx, service) => {
    const before = await findComponentRow(tx, key.serviceId, key.componentId);
    if (!before) throw notFound('component');
    await checkEnvironment(tx, key.serviceId, input.environmentId);
    const row = await updateComponentRow(tx, before.id, { ...input, updatedAt: ctx.now });
    const after = presentComponent(row);
    await record(tx, ctx, service, 'service.component_updated', {
      type: 'service_component',
      id: row.id,
      before: presentComponent(before),
      after,
    });
    return after;
  }).catch(partConflict);
}

export async function removeComponent(db: Db, ctx: Context, key: { serviceId: string; componentId: string }) {
  await withService(db, ctx, key.serviceId, async (tx, service) => {
    const before = await findComponentRow(tx, key.serviceId, key.componentId);
    if (!before) throw notFound('component');
    await deleteComponentRow(tx, before.id);
    await record(tx, ctx, service, 'service.component_removed', {
      type: 'service_component',
      id: before.id,
      before: presentComponent(before),
      after: null,
    });
  });
}

/**
 * A technical owner is provider staff; a business owner is staff or a user of the service's own
 * organisation. Either must be active.
 */
async function checkOwner(tx: Executor, service: ServiceRow, input: z.infer<typeof addServiceOwner>) {
  const [user] = await tx.select().from(users).where(eq(users.id, input.userId));
  const staff = user !== undefined && staffRoles.includes(user.role);
  const ok =
    user?.active === true &&
    (staff || (input.role === 'business' && user.organisationId === service.organisationId));
  if (!ok)
    throw validationError([
      {
        path: 'body.userId',
        message:
          input.role === 'technical'
            ? 'is not an active staff user'
            : 'is not an active staff user or user of the service’s organisation',
      },
    ]);
}

export async function addOwner(
  db: Db,
  ctx: Context,
  serviceId: string,
  input: z.infer<typeof addServiceOwner>,
) {
  return await withService(db, ctx, serviceId, async (tx, service) => {
    await checkOwner(tx, service, input);
    const added = await insertOwner(tx, { serviceId, ...input, createdAt: ctx.now });
    const owners = (await listOwnerRows(tx, serviceId)).map(presentOwner);
    const after = owners.find((owner) => owner.userId === input.userId && owner.role === input.role);
    if (added)
      await record(tx, ctx, service, 'service.owner_added', {
        type: 'service_owner',
        id: input.userId,
        before: null,
        after,
      });
    return owners;
  });
}

export async function removeOwner(
  db: Db,
  ctx: Context,
  key: { serviceId: string; userId: string; role: 'technical' | 'business' },
) {
  await withService(db, ctx, key.serviceId, async (tx, service) => {
    if (!(await deleteOwnerRow(tx, key))) throw notFound('owner');
    await record(tx, ctx, service, 'service.owner_removed', {
      type: 'service_owner',
      id: key.userId,
      before: key,
      after: null,
    });
  });
}
