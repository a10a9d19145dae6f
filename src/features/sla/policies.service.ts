import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { createSlaPolicy, SlaPolicy, updateSlaPolicy } from '../../contracts/sla.js';
import type { Db, Executor } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { organisationSlaPolicies, slaPolicies } from '../../db/schema/index.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Context } from '../../platform/actor.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { findOrganisation, organisationScopeCondition } from '../directory/index.js';
import { loadCalendar, requireSlaManager, requireStaff } from './calendars.service.js';
import type { PolicyRow } from './sla.repo.js';

export const RECOMPUTE_POLICY_TASK = 'sla.recompute_policy';

export function presentPolicy(row: PolicyRow): SlaPolicy {
  return {
    id: row.id,
    name: row.name,
    calendarId: row.calendarId,
    targets: row.targets as SlaPolicy['targets'],
    pauseStatuses: row.pauseStatuses as SlaPolicy['pauseStatuses'],
    warningPercent: row.warningPercent,
    isDefault: row.isDefault,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const nameTaken = (error: unknown): never => {
  if (isUniqueViolation(error, 'sla_policies_name'))
    throw conflict('sla_policies.name_taken', 'a policy with this name exists', { field: 'name' });
  throw error;
};

/**
 * Only one default: making a policy the default unsets the previous one. Serialised, so that two
 * at once do not both find no other default and then trip the one-default index (a 500).
 */
async function clearDefault(tx: Executor, exceptId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('sla_policies:default'))`);
  await tx
    .update(slaPolicies)
    .set({ isDefault: false })
    .where(sql`${slaPolicies.isDefault} and ${slaPolicies.id} <> ${exceptId}`);
}

/** Open tickets under a policy are recomputed by a job, in batches (a policy may cover 100k tickets). */
export async function scheduleRecompute(tx: Executor, policyId: string, reason: string) {
  await enqueueJob(
    tx,
    RECOMPUTE_POLICY_TASK,
    { policyId, reason, afterId: null },
    { jobKey: `sla:policy:${policyId}` },
  );
}

export async function createPolicy(db: Db, ctx: Context, input: z.infer<typeof createSlaPolicy>) {
  requireSlaManager(ctx);
  return await db
    .transaction(async (tx) => {
      await referencedCalendar(tx, input.calendarId);
      const id = uuidv7(ctx.now.getTime());
      if (input.isDefault) await clearDefault(tx, id);
      const [row] = await tx
        .insert(slaPolicies)
        .values({
          id,
          ...input,
          pauseStatuses: [...new Set(input.pauseStatuses)],
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      const policy = presentPolicy(row!);
      await recordAudit(tx, ctx, {
        action: 'sla_policy.created',
        entityType: 'sla_policy',
        entityId: id,
        after: policy,
      });
      return policy;
    })
    .catch(nameTaken);
}

export async function updatePolicy(db: Db, ctx: Context, id: string, input: z.infer<typeof updateSlaPolicy>) {
  requireSlaManager(ctx);
  return await db
    .transaction(async (tx) => {
      const before = await loadPolicy(tx, id);
      if (input.calendarId) await referencedCalendar(tx, input.calendarId);
      if (input.isDefault) await clearDefault(tx, id);
      const changes = {
        ...input,
        ...(input.pauseStatuses ? { pauseStatuses: [...new Set(input.pauseStatuses)] } : {}),
      };
      const [row] = await tx
        .update(slaPolicies)
        .set({ ...changes, version: sql`${slaPolicies.version} + 1`, updatedAt: ctx.now })
        .where(eq(slaPolicies.id, id))
        .returning();
      const after = presentPolicy(row!);
      await recordAudit(tx, ctx, {
        action: 'sla_policy.updated',
        entityType: 'sla_policy',
        entityId: id,
        before: presentPolicy(before),
        after,
      });
      await scheduleRecompute(tx, id, `policy "${after.name}" changed (version ${after.version})`);
      return after;
    })
    .catch(nameTaken);
}

/** A calendar named in a request body: one that does not exist is the body's mistake (400), not a 404. */
async function referencedCalendar(executor: Executor, calendarId: string): Promise<void> {
  try {
    await loadCalendar(executor, calendarId);
  } catch {
    throw validationError([{ path: 'body.calendarId', message: 'is not a calendar' }]);
  }
}

/** A policy named in a request body (`body.policyId`); 400 when there is none. */
export async function referencedPolicy(executor: Executor, policyId: string): Promise<PolicyRow> {
  const [row] = await executor.select().from(slaPolicies).where(eq(slaPolicies.id, policyId)).limit(1);
  if (!row) throw validationError([{ path: 'body.policyId', message: 'is not an SLA policy' }]);
  return row;
}

export async function loadPolicy(executor: Executor, id: string): Promise<PolicyRow> {
  const [row] = await executor.select().from(slaPolicies).where(eq(slaPolicies.id, id)).limit(1);
  if (!row) throw notFound('sla_policy');
  return row;
}

export async function listPolicies(db: Db, ctx: Context) {
  requireStaff(ctx);
  const rows = await db
    .select()
    .from(slaPolicies)
    .orderBy(asc(sql`lower(${slaPolicies.name})`))
    .limit(500);
  return { items: rows.map(presentPolicy) };
}

/** An organisation's policy applies to its new tickets (open tickets keep the one they run under). */
export async function setOrganisationPolicy(
  db: Db,
  ctx: Context,
  organisationId: string,
  policyId: string | null,
) {
  requireSlaManager(ctx);
  await db.transaction(async (tx) => {
    if (!(await findOrganisation(tx, ctx.actor.organisations, organisationId)))
      throw notFound('organisation');
    if (policyId) await referencedPolicy(tx, policyId);
    await tx
      .delete(organisationSlaPolicies)
      .where(eq(organisationSlaPolicies.organisationId, organisationId));
    if (policyId) await tx.insert(organisationSlaPolicies).values({ organisationId, policyId });
    await recordAudit(tx, ctx, {
      action: 'organisation.sla_policy_set',
      entityType: 'organisation',
      entityId: organisationId,
      organisationId,
      after: { policyId },
    });
  });
  return { policyId };
}

/** Which organisations have a policy of their own (those the caller can see), for the admin pages. */
export async function listOrganisationPolicies(db: Db, ctx: Context) {
  requireStaff(ctx);
  const rows = await db
    .select()
    .from(organisationSlaPolicies)
    .where(organisationScopeCondition(ctx.actor.organisations, organisationSlaPolicies.organisationId))
    .orderBy(asc(organisationSlaPolicies.organisationId));
  return { items: rows.map(({ organisationId, policyId }) => ({ organisationId, policyId })) };
}
