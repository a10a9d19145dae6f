import type { z } from 'zod';
import type { ChangeFilters, ChangeSort, createChange, updateChange } from '../../contracts/changes.js';
import type { ChangeState } from '../../core/changes/index.js';
import type { Executor } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';
import { authorizeChange } from './changes.policy.js';
import {
  type Affected,
  addChangeHistory,
  affectedOf,
  type ChangeRow,
  findChange,
  insertChange,
  listChanges,
  replaceAffected,
  updateChangeRow,
} from './changes.repo.js';
import { changeDetail } from './detail.service.js';
import type { ChangeDeps } from './ports.js';
import { presentChange } from './presenters.js';
import { assertDowntimeRule, noticeDowntime } from './schedule.service.js';
import { checkAffected, checkOrganisation, checkOwner, checkPlan } from './validate.js';

export async function loadChange(
  executor: Executor,
  ctx: Context,
  ref: string,
  lock = false,
): Promise<ChangeRow> {
  const row = await findChange(executor, ctx.actor, ref, lock);
  if (!row) throw notFound('change');
  return row;
}

export async function createChangeRequest(
  deps: ChangeDeps,
  ctx: Context,
  input: z.infer<typeof createChange>,
) {
  authorizeChange(ctx.actor, 'change.write');
  return await deps.db.transaction(async (tx) => {
    await checkOrganisation(tx, ctx.actor, input.organisationId);
    if (input.ownerId) await checkOwner(tx, ctx.actor, input.ownerId, 'body.ownerId');
    const plan = checkPlan(
      input.plannedStart ? new Date(input.plannedStart) : null,
      input.plannedEnd ? new Date(input.plannedEnd) : null,
    );
    const affected = await checkAffected(tx, input.organisationId, input.affected);
    const { affected: _affected, plannedStart: _start, plannedEnd: _end, ...fields } = input;
    const row = await insertChange(tx, {
      ...fields,
      id: uuidv7(ctx.now.getTime()),
      plannedStart: plan?.start ?? null,
      plannedEnd: plan?.end ?? null,
      ownerId: input.ownerId ?? null,
      state: 'draft',
      requesterId: ctx.actor.userId!,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await replaceAffected(tx, row.id, affected);
    await addChangeHistory(tx, ctx, row.id, { from: null, to: 'draft', comment: '' });
    const change = presentChange(row, affected, ctx.actor);
    await recordAudit(tx, ctx, {
      action: 'change.created',
      entityType: 'change',
      entityId: row.id,
      organisationId: row.organisationId,
      after: change,
    });
    await publishEvent(tx, ctx, {
      type: 'change.created',
      aggregateType: 'change',
      aggregateId: row.id,
      organisationId: row.organisationId,
      payload: { change },
    });
    return await changeDetail(deps, tx, ctx, row);
  });
}

export async function getChange(deps: ChangeDeps, ctx: Context, ref: string) {
  return await changeDetail(deps, deps.db, ctx, await loadChange(deps.db, ctx, ref));
}

export async function searchChanges(
  deps: ChangeDeps,
  ctx: Context,
  filters: ChangeFilters,
  options: { sort: ChangeSort; limit: number; cursor?: string },
) {
  const page = await listChanges(deps.db, ctx.actor, filters, options);
  const affected = await affectedOf(
    deps.db,
    page.items.map((row) => row.id),
  );
  return {
    items: page.items.map((row) => presentChange(row, affected.get(row.id) ?? [], ctx.actor)),
    nextCursor: page.nextCursor,
  };
}

type UpdateInput = z.infer<typeof updateChange>;
type Field = keyof UpdateInput;

/**
 * What may still change in each state. Once submitted the type is fixed (it decides the approval
 * path); once approved only the schedule and the owner (what was approved is what is done);
 * from the start of the work only the owner.
 */
const SCHEDULE_FIELDS: readonly Field[] = ['plannedStart', 'plannedEnd', 'ownerId'];
function editable(state: ChangeState, field: Field): boolean {
  if (state === 'draft') return true;
  if (state === 'submitted' || state === 'assessment') return field !== 'type';
  if (state === 'approved' || state === 'scheduled') return SCHEDULE_FIELDS.includes(field);
  return field === 'ownerId';
}

function assertEditable(before: ChangeRow, input: UpdateInput) {
  const locked = (Object.keys(input) as Field[]).filter((field) => !editable(before.state, field));
  if (locked.length > 0)
    throw new AppError(
      'unprocessable',
      'changes.field_locked',
      `these fields cannot change in state ${before.state}`,
      {
        fields: locked.map((field) => ({
          path: `body.${field}`,
          message: `cannot change once the change is ${before.state}`,
        })),
      },
    );
}

export function versionConflict(current: unknown): AppError {
  return new AppError(
    'precondition_failed',
    'changes.version_conflict',
    'someone else changed this change request; review the current state and retry',
    { current },
  );
}

async function validatedUpdate(tx: Executor, ctx: Context, before: ChangeRow, input: UpdateInput) {
  if (input.ownerId) await checkOwner(tx, ctx.actor, input.ownerId, 'body.ownerId');
  const start =
    input.plannedStart !== undefined ? input.plannedStart : (before.plannedStart?.toISOString() ?? null);
  const end = input.plannedEnd !== undefined ? input.plannedEnd : (before.plannedEnd?.toISOString() ?? null);
  const plan = checkPlan(start ? new Date(start) : null, end ? new Date(end) : null);
  const affected = input.affected ? await checkAffected(tx, before.organisationId, input.affected) : null;
  const { affected: _affected, plannedStart: _start, plannedEnd: _end, ...fields } = input;
  const changes: Partial<ChangeRow> = { ...fields };
  if (input.plannedStart !== undefined || input.plannedEnd !== undefined) {
    changes.plannedStart = plan?.start ?? null;
    changes.plannedEnd = plan?.end ?? null;
  }
  return { changes, affected };
}

function diff(before: ChangeRow, changes: Partial<ChangeRow>) {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, value] of Object.entries(changes)) {
    const previous = before[field as keyof ChangeRow];
    if (JSON.stringify(previous) !== JSON.stringify(value)) changed[field] = { from: previous, to: value };
  }
  return changed;
}

