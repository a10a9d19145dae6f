import type { Db, Executor, Tx } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { ServiceRow } from './presenters.js';
import { recordServiceChange } from './record.js';
import { authorizeService } from './services.policy.js';
import { findService } from './services.repo.js';

/** Runs `work` on a service the caller may manage, locked for the transaction (404 if unseen). */
export async function withService<T>(
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

export function record(
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

/**
 * What differs between an environment and a component: its name (404 label, audit action and entity
 * type), its repo calls, its presenter and an optional input check. Both share one add / change /
 * remove shape so the audit and event trail stays the same for each.
 */
export interface PartKind<Row extends { id: string }, Shown, Create, Update> {
  name: 'environment' | 'component';
  find(tx: Executor, serviceId: string, id: string): Promise<Row | null>;
  insert(
    tx: Executor,
    values: Create & { id: string; serviceId: string; createdAt: Date; updatedAt: Date },
  ): Promise<Row>;
  update(tx: Executor, id: string, changes: Update & { updatedAt: Date }): Promise<Row>;
  remove(tx: Executor, id: string): Promise<void>;
  present(row: Row): Shown;
  check?(tx: Executor, serviceId: string, input: Create | Update): Promise<void>;
}

export async function addPart<Row extends { id: string }, Shown, Create, Update>(
  kind: PartKind<Row, Shown, Create, Update>,
  [db, ctx, serviceId]: [Db, Context, string],
  input: Create,
): Promise<Shown> {
  return await withService(db, ctx, serviceId, async (tx, service) => {
    await kind.check?.(tx, serviceId, input);
    const stamp = { id: uuidv7(ctx.now.getTime()), serviceId, createdAt: ctx.now, updatedAt: ctx.now };
    const row = await kind.insert(tx, { ...input, ...stamp });
    const after = kind.present(row);
    await record(tx, ctx, service, `service.${kind.name}_added`, {
      type: `service_${kind.name}`,
      id: row.id,
      before: null,
      after,
    });
    return after;
  });
}

export async function changePart<Row extends { id: string }, Shown, Create, Update>(
  kind: PartKind<Row, Shown, Create, Update>,
  [db, ctx, serviceId, partId]: [Db, Context, string, string],
  input: Update,
): Promise<Shown> {
  return await withService(db, ctx, serviceId, async (tx, service) => {
    const before = await kind.find(tx, serviceId, partId);
    if (!before) throw notFound(kind.name);
    await kind.check?.(tx, serviceId, input);
    const row = await kind.update(tx, before.id, { ...input, updatedAt: ctx.now });
    const after = kind.present(row);
    await record(tx, ctx, service, `service.${kind.name}_updated`, {
      type: `service_${kind.name}`,
      id: row.id,
      before: kind.present(before),
      after,
    });
    return after;
  });
}

export async function removePart<Row extends { id: string }, Shown, Create, Update>(
  kind: PartKind<Row, Shown, Create, Update>,
  [db, ctx, serviceId, partId]: [Db, Context, string, string],
): Promise<void> {
  await withService(db, ctx, serviceId, async (tx, service) => {
    const before = await kind.find(tx, serviceId, partId);
    if (!before) throw notFound(kind.name);
    await kind.remove(tx, before.id);
    await record(tx, ctx, service, `service.${kind.name}_removed`, {
      type: `service_${kind.name}`,
      id: before.id,
      before: kind.present(before),
      after: null,
    });
  });
}
