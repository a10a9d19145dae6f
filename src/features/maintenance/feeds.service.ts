import type { z } from 'zod';
import type { createCalendarFeed } from '../../contracts/maintenance-windows.js';
import type { Db, Executor } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { forbidden, notFound, validationError } from '../../platform/errors.js';
import { randomSecret, uuidv7 } from '../../platform/ids.js';
import { digest } from '../../platform/secrets.js';
import { findOrganisation } from '../directory/index.js';
import { canManageServices, findService } from '../services/index.js';
import { windowsCalendar } from './calendar.js';
import {
  findFeed,
  findLiveFeedByHash,
  insertFeed,
  listFeedRows,
  updateFeedRow,
  windowsOfFeed,
} from './feeds.repo.js';
import { type FeedRow, presentFeed } from './presenters.js';
import { recordMaintenanceChange } from './record.js';
import { authorizeFeedWrite } from './windows.policy.js';

export interface FeedDeps {
  db: Db;
  publicUrl: string;
}

const TOKEN_PREFIX = 'tend_cal_';

function newToken() {
  const token = `${TOKEN_PREFIX}${randomSecret(32)}`;
  return { token, tokenHash: digest(token), tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

const feedUrl = (publicUrl: string, token: string) => `${publicUrl}/api/v1/calendar-feeds/${token}.ics`;

function record(executor: Executor, ctx: Context, action: string, before: FeedRow | null, after: FeedRow) {
  return recordMaintenanceChange(executor, ctx, {
    action,
    entityType: 'calendar_feed',
    entityId: after.id,
    organisationId: after.organisationId,
    before: before ? presentFeed(before) : null,
    after: presentFeed(after),
  });
}

/** The URL (with the token) is in this answer only; the database keeps the token's digest. */
export async function createFeedFor(deps: FeedDeps, ctx: Context, input: z.infer<typeof createCalendarFeed>) {
  return await deps.db.transaction(async (tx) => {
    if (!(await findOrganisation(tx, ctx.actor.organisations, input.organisationId)))
      throw validationError([{ path: 'body.organisationId', message: 'is not an organisation you can see' }]);
    authorizeFeedWrite(ctx.actor, input.organisationId);
    if (input.serviceId) {
      const service = await findService(tx, ctx.actor.organisations, input.serviceId);
      if (service?.organisationId !== input.organisationId)
        throw validationError([{ path: 'body.serviceId', message: 'is not a service of this organisation' }]);
    }
    const { token, tokenHash, tokenPrefix } = newToken();
    const row = await insertFeed(tx, {
      id: uuidv7(ctx.now.getTime()),
      organisationId: input.organisationId,
      serviceId: input.serviceId,
      name: input.name,
      tokenHash,
      tokenPrefix,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await record(tx, ctx, 'calendar_feed.created', null, row);
    return { feed: presentFeed(row), url: feedUrl(deps.publicUrl, token) };
  });
}

function authorizeFeedRead(ctx: Context): void {
  if (!canManageServices(ctx.actor) && ctx.actor.role !== 'customer_manager' && ctx.actor.role !== 'agent')
    throw forbidden('maintenance.forbidden', 'you may not see calendar feeds');
}

export async function listFeedsFor(
  db: Db,
  ctx: Context,
  filter: { organisationId?: string; limit: number; cursor?: string },
) {
  authorizeFeedRead(ctx);
  const page = await listFeedRows(db, ctx.actor.organisations, filter);
  return { items: page.items.map(presentFeed), nextCursor: page.nextCursor };
}

/** A new token at once; the old URL stops working. */
export async function rotateFeedFor(deps: FeedDeps, ctx: Context, id: string) {
  return await deps.db.transaction(async (tx) => {
    const before = await findFeed(tx, ctx.actor.organisations, id);
    if (!before) throw notFound('calendar_feed');
    authorizeFeedWrite(ctx.actor, before.organisationId);
    const { token, tokenHash, tokenPrefix } = newToken();
    const after = await updateFeedRow(tx, id, {
      tokenHash,
      tokenPrefix,
      revokedAt: null,
      updatedAt: ctx.now,
    });
    await record(tx, ctx, 'calendar_feed.rotated', before, after);
    return { feed: presentFeed(after), url: feedUrl(deps.publicUrl, token) };
  });
}

export async function revokeFeedFor(db: Db, ctx: Context, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await findFeed(tx, ctx.actor.organisations, id);
    if (!before) throw notFound('calendar_feed');
    authorizeFeedWrite(ctx.actor, before.organisationId);
    if (before.revokedAt) return;
    const after = await updateFeedRow(tx, id, { revokedAt: ctx.now, updatedAt: ctx.now });
    await record(tx, ctx, 'calendar_feed.revoked', before, after);
  });
}

/** The feed's iCalendar text for `<token>.ics`, or null for an unknown or revoked token. */
export async function renderFeed(deps: FeedDeps, file: string, now: Date): Promise<string | null> {
  const match = /^(tend_cal_[A-Za-z0-9_-]{20,100})\.ics$/.exec(file);
  if (!match) return null;
  const found = await findLiveFeedByHash(deps.db, digest(match[1]!));
  if (!found) return null;
  const { rows, serviceNames } = await windowsOfFeed(deps.db, found.feed);
  const scope = found.feed.serviceId ? serviceNames.get(found.feed.serviceId) : undefined;
  return windowsCalendar(rows, {
    name: `${scope ?? found.organisationName} — maintenance`,
    now,
    publicUrl: deps.publicUrl,
    serviceNames,
  });
}
