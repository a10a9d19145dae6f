import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { staffRoles } from '../../contracts/common.js';
import type {
  addServiceOwner,
  createComponent,
  createEnvironment,
  ServiceComponent,
  ServiceEnvironment,
  updateComponent,
  updateEnvironment,
} from '../../contracts/services.js';
import type { Db, Executor } from '../../db/client.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import { users } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { addPart, changePart, type PartKind, record, removePart, withService } from './parts.kind.js';
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
import {
  type ComponentRow,
  type EnvironmentRow,
  presentComponent,
  presentEnvironment,
  presentOwner,
  type ServiceRow,
} from './presenters.js';

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

async function checkEnvironment(tx: Executor, serviceId: string, environmentId: string | null | undefined) {
  if (!environmentId) return;
  if (!(await findEnvironmentRow(tx, serviceId, environmentId)))
    throw validationError([{ path: 'body.environmentId', message: 'is not an environment of this service' }]);
}

const environments: PartKind<
  EnvironmentRow,
  ServiceEnvironment,
  z.infer<typeof createEnvironment>,
  z.infer<typeof updateEnvironment>
> = {
  name: 'environment',
  find: findEnvironmentRow,
  insert: insertEnvironment,
  update: updateEnvironmentRow,
  remove: deleteEnvironmentRow,
  present: presentEnvironment,
};

const components: PartKind<
  ComponentRow,
  ServiceComponent,
  z.infer<typeof createComponent>,
  z.infer<typeof updateComponent>
> = {
  name: 'component',
  find: findComponentRow,
  insert: insertComponent,
  update: updateComponentRow,
  remove: deleteComponentRow,
  present: presentComponent,
  check: (tx, serviceId, input) => checkEnvironment(tx, serviceId, input.environmentId),
};

export async function addEnvironment(
  db: Db,
  ctx: Context,
  serviceId: string,
  input: z.infer<typeof createEnvironment>,
) {
  return await addPart(environments, [db, ctx, serviceId], input).catch(partConflict);
}

export async function changeEnvironment(
  db: Db,
  ctx: Context,
  key: { serviceId: string; environmentId: string },
  input: z.infer<typeof updateEnvironment>,
) {
  return await changePart(environments, [db, ctx, key.serviceId, key.environmentId], input).catch(
    partConflict,
  );
}

/** Its components go with it; windows or changes that name it keep it (409). */
export async function removeEnvironment(
  db: Db,
  ctx: Context,
  key: { serviceId: string; environmentId: string },
) {
  await removePart(environments, [db, ctx, key.serviceId, key.environmentId]).catch(partConflict);
}

export async function addComponent(
  db: Db,
  ctx: Context,
  serviceId: string,
  input: z.infer<typeof createComponent>,
) {
  return await addPart(components, [db, ctx, serviceId], input).catch(partConflict);
}

export async function changeComponent(
  db: Db,
  ctx: Context,
  key: { serviceId: string; componentId: string },
  input: z.infer<typeof updateComponent>,
) {
  return await changePart(components, [db, ctx, key.serviceId, key.componentId], input).catch(partConflict);
}

export async function removeComponent(db: Db, ctx: Context, key: { serviceId: string; componentId: string }) {
  await removePart(components, [db, ctx, key.serviceId, key.componentId]);
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
