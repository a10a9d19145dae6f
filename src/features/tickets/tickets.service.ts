import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { createTicket, TicketFilters, updateTicket } from '../../contracts/tickets.js';
import type { Level, Priority, TicketTier } from '../../core/tickets/index.js';
import type { Db, Executor } from '../../db/client.js';
import { priorityMatrix } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { AppError, notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { findUser } from '../directory/index.js';
import { publishEvent } from '../outbox/index.js';
import { presentTicket, type TicketRow } from './presenters.js';
import { checkAssignee, checkTeam, defaultTeamFor, nextRoundRobinAssignee } from './routing.js';
import { authorizeTicket } from './tickets.policy.js';
import {
  addHistory,
  findTicket,
  insertTicket,
  listTickets,
  type TicketSort,
  updateTicketRow,
} from './tickets.repo.js';
import { isStaff } from './tickets.scope.js';

/**
 * What other features do inside a ticket's transaction when it changes (the SLA timers). A port
 * the composition root fills in, so tickets need not know those features.
 */
export interface TicketHooks {
  afterCreate(tx: Executor, ctx: Context, ticket: TicketRow): Promise<HookResult>;
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

/** Who the ticket is for: customers open their own; staff name a requester they can see. */
async function resolveRequester(executor: Executor, ctx: Context, requesterId: string | undefined) {
  if (!isStaff(ctx.actor)) {
    if (requesterId && requesterId !== ctx.actor.userId) {
      throw validationError([{ path: 'body.requesterId', message: 'customers open tickets for themselves' }]);
    }
    return await findUser(executor, ctx.actor, ctx.actor.userId!);
  }
  if (!requesterId)
    throw validationError([{ path: 'body.requesterId', message: 'is required when staff open a ticket' }]);
  const requester = await findUser(executor, ctx.actor, requesterId);
  if (!requester?.active)
    throw validationError([{ path: 'body.requesterId', message: 'is not an active user you can see' }]);
  return requester;
}

type CreateInput = z.infer<typeof createTicket>;

async function routeNewTicket(executor: Executor, ctx: Context, input: CreateInput, organisationId: string) {
  const staff = isStaff(ctx.actor);
  for (const field of ['teamId', 'assigneeId', 'channel'] as const) {
    if (!staff && input[field] !== undefined)
      throw validationError([{ path: `body.${field}`, message: 'is set by the support team' }]);
  }
  const team = input.teamId
    ? await checkTeam(executor, input.teamId, organisationId, 'body.teamId')
    : await defaultTeamFor(executor, organisationId, 'L1');
  const tier: TicketTier = team?.tier ?? 'L1';
  let assigneeId = input.assigneeId ?? null;
  if (assigneeId) await checkAssignee(executor, assigneeId, team?.id ?? null, 'body.assigneeId');
  else if (team?.roundRobin) assigneeId = await nextRoundRobinAssignee(executor, team.id);
  return { teamId: team?.id ?? null, tier, assigneeId };
}

export async function openTicket(deps: TicketDeps, ctx: Context, input: CreateInput) {
  return await deps.db.transaction(async (tx) => {
    const requester = await resolveRequester(tx, ctx, input.requesterId);
    if (!requester) throw notFound('user');
    const routing = await routeNewTicket(tx, ctx, input, requester.organisationId);
    const defaultChannel = isStaff(ctx.actor) ? 'agent' : ctx.actor.kind === 'token' ? 'api' : 'portal';
    const row = await insertTicket(tx, {
      id: uuidv7(ctx.now.getTime()),
      organisationId: requester.organisationId,
      requesterId: requester.id,
      type: input.type,
      status: 'new',
      impact: input.impact,
      urgency: input.urgency,
      priority: await priorityOf(tx, input.impact, input.urgency),
      ...routing,
      subject: input.subject,
      description: input.description,
      tags: [...new Set(input.tags)],
      serviceId: input.serviceId ?? null,
      channel: input.channel ?? defaultChannel,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }).then(async (inserted) => withHookResult(inserted, await deps.hooks?.afterCreate(tx, ctx, inserted)));
    const ticket = present(deps, ctx, row);
    await addHistory(tx, ctx, row.id, 'created', {
      status: 'new',
      priority: row.priority,
      tier: row.tier,
      teamId: row.teamId,
      assigneeId: row.assigneeId,
    });
    await recordAudit(tx, ctx, {
      action: 'ticket.created',
      entityType: 'ticket',
      entityId: row.id,
      organisationId: row.organisationId,
      after: ticket,
    });
    await publishEvent(tx, ctx, {
      type: 'ticket.created',
      aggregateType: 'ticket',
      aggregateId: row.id,
      organisationId: row.organisationId,
      payload: { ticket },
    });
    return ticket;
  });
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
