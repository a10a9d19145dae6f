import type { z } from 'zod';
import type {
  addWindowException,
  createMaintenanceWindow,
  updateMaintenanceWindow,
} from '../../contracts/maintenance-windows.js';
import type { Db, Executor } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { findService, findServiceEnvironment } from '../services/index.js';
import { checkedDefinition } from './definition.js';
import { presentWindow, type WindowRow } from './presenters.js';
import { recordMaintenanceChange } from './record.js';
import { authorizeWindowWrite } from './windows.policy.js';
import {
  deleteWindowRow,
  findWindow,
  insertWindow,
  listWindowRows,
  updateWindowRow,
  type WindowFilter,
} from './windows.repo.js';

async function checkTarget(
  executor: Executor,
  ctx: Context,
  serviceId: string,
  environmentId: string | null,
) {
  const service = await findService(executor, ctx.actor.organisations, serviceId);
  if (!service) throw validationError([{ path: 'body.serviceId', message: 'is not a service you can see' }]);
  if (environmentId && !(await findServiceEnvironment(executor, serviceId, environmentId)))
    throw validationError([{ path: 'body.environmentId', message: 'is not an environment of this service' }]);
  return service;
}

function record(
  executor: Executor,
  ctx: Context,
  action: string,
  before: WindowRow | null,
  after: WindowRow | null,
) {
  const subject = (after ?? before)!;
  return recordMaintenanceChange(executor, ctx, {
    action,
    entityType: 'maintenance_window',
    entityId: subject.id,
    organisationId: subject.organisationId,
    before: before ? presentWindow(before) : null,
    after: after ? presentWindow(after) : null,
  });
}

export async function createWindowFor(db: Db, ctx: Context, input: z.infer<typeof createMaintenanceWindow>) {
  authorizeWindowWrite(ctx.actor);
  const definition = checkedDefinition(input);
  return await db.transaction(async (tx) => {
    const service = await checkTarget(tx, ctx, input.serviceId, input.environmentId);
    const row = await insertWindow(tx, {
      id: uuidv7(ctx.now.getTime()),
      organisationId: service.organisationId,
      serviceId: service.id,
      environmentId: input.environmentId,
      title: input.title,
      description: input.description,
      ...definition,
      exdates: [...definition.exdates],
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await record(tx, ctx, 'maintenance_window.created', null, row);
    return presentWindow(row);
  });
}

export async function getWindowFor(db: Db, ctx: Context, id: string) {
  const row = await findWindow(db, ctx.actor.organisations, id);
  if (!row) throw notFound('maintenance_window');
  return presentWindow(row);
}

export async function listWindowsFor(
  db: Db,
  ctx: Context,
  filter: WindowFilter & { limit: number; cursor?: string },
) {
  const page = await listWindowRows(db, ctx.actor.organisations, filter);
  return { items: page.items.map(presentWindow), nextCursor: page.nextCursor };
}

export async function updateWindowFor(
  db: Db,
  ctx: Context,
  id: string,
  input: z.infer<typeof updateMaintenanceWindow>,
) {
  authorizeWindowWrite(ctx.actor);
  return await db.transaction(async (tx) => {
    const before = await findWindow(tx, ctx.actor.organisations, id, { forUpdate: true });
    if (!before) throw notFound('maintenance_window');
    const environmentId = input.environmentId === undefined ? before.environmentId : input.environmentId;
    if (input.environmentId !== undefined) await checkTarget(tx, ctx, before.serviceId, environmentId);
    const rrule = input.rrule === undefined ? before.rrule : input.rrule;
    const definition = checkedDefinition({
      rrule,
      dtstart: input.dtstart ?? before.dtstart,
      timezone: input.timezone ?? before.timezone,
      durationMinutes: input.durationMinutes ?? before.durationMinutes,
      // Making a window one-off drops its exceptions unless new ones are given (and refused).
      exdates: input.exdates ?? (rrule === null ? [] : before.exdates),
    });
    const after = await updateWindowRow(tx, id, {
      environmentId,
      title: input.title ?? before.title,
      description: input.description ?? before.description,
      ...definition,
      exdates: [...definition.exdates],
      updatedAt: ctx.now,
    });
    await record(tx, ctx, 'maintenance_window.updated', before, after);
    return presentWindow(after);
  });
}

/** Skip one date or occurrence (an EXDATE); skipping it again changes nothing. */
export async function addWindowExceptionFor(
  db: Db,
  ctx: Context,
  id: string,
  input: z.infer<typeof addWindowException>,
) {
  authorizeWindowWrite(ctx.actor);
  const before = await findWindow(db, ctx.actor.organisations, id);
  if (!before) throw notFound('maintenance_window');
  if (before.exdates.includes(input.exdate)) return presentWindow(before);
  try {
    return await updateWindowFor(db, ctx, id, { exdates: [...before.exdates, input.exdate] });
  } catch (error) {
    // The field is `exdate` here; the core names the list.
    const fields = (error as { details?: { fields?: { path: string }[] } }).details?.fields;
    if (fields?.some((field) => field.path === 'body.exdates'))
      throw validationError([
        { path: 'body.exdate', message: 'is not a date, local date-time or UTC instant' },
      ]);
    throw error;
  }
}

export async function deleteWindowFor(db: Db, ctx: Context, id: string): Promise<void> {
  authorizeWindowWrite(ctx.actor);
  await db.transaction(async (tx) => {
    const before = await findWindow(tx, ctx.actor.organisations, id, { forUpdate: true });
    if (!before) throw notFound('maintenance_window');
    await deleteWindowRow(tx, id);
    await record(tx, ctx, 'maintenance_window.deleted', before, null);
  });
}