const sameAffected = (a: readonly Affected[], b: readonly Affected[]) =>
  JSON.stringify([...a].map((x) => x.environmentId).sort()) ===
  JSON.stringify([...b].map((x) => x.environmentId).sort());

export async function changeChangeRequest(
  deps: ChangeDeps,
  ctx: Context,
  ref: string,
  version: number,
  input: UpdateInput,
) {
  return await deps.db.transaction(async (tx) => {
    // Found first: a change the caller cannot see is a 404 whatever their role, never a 403.
    const before = await loadChange(tx, ctx, ref, true);
    authorizeChange(ctx.actor, 'change.write');
    if (before.version !== version) throw versionConflict(await changeDetail(deps, tx, ctx, before));
    assertEditable(before, input);
    const { changes, affected } = await validatedUpdate(tx, ctx, before, input);
    const previousAffected = (await affectedOf(tx, [before.id])).get(before.id) ?? [];
    const changed = diff(before, changes);
    if (affected && !sameAffected(previousAffected, affected))
      changed.affected = { from: previousAffected, to: affected };
    if (Object.keys(changed).length === 0) return await changeDetail(deps, tx, ctx, before);
    const after = await updateChangeRow(tx, before.id, version, { ...changes, updatedAt: ctx.now });
    if (!after) throw versionConflict(await changeDetail(deps, tx, ctx, before));
    if (affected) await replaceAffected(tx, after.id, affected);
    const nowAffected = affected ?? previousAffected;
    // A scheduled change keeps obeying the downtime rule when it is moved.
    if (after.state === 'scheduled' && (changed.plannedStart || changed.plannedEnd)) {
      await assertDowntimeRule(deps, tx, after, nowAffected);
      await noticeDowntime(deps, tx, ctx, after, nowAffected);
    }
    const change = presentChange(after, nowAffected, ctx.actor);
    await recordAudit(tx, ctx, {
      action: 'change.updated',
      entityType: 'change',
      entityId: after.id,
      organisationId: after.organisationId,
      before: presentChange(before, previousAffected, ctx.actor),
      after: change,
    });
    await publishEvent(tx, ctx, {
      type: 'change.updated',
      aggregateType: 'change',
      aggregateId: after.id,
      organisationId: after.organisationId,
      payload: { change, changes: changed },
    });
    return await changeDetail(deps, tx, ctx, after);
  });
}
