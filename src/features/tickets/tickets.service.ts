import { and, eq, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { z } from 'zod';
import type { TicketFilters, updateTicket } from '../../contracts/tickets.js';
import type { Level, Priority } from '../../core/tickets/index.js';
import type { Db, Executor } from '../../db/client.js';
import type { CombinedWrites } from '../../db/combine.js';
import { priorityMatrix } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { AppError, notFound, validationError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';
import { serviceBelongsTo } from '../services/index.js';
import { presentTicket, type TicketRow } from './presenters.js';
import { checkAssignee, checkTeam } from './routing.js';
import { authorizeTicket } from './tickets.policy.js';
import { addHistory, findTicket, listTickets, type TicketSort, updateTicketRow } from './tickets.repo.js';

/**
 * What other features do when a ticket changes (the SLA timers), inside its transaction. A port
 * the composition root fills in, so tickets need not know those features.
 */
export interface TicketHooks {
  /**
   * What a new ticket of an organisation needs to know, as a SQL expression over the requester's
   * organisation id that the ticket's own read selects (so it costs no round trip of its own).
   */
  createFacts(organisationId: SQLWrapper): SQL;
  /**
   * Before a ticket is created, given what `createFacts` selected: read what else is needed (one
   * query at most); the result turns the ticket row as it will be inserted into the writes that
   * go into its own statement.
   */
  prepareCreate(
    executor: Executor,
    organisationId: string,
    facts: unknown,
  ): Promise<(ticket: TicketRow, now: Date) => CreateWrites>;
  afterStatusChange(
    tx: Executor,
    ctx: Context,
    before: TicketRow,
    after: TicketRow,
    reason: string | null,
  ): Promise<HookResult>;
  afterReply(tx: Executor, ctx: Context, ticket: TicketRow, by: 'staff' | 'customer'): Promise<HookResult>;
  afterPriorityChange(tx: Executor, ctx: Context, before: TicketRow, after: TicketRow): Promise<HookResult>;
}

/**
 * Writes a hook adds to a new ticket's statement (db/combine.ts), and the SLA due time the ticket
 * row is inserted with.
 */
export interface CreateWrites {
  slaDueAt: Date | null;
  writes: CombinedWrites['writes'];
  /** What to send once the ticket is committed (a nudge with a safety net behind it). */
  afterCommit?: (db: Db) => Promise<void>;
}

/** Hooks report what they changed on the ticket row (the SLA due time), so callers need not re-read it. */
export type HookResult = { slaDueAt: Date | null } | undefined;

export function withHookResult(row: TicketRow, result: HookResult): TicketRow {
  return result ? { ...row, slaDueAt: result.slaDueAt } : row;
}

export interface TicketDeps {
  db: Db;
  /** Days after resolution during which a requester may reopen (DOMAIN.md default 7). */
  closeGraceDays: number;
  hooks?: TicketHooks;
}

export async function priorityOf(executor: Executor, impact: Level, urgency: Level): Promise<Priority> {
  const [row] = await executor
    .select({ priority: priorityMatrix.priority })
    .from(priorityMatrix)
    .where(and(eq(priorityMatrix.impact, impact), eq(priorityMatrix.urgency, urgency)));
  return row?.priority ?? 'P3';
}

export function present(deps: TicketDeps, ctx: Context, row: TicketRow) {
  return presentTicket(row, ctx.actor, ctx.now, deps.closeGraceDays);
}

export async function loadTicket(
  executor: Executor,
  ctx: Context,
  ref: string,
  lock = false,
): Promise<TicketRow> {
  const row = await findTicket(executor, ctx.actor, ref, lock);
  if (!row) throw notFound('ticket');
  return row;
}

export async function getTicket(deps: TicketDeps, ctx: Context, ref: string) {
  return present(deps, ctx, await loadTicket(deps.db, ctx, ref));
}

export async function searchTickets(
  deps: TicketDeps,
  ctx: Context,
  filters: TicketFilters,
  options: { sort: TicketSort; limit: number; cursor?: string },
) {
  const page = await listTickets(deps.db, ctx.actor, filters, { ...options, now: ctx.now });
  return { items: page.items.map((row) => present(deps, ctx, row)), nextCursor: page.nextCursor };
}

/** The changed fields only, as {field: {from, to}}. */
function diff(
  before: TicketRow,
  changes: Partial<TicketRow>,
): Record<string, { from: unknown; to: unknown }> {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, value] of Object.entries(changes)) {
    const previous = before[field as keyof TicketRow];
    if (JSON.stringify(previous) !== JSON.stringify(value)) changed[field] = { from: previous, to: value };
  }
  return changed;
}

export function versionConflict(deps: TicketDeps, ctx: Context, current: TicketRow): AppError {
  return new AppError(
    'precondition_failed',
    'tickets.version_conflict',
    'someone else changed this ticket; review the current state and retry',
    {
      current: present(deps, ctx, current),
    },
  );
}

async function validatedChanges(tx: Executor, before: TicketRow, input: z.infer<typeof updateTicket>) {
  const changes: Partial<TicketRow> = { ...input } as Partial<TicketRow>;
  if (input.tags) changes.tags = [...new Set(input.tags)];
  if (input.teamId)
    changes.tier = (await checkTeam(tx, input.teamId, before.organisationId, 'body.teamId')).tier;
  const teamId = input.teamId !== undefined ? input.teamId : before.teamId;
  if (input.assigneeId) await checkAssignee(tx, input.assigneeId, teamId, 'body.assigneeId');
  if (input.serviceId && !(await serviceBelongsTo(tx, input.serviceId, before.organisationId)))
    throw validationError([
      { path: 'body.serviceId', message: "is not a service of the ticket's organisation" },
    ]);
  if (input.impact || input.urgency)
    changes.priority = await priorityOf(tx, input.impact ?? before.impact, input.urgency ?? before.urgency);
  return changes;
}

export async function changeTicket(
  deps: TicketDeps,
  ctx: Context,
  ref: string,
  version: number,
  input: z.infer<typeof updateTicket>,
) {
  return await deps.db.transaction(async (tx) => {
    // Found first: a ticket the caller cannot open is 404 whatever their role, never 403.
    const before = await loadTicket(tx, ctx, ref, true);
    authorizeTicket(ctx.actor, 'ticket.update');
    if (before.version !== version) throw versionConflict(deps, ctx, before);
    const changes = await validatedChanges(tx, before, input);
    const changed = diff(before, changes);
    if (Object.keys(changed).length === 0) return present(deps, ctx, before);
    const after = await updateTicketRow(tx, before.id, version, { ...changes, updatedAt: ctx.now });
    if (!after) throw versionConflict(deps, ctx, before);
    const current =
      after.priority !== before.priority
        ? withHookResult(after, await deps.hooks?.afterPriorityChange(tx, ctx, before, after))
        : after;
    const ticket = present(deps, ctx, current);
    await addHistory(tx, ctx, after.id, 'field', { changes: changed });
    await recordAudit(tx, ctx, {
      action: 'ticket.updated',
      entityType: 'ticket',
      entityId: after.id,
      organisationId: after.organisationId,
      before: present(deps, ctx, before),
      after: ticket,
    });
    await publishEvent(tx, ctx, {
      type: 'ticket.updated',
      aggregateType: 'ticket',
      aggregateId: after.id,
      organisationId: after.organisationId,
      payload: { ticket, changes: changed },
    });
    return ticket;
  });
}
