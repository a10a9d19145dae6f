import type { z } from 'zod';
import type { BulkItemResult, bulkUpdate } from '../../contracts/ticket-bulk.js';
import { tierRank } from '../../core/tickets/index.js';
import type { Context } from '../../platform/actor.js';
import { AppError, validationError } from '../../platform/errors.js';
import { assign, moveTier, transition } from './lifecycle.service.js';
import type { TicketRow } from './presenters.js';
import { authorizeTicket } from './tickets.policy.js';
import { changeTicket, loadTicket, present, type TicketDeps } from './tickets.service.js';

type BulkInput = z.infer<typeof bulkUpdate>;
type Changes = BulkInput['changes'];

/**
 * Bulk update: the same changes applied to many tickets, each ticket in its own transaction, so
 * one failing (not visible, invalid transition…) leaves the others applied. Each change goes
 * through the use case that makes it one at a time (moveTier, assign, changeTicket, transition),
 * nested as savepoints in the ticket's transaction: a ticket gets all of its changes or none.
 * Order per ticket: tier, assignment, tags, status (so "escalate and close" works).
 */
export async function bulkUpdateTickets(
  deps: TicketDeps,
  ctx: Context,
  input: BulkInput,
  onUnexpected: (error: unknown, ref: string) => void,
) {
  authorizeTicket(ctx.actor, 'ticket.bulk');
  const results: BulkItemResult[] = [];
  // One ticket at a time: a request holds at most one ticket lock, so bulk requests never deadlock.
  for (const ref of input.ticketIds) results.push(await updateOne(deps, ctx, ref, input, onUnexpected));
  return { results };
}

async function updateOne(
  deps: TicketDeps,
  ctx: Context,
  ref: string,
  input: BulkInput,
  onUnexpected: (error: unknown, ref: string) => void,
): Promise<BulkItemResult> {
  try {
    const ticket = await deps.db.transaction(async (tx) => {
      const start = await loadTicket(tx, ctx, ref, true);
      await applyChanges({ ...deps, db: tx }, ctx, start, input.changes, input.reason ?? null);
      return present(deps, ctx, await loadTicket(tx, ctx, start.id));
    });
    return { ref, ok: true, ticket };
  } catch (error) {
    if (error instanceof AppError) return { ref, ok: false, error: itemError(error) };
    // The tickets before this one are committed: report this one as failed rather than fail them all.
    onUnexpected(error, ref);
    return {
      ref,
      ok: false,
      error: { code: 'internal_error', message: 'unexpected error; this ticket was not changed' },
    };
  }
}

/** The use cases name single-ticket fields (body.assigneeId); here they sit under body.changes. */
function itemError(error: AppError) {
  const rename = (text: string) => text.replace(/\bbody\.(assigneeId|teamId)\b/g, 'body.changes.$1');
  const details = error.details && JSON.parse(rename(JSON.stringify(error.details)));
  return { code: error.code, message: rename(error.message), ...(details ? { details } : {}) };
}

async function applyChanges(
  deps: TicketDeps,
  ctx: Context,
  start: TicketRow,
  changes: Changes,
  reason: string | null,
) {
  const id = start.id;
  const tierMoved = changes.tier !== undefined && changes.tier !== start.tier;
  if (tierMoved) {
    const direction = tierRank(changes.tier!) > tierRank(start.tier) ? 'up' : 'down';
    await moveTier(deps, ctx, id, direction, { reason: reason!, tier: changes.tier, teamId: changes.teamId });
  }
  await applyAssignment(deps, ctx, id, changes, tierMoved);
  await applyTags(deps, ctx, id, changes);
  const current = await loadTicket(deps.db, ctx, id, true);
  if (changes.status && changes.status !== current.status)
    await transition(deps, ctx, id, changes.status, reason);
}

/** A queue and/or assignee within the tier (a tier change already chose the queue). */
async function applyAssignment(
  deps: TicketDeps,
  ctx: Context,
  id: string,
  changes: Changes,
  tierMoved: boolean,
) {
  const teamId = tierMoved ? undefined : changes.teamId;
  if (changes.assigneeId === undefined && teamId === undefined) return;
  const current = await loadTicket(deps.db, ctx, id, true);
  const assigneeId = changes.assigneeId === undefined ? null : changes.assigneeId;
  if (assigneeId === current.assigneeId && (teamId === undefined || teamId === current.teamId)) return;
  await assign(deps, ctx, id, { assigneeId, ...(teamId ? { teamId } : {}) });
}

async function applyTags(deps: TicketDeps, ctx: Context, id: string, changes: Changes) {
  if (!changes.addTags && !changes.removeTags) return;
  const current = await loadTicket(deps.db, ctx, id, true);
  const removed = new Set(changes.removeTags ?? []);
  const tags = [...new Set([...current.tags.filter((tag) => !removed.has(tag)), ...(changes.addTags ?? [])])];
  if (tags.length > 30)
    throw validationError([{ path: 'body.changes.addTags', message: 'a ticket has at most 30 tags' }]);
  await changeTicket(deps, ctx, id, current.version, { tags });
}
