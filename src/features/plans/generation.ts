import { eq, sql } from 'drizzle-orm';
import { type DueOccurrence, generationHorizon, occurrencesToGenerate } from '../../core/plans/index.js';
import type { Db, Executor } from '../../db/client.js';
import {
  maintenancePlans,
  maintenanceTaskHistory,
  maintenanceTasks,
  type TaskChecklistItem,
  users,
} from '../../db/schema/index.js';
import { type Context, SYSTEM_ACTOR } from '../../platform/actor.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Logger } from '../../platform/logger.js';
import { recordAudit } from '../audit/index.js';
import { queueMail } from '../notifications/index.js';
import { publishEvent } from '../outbox/index.js';
import { claimPlansBehind } from './plans.repo.js';
import { type PlanRow, presentTask, scheduleOf, type TaskRow } from './presenters.js';

export interface GenerationDeps {
  db: Db;
  /** For the link in the assignee's mail. */
  publicUrl: string;
}

/** Plans per transaction in the sweep; each generates at most 100 tasks per round (core default). */
const PLAN_BATCH = 10;
/** Rounds for one plan: 20,000 occurrences, far beyond any sane lead time; a guard, not a limit. */
const MAX_PLAN_ROUNDS = 200;
/**
 * Every round moves some plan's mark forward or sets a failing plan aside, so the sweep ends on
 * its own; this only guards against a bug turning it into an endless job.
 */
const MAX_SWEEP_ROUNDS = 100_000;

function taskValues(
  plan: PlanRow,
  occurrence: DueOccurrence,
  now: Date,
): typeof maintenanceTasks.$inferInsert {
  const checklist: TaskChecklistItem[] = plan.checklist.map((item, index) => ({
    id: index + 1,
    text: item.text,
    required: item.required,
    done: false,
    doneBy: null,
    doneAt: null,
  }));
  return {
    id: uuidv7(now.getTime()),
    planId: plan.id,
    occurrenceKey: occurrence.key,
    organisationId: plan.organisationId,
    serviceId: plan.serviceId,
    environmentId: plan.environmentId,
    title: plan.title,
    kind: plan.kind,
    category: plan.category,
    dueAt: occurrence.dueAt,
    state: 'open',
    assigneeId: plan.defaultAssigneeId,
    teamId: plan.defaultTeamId,
    checklist,
    createdAt: now,
    updatedAt: now,
  };
}

/** History, audit entry and `maintenance_task.created` event for each task this run inserted. */
async function recordCreated(tx: Executor, ctx: Context, created: TaskRow[]): Promise<void> {
  if (created.length === 0) return;
  await tx.insert(maintenanceTaskHistory).values(
    created.map((row) => ({
      taskId: row.id,
      at: ctx.now,
      actorId: null,
      kind: 'created',
      data: { state: row.state, dueAt: row.dueAt.toISOString(), occurrenceKey: row.occurrenceKey },
    })),
  );
  for (const row of created) {
    const task = presentTask(row, SYSTEM_ACTOR, ctx.now);
    await recordAudit(tx, ctx, {
      action: 'maintenance_task.created',
      entityType: 'maintenance_task',
      entityId: row.id,
      organisationId: row.organisationId,
      after: task,
    });
    await publishEvent(tx, ctx, {
      type: 'maintenance_task.created',
      aggregateType: 'maintenance_task',
      aggregateId: row.id,
      organisationId: row.organisationId,
      payload: { task },
    });
  }
}

/** The default assignee hears of each new task by mail (keyed per task: queued once). */
async function notifyAssignee(tx: Executor, deps: GenerationDeps, plan: PlanRow, created: TaskRow[]) {
  if (!plan.defaultAssigneeId || created.length === 0) return;
  const [assignee] = await tx
    .select({ email: users.email, name: users.name, active: users.active })
    .from(users)
    .where(eq(users.id, plan.defaultAssigneeId));
  if (!assignee?.active) return;
  for (const row of created) {
    const number = presentTask(row, SYSTEM_ACTOR, row.createdAt).number;
    await queueMail(
      tx,
      {
        to: assignee.email,
        subject: `[${number}] Maintenance due ${row.dueAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${row.title}`,
        text: `Hello ${assignee.name},\n\nmaintenance task ${number} "${row.title}" is assigned to you, due ${row.dueAt.toISOString()}.\n\n${deps.publicUrl}/maintenance/tasks/${number}\n`,
      },
      `maintenance-task-assigned:${row.id}`,
    );
  }
}

