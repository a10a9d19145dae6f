import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { createPlan, Plan, updatePlan } from '../../contracts/plans.js';
import { validatePlanSchedule } from '../../core/plans/index.js';
import { RecurrenceError } from '../../core/recurrence/index.js';
import type { Db, Executor } from '../../db/client.js';
import { maintenancePlans } from '../../db/schema/index.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Context } from '../../platform/actor.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';
import { findService, findServiceEnvironment } from '../services/index.js';
import { checkAssignment } from './people.js';
import { authorizeMaintenance } from './plans.policy.js';
import { findPlan, listPlanRows, type PlanFilters, type PlanSort, planHasTasks } from './plans.repo.js';
import { type PlanRow, presentPlan } from './presenters.js';

export interface PlanDeps {
  db: Db;
}

/** Generates one plan's due tasks; queued on create and edit, keyed so a burst of edits runs once. */
export const GENERATE_PLAN_TASK = 'maintenance.generate_plan';

export async function scheduleGeneration(tx: Executor, planId: string): Promise<void> {
  await enqueueJob(tx, GENERATE_PLAN_TASK, { planId }, { jobKey: `maintenance:plan:${planId}` });
}

function checkSchedule(schedule: { rrule: string; dtstart: string; timezone: string; exdates: string[] }) {
  try {
    validatePlanSchedule(schedule);
  } catch (error) {
    if (error instanceof RecurrenceError)
      throw validationError([{ path: `body.${error.field}`, message: error.message }]);
    throw error;
  }
}

export async function loadPlan(executor: Executor, ctx: Context, id: string, lock = false): Promise<PlanRow> {
  authorizeMaintenance(ctx.actor, 'plan.read');
  const row = await findPlan(executor, ctx.actor, id, lock);
  if (!row) throw notFound('maintenance_plan');
  return row;
}

async function record(tx: Executor, ctx: Context, action: string, before: Plan | null, after: Plan | null) {
  const plan = (after ?? before)!;
  await recordAudit(tx, ctx, {
    action: `maintenance_plan.${action}`,
    entityType: 'maintenance_plan',
    entityId: plan.id,
    organisationId: plan.organisationId,
    before,
    after,
  });
  await publishEvent(tx, ctx, {
    type: `maintenance_plan.${action}`,
    aggregateType: 'maintenance_plan',
    aggregateId: plan.id,
    organisationId: plan.organisationId,
    payload: { plan: after ?? before },
  });
}

type CreateInput = z.infer<typeof createPlan>;

