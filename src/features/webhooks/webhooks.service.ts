import type { z } from 'zod';
import type { createWebhook, updateWebhook } from '../../contracts/webhooks.js';
import type { Db, Executor } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { findOrganisation } from '../directory/index.js';
import { presentWebhook, type WebhookRow } from './presenters.js';
import { newWebhookSecret } from './signature.js';
import { authorize } from './webhooks.policy.js';
import {
  deleteWebhookRow,
  findWebhook,
  insertWebhook,
  listWebhookRows,
  updateWebhookRow,
  type WebhookFilter,
} from './webhooks.repo.js';

/** The organisation a webhook is limited to must exist (and be one the caller can see). */
async function checkOrganisation(
  executor: Executor,
  ctx: Context,
  organisationId: string | null | undefined,
) {
  if (!organisationId) return;
  const found = await findOrganisation(executor, ctx.actor.organisations, organisationId);
  if (!found)
    throw validationError([{ path: 'body.organisationId', message: 'is not a known organisation' }]);
}

async function audit(
  executor: Executor,
  ctx: Context,
  action: string,
  before: WebhookRow | null,
  after: WebhookRow | null,
) {
  const subject = (after ?? before)!;
  await recordAudit(executor, ctx, {
    action,
    entityType: 'webhook',
    entityId: subject.id,
    organisationId: subject.organisationId,
    before: before ? presentWebhook(before) : null,
    after: after ? presentWebhook(after) : null,
  });
}

/** The secret is returned here and on rotation only; the audit log never sees it. */
export async function createWebhookForAdmin(db: Db, ctx: Context, input: z.infer<typeof createWebhook>) {
  authorize(ctx.actor, 'webhook.write');
  const secret = newWebhookSecret();
  return await db.transaction(async (tx) => {
    await checkOrganisation(tx, ctx, input.organisationId);
    const row = await insertWebhook(tx, {
      id: uuidv7(ctx.now.getTime()),
      name: input.name,
      url: input.url,
      secret,
      eventTypes: [...new Set(input.eventTypes)],
      organisationId: input.organisationId,
      active: input.active,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await audit(tx, ctx, 'webhook.created', null, row);
    return { webhook: presentWebhook(row), secret };
  });
}

export async function listWebhooksForAdmin(db: Db, ctx: Context, filter: WebhookFilter) {
  authorize(ctx.actor, 'webhook.read');
  const page = await listWebhookRows(db, filter);
  return { items: page.items.map(presentWebhook), nextCursor: page.nextCursor };
}

export async function getWebhookForAdmin(db: Db, ctx: Context, id: string) {
  authorize(ctx.actor, 'webhook.read');
  const row = await findWebhook(db, id);
  if (!row) throw notFound('webhook');
  return presentWebhook(row);
}

export async function updateWebhookForAdmin(
  db: Db,
  ctx: Context,
  id: string,
  input: z.infer<typeof updateWebhook>,
) {
  authorize(ctx.actor, 'webhook.write');
  return await db.transaction(async (tx) => {
    const before = await findWebhook(tx, id);
    if (!before) throw notFound('webhook');
    await checkOrganisation(tx, ctx, input.organisationId);
    const changes = {
      ...input,
      ...(input.eventTypes ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
      updatedAt: ctx.now,
    };
    const after = (await updateWebhookRow(tx, id, changes))!;
    await audit(tx, ctx, 'webhook.updated', before, after);
    return presentWebhook(after);
  });
}

/** Its delivery log goes with it; queued attempts find nothing to do. */
export async function deleteWebhookForAdmin(db: Db, ctx: Context, id: string): Promise<void> {
  authorize(ctx.actor, 'webhook.write');
  await db.transaction(async (tx) => {
    const before = await deleteWebhookRow(tx, id);
    if (!before) throw notFound('webhook');
    await audit(tx, ctx, 'webhook.deleted', before, null);
  });
}

/** A new secret at once; attempts from now on (retries included) are signed with it. */
export async function rotateWebhookSecret(db: Db, ctx: Context, id: string) {
  authorize(ctx.actor, 'webhook.write');
  const secret = newWebhookSecret();
  return await db.transaction(async (tx) => {
    const before = await findWebhook(tx, id);
    if (!before) throw notFound('webhook');
    const after = (await updateWebhookRow(tx, id, { secret, updatedAt: ctx.now }))!;
    await audit(tx, ctx, 'webhook.secret_rotated', before, after);
    return { webhook: presentWebhook(after), secret };
  });
}