/**
 * One round for one plan, whose row the caller has locked: insert the tasks its schedule calls
 * for (ON CONFLICT DO NOTHING on (plan, occurrence key): a task is never generated twice, whatever
 * runs concurrently) and move its high-water mark, without touching its version. Returns how many
 * tasks were created and whether the plan is now generated up to its horizon.
 */
export async function generateRound(tx: Executor, deps: GenerationDeps, plan: PlanRow, now: Date) {
  const ctx: Context = { actor: SYSTEM_ACTOR, requestId: null, now };
  const result = occurrencesToGenerate({
    schedule: scheduleOf(plan),
    generateAheadDays: plan.generateAheadDays,
    generatedThrough: plan.generatedThrough,
    now,
  });
  const created =
    result.occurrences.length === 0
      ? []
      : await tx
          .insert(maintenanceTasks)
          .values(result.occurrences.map((occurrence) => taskValues(plan, occurrence, now)))
          .onConflictDoNothing({ target: [maintenanceTasks.planId, maintenanceTasks.occurrenceKey] })
          .returning();
  created.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  await recordCreated(tx, ctx, created);
  await notifyAssignee(tx, deps, plan, created);
  const [updated] = await tx
    .update(maintenancePlans)
    .set({
      generatedThrough: sql`greatest(${maintenancePlans.generatedThrough}, ${result.through.toISOString()}::timestamptz)`,
    })
    .where(eq(maintenancePlans.id, plan.id))
    .returning();
  const caughtUp = result.through.getTime() >= generationHorizon(now, plan.generateAheadDays).getTime();
  return { created: created.length, caughtUp, plan: updated ?? plan };
}

/** After a plan is created or edited: generate its tasks up to the horizon (waits for its row lock). */
export async function generateForPlan(deps: GenerationDeps, planId: string, now: Date): Promise<number> {
  let total = 0;
  for (let round = 0; round < MAX_PLAN_ROUNDS; round++) {
    const { created, caughtUp } = await deps.db.transaction(async (tx) => {
      const [plan] = await tx
        .select()
        .from(maintenancePlans)
        .where(eq(maintenancePlans.id, planId))
        .for('update');
      if (!plan?.active) return { created: 0, caughtUp: true };
      return await generateRound(tx, deps, plan, now);
    });
    total += created;
    if (caughtUp) break;
  }
  return total;
}

/**
 * The sweep (hourly, and after downtime): every active plan behind its horizon, a batch of plans
 * per transaction, until none is left. `now` is fixed for the whole sweep, so a plan brought up to
 * date drops out of the selection. A plan whose schedule cannot be expanded is logged and left for
 * the next sweep instead of failing the others.
 */
export async function generateDueTasks(deps: GenerationDeps, now: Date, log: Logger): Promise<number> {
  const failed: string[] = [];
  let total = 0;
  for (let round = 0; round < MAX_SWEEP_ROUNDS; round++) {
    const claimed = await deps.db.transaction(async (tx) => {
      const plans = await claimPlansBehind(tx, now, PLAN_BATCH, failed);
      for (const plan of plans) {
        try {
          total += await tx.transaction(
            async (inner) => (await generateRound(inner, deps, plan, now)).created,
          );
        } catch (error) {
          failed.push(plan.id);
          log.error({ err: error, planId: plan.id }, 'maintenance plan could not generate its tasks');
        }
      }
      return plans.length;
    });
    if (claimed === 0) break;
  }
  return total;
}