export async function createMaintenancePlan(deps: PlanDeps, ctx: Context, input: CreateInput) {
  return await deps.db.transaction(async (tx) => {
    authorizeMaintenance(ctx.actor, 'plan.write');
    const service = await findService(tx, ctx.actor.organisations, input.serviceId);
    if (!service)
      throw validationError([{ path: 'body.serviceId', message: 'is not a service you can see' }]);
    if (service.status !== 'active')
      throw validationError([{ path: 'body.serviceId', message: 'is retired' }]);
    if (input.environmentId && !(await findServiceEnvironment(tx, service.id, input.environmentId)))
      throw validationError([
        { path: 'body.environmentId', message: 'is not an environment of this service' },
      ]);
    checkSchedule(input);
    const assignment = { teamId: input.defaultTeamId ?? null, assigneeId: input.defaultAssigneeId ?? null };
    await checkAssignment(
      tx,
      service.organisationId,
      assignment,
      { teamId: 'body.defaultTeamId', assigneeId: 'body.defaultAssigneeId' },
      { teamId: true, assigneeId: true },
    );
    const [row] = await tx
      .insert(maintenancePlans)
      .values({
        id: uuidv7(ctx.now.getTime()),
        organisationId: service.organisationId,
        serviceId: service.id,
        environmentId: input.environmentId ?? null,
        title: input.title,
        kind: input.kind,
        category: input.category,
        description: input.description,
        rrule: input.rrule,
        dtstart: input.dtstart,
        timezone: input.timezone,
        exdates: input.exdates,
        generateAheadDays: input.generateAheadDays,
        defaultAssigneeId: assignment.assigneeId,
        defaultTeamId: assignment.teamId,
        active: input.active,
        checklist: input.checklist,
        // Generation starts now: occurrences before the plan existed are not turned into tasks.
        generatedThrough: ctx.now,
        createdBy: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    const plan = presentPlan(row!, ctx.now);
    await record(tx, ctx, 'created', null, plan);
    if (row!.active) await scheduleGeneration(tx, row!.id);
    return plan;
  });
}

export async function getMaintenancePlan(deps: PlanDeps, ctx: Context, id: string) {
  return presentPlan(await loadPlan(deps.db, ctx, id), ctx.now);
}

export async function listMaintenancePlans(
  deps: PlanDeps,
  ctx: Context,
  filters: PlanFilters,
  options: { sort: PlanSort; limit: number; cursor?: string | undefined },
) {
  authorizeMaintenance(ctx.actor, 'plan.read');
  const page = await listPlanRows(deps.db, ctx.actor, filters, options);
  return { items: page.items.map((row) => presentPlan(row, ctx.now)), nextCursor: page.nextCursor };
}

function versionConflict(current: PlanRow, now: Date): AppError {
  return new AppError(
    'precondition_failed',
    'maintenance_plans.version_conflict',
    'someone else changed this plan; review the current state and retry',
    { current: presentPlan(current, now) },
  );
}

type UpdateInput = z.infer<typeof updatePlan>;

async function validateUpdate(tx: Executor, before: PlanRow, input: UpdateInput) {
  if (input.environmentId && !(await findServiceEnvironment(tx, before.serviceId, input.environmentId)))
    throw validationError([{ path: 'body.environmentId', message: 'is not an environment of this service' }]);
  checkSchedule({
    rrule: input.rrule ?? before.rrule,
    dtstart: input.dtstart ?? before.dtstart,
    timezone: input.timezone ?? before.timezone,
    exdates: input.exdates ?? before.exdates,
  });
  await checkAssignment(
    tx,
    before.organisationId,
    {
      teamId: input.defaultTeamId !== undefined ? input.defaultTeamId : before.defaultTeamId,
      assigneeId: input.defaultAssigneeId !== undefined ? input.defaultAssigneeId : before.defaultAssigneeId,
    },
    { teamId: 'body.defaultTeamId', assigneeId: 'body.defaultAssigneeId' },
    { teamId: input.defaultTeamId !== undefined, assigneeId: input.defaultAssigneeId !== undefined },
  );
}

/** Only the fields that differ; undefined ones are not part of the edit. */
function changedFields(before: PlanRow, input: UpdateInput): Partial<PlanRow> {
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[field as keyof PlanRow]) !== JSON.stringify(value)) changes[field] = value;
  }
  return changes as Partial<PlanRow>;
}

/**
 * Edit a plan (If-Match). A schedule edit applies from the plan's high-water mark on, so tasks
 * already generated are neither duplicated nor moved; re-activating resumes from now, so the
 * occurrences of the inactive time are not generated late.
 */
export async function changeMaintenancePlan(
  deps: PlanDeps,
  ctx: Context,
  id: string,
  version: number,
  input: UpdateInput,
) {
  return await deps.db.transaction(async (tx) => {
    const before = await loadPlan(tx, ctx, id, true);
    authorizeMaintenance(ctx.actor, 'plan.write');
    if (before.version !== version) throw versionConflict(before, ctx.now);
    await validateUpdate(tx, before, input);
    const changes = changedFields(before, input);
    if (Object.keys(changes).length === 0) return presentPlan(before, ctx.now);
    const resumed = changes.active === true;
    const [row] = await tx
      .update(maintenancePlans)
      .set({
        ...changes,
        ...(resumed
          ? {
              generatedThrough: sql`greatest(${maintenancePlans.generatedThrough}, ${ctx.now.toISOString()}::timestamptz)`,
            }
          : {}),
        version: sql`${maintenancePlans.version} + 1`,
        updatedAt: ctx.now,
      })
      .where(eq(maintenancePlans.id, before.id))
      .returning();
    const after = presentPlan(row!, ctx.now);
    await record(tx, ctx, 'updated', presentPlan(before, ctx.now), after);
    if (row!.active) await scheduleGeneration(tx, row!.id);
    return after;
  });
}

/** Only a plan that never generated a task can be deleted; otherwise deactivate it (its tasks stay). */
export async function deleteMaintenancePlan(deps: PlanDeps, ctx: Context, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await loadPlan(tx, ctx, id, true);
    authorizeMaintenance(ctx.actor, 'plan.write');
    if (await planHasTasks(tx, before.id))
      throw conflict(
        'maintenance_plans.has_tasks',
        'this plan has tasks; deactivate it instead (active: false)',
      );
    await tx.delete(maintenancePlans).where(eq(maintenancePlans.id, before.id));
    await record(tx, ctx, 'deleted', presentPlan(before, ctx.now), null);
  });
}
