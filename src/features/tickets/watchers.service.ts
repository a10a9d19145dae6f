import { staffRoles } from '../../contracts/common.js';
import type { Watcher } from '../../contracts/ticket-watchers.js';
import type { Executor } from '../../db/client.js';
import { type Context, canReachOrganisation } from '../../platform/actor.js';
import { forbidden, notFound, validationError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { findUserById, organisationScopeFor, type UserRow } from '../directory/index.js';
import { publishEvent } from '../outbox/index.js';
import type { TicketRow } from './presenters.js';
import { addHistory } from './tickets.repo.js';
import { isStaff } from './tickets.scope.js';
import { loadTicket, type TicketDeps } from './tickets.service.js';
import { deleteWatcher, insertWatchers, listWatcherRows, type WatcherRow } from './watchers.repo.js';

function presentWatcher(row: WatcherRow): Watcher {
  return {
    userId: row.userId,
    name: row.name,
    role: row.role,
    organisationId: row.organisationId,
    addedAt: row.createdAt.toISOString(),
  };
}

export async function listTicketWatchers(deps: TicketDeps, ctx: Context, ref: string) {
  const ticket = await loadTicket(deps.db, ctx, ref);
  return { items: (await listWatcherRows(deps.db, ticket.id)).map(presentWatcher) };
}

/** Staff watch only tickets they could open: an agent must serve the ticket's organisation. */
async function staffWhoSeesIt(tx: Executor, user: UserRow, ticket: TicketRow): Promise<boolean> {
  if (!staffRoles.includes(user.role)) return false;
  return canReachOrganisation(await organisationScopeFor(tx, user), ticket.organisationId);
}

/**
 * Staff may add any active user of the ticket's organisation, or staff; customers (requesters and
 * their managers) copy in colleagues of their own organisation only. One answer for every refusal,
 * so that customers cannot probe for users elsewhere.
 */
async function checkWatcher(tx: Executor, ctx: Context, ticket: TicketRow, userId: string): Promise<UserRow> {
  const user = await findUserById(tx, userId);
  const staffActor = isStaff(ctx.actor);
  const ofTicketOrg = user?.organisationId === ticket.organisationId;
  const allowed = staffActor
    ? ofTicketOrg || (user !== null && (await staffWhoSeesIt(tx, user, ticket)))
    : ofTicketOrg && ctx.actor.organisationId === ticket.organisationId;
  if (!user?.active || !allowed) {
    const message = staffActor
      ? 'is not an active user of the ticket’s organisation, nor staff serving it'
      : 'is not an active colleague in your organisation';
    throw validationError([{ path: 'body.userId', message }]);
  }
  return user;
}

async function recordWatcherChange(
  tx: Executor,
  ctx: Context,
  ticket: TicketRow,
  action: 'added' | 'removed',
  userId: string,
) {
  await addHistory(tx, ctx, ticket.id, 'watcher', { action, userId });
  await recordAudit(tx, ctx, {
    action: `ticket.watcher_${action}`,
    entityType: 'ticket',
    entityId: ticket.id,
    organisationId: ticket.organisationId,
    after: { userId },
  });
  await publishEvent(tx, ctx, {
    type: 'ticket.updated',
    aggregateType: 'ticket',
    aggregateId: ticket.id,
    organisationId: ticket.organisationId,
    payload: { ticketId: ticket.id, watcher: { action, userId } },
  });
}

/** Add a watcher (CC); adding someone already watching changes nothing (`created: false`). */
export async function addTicketWatcher(deps: TicketDeps, ctx: Context, ref: string, userId: string) {
  return await deps.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, ctx, ref);
    await checkWatcher(tx, ctx, ticket, userId);
    const created = (await insertWatchers(tx, ticket.id, [userId], ctx.now)).length > 0;
    if (created) await recordWatcherChange(tx, ctx, ticket, 'added', userId);
    const row = (await listWatcherRows(tx, ticket.id)).find((watcher) => watcher.userId === userId)!;
    return { watcher: presentWatcher(row), created };
  });
}

/** Staff remove anyone; customers only themselves. */
export async function removeTicketWatcher(deps: TicketDeps, ctx: Context, ref: string, userId: string) {
  await deps.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, ctx, ref);
    if (!isStaff(ctx.actor) && userId !== ctx.actor.userId)
      throw forbidden('watchers.forbidden', 'customers can only stop watching themselves');
    if (!(await deleteWatcher(tx, ticket.id, userId))) throw notFound('watcher');
    await recordWatcherChange(tx, ctx, ticket, 'removed', userId);
  });
}
