import { and, eq, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { assignTicket, escalateTicket } from '../../contracts/tickets.js';
import {
  deEscalationTarget,
  escalationTarget,
  type TicketStatus,
  type TicketTier,
  transitionKind,
} from '../../core/tickets/index.js';
import type { Executor } from '../../db/client.js';
import { tickets } from '../../db/schema/index.js';
import { type Context, SYSTEM_ACTOR } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';
import { type TicketRow, transitionsFor } from './presenters.js';
import { checkAssignee, checkTeam, defaultTeamFor, nextRoundRobinAssignee } from './routing.js';
import { authorizeTicket } from './tickets.policy.js';
import { addHistory, updateTicketRow } from './tickets.repo.js';
import { loadTicket, present, type TicketDeps, withHookResult } from './tickets.service.js';

const EVENT_BY_KIND = {
  reopen: 'ticket.reopened',
  resolve: 'ticket.resolved',
  close: 'ticket.closed',
} as const;

function statusChanges(row: TicketRow, to: TicketStatus, now: Date): Partial<TicketRow> {
  const kind = transitionKind(row.status, to);
  return {
    status: to,
    updatedAt: now,
    ...(kind === 'resolve' ? { resolvedAt: now } : {}),
    ...(kind === 'reopen' ? { resolvedAt: null, reopenCount: row.reopenCount + 1 } : {}),
    ...(kind === 'close' ? { closedAt: now } : {}),
  };
}

/**
 * Move a locked ticket to another status, recording who, when and why; the shared step of
 * explicit transitions, requester replies that reopen, merges and the automatic close.
 */
export async function applyTransition(
  tx: Executor,
  deps: TicketDeps,
  ctx: Context,
  row: TicketRow,
  to: TicketStatus,
  reason: string | null,
) {
  const allowed = transitionsFor(ctx.actor, row, ctx.now, deps.closeGraceDays);
  if (!allowed.includes(to)) {
    throw new AppError(
      'unprocessable',
      'tickets.invalid_transition',
      `a ${row.status} ticket cannot move to ${to}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`,
      {
        from: row.status,
        to,
        allowed,
      },
    );
  }
  const kind = transitionKind(row.status, to);
  const updated = (await updateTicketRow(tx, row.id, null, statusChanges(row, to, ctx.now)))!;
  const after = withHookResult(updated, await deps.hooks?.afterStatusChange(tx, ctx, row, updated, reason));
  const ticket = present(deps, ctx, after);
  await addHistory(tx, ctx, row.id, 'status', { from: row.status, to, kind, reason });
  await recordAudit(tx, ctx, {
    action: 'ticket.status_changed',
    entityType: 'ticket',
    entityId: row.id,
    organisationId: row.organisationId,
    before: { status: row.status },
    after: { status: to, reason },
  });
  const type = kind in EVENT_BY_KIND ? EVENT_BY_KIND[kind as keyof typeof EVENT_BY_KIND] : 'ticket.updated';
  await publishEvent(tx, ctx, {
    type,
    aggregateType: 'ticket',
    aggregateId: row.id,
    organisationId: row.organisationId,
    payload: { ticket, from: row.status, to, reason },
  });
  return { after, ticket };
}

export async function transition(
  deps: TicketDeps,
  ctx: Context,
  ref: string,
  to: TicketStatus,
  reason: string | null,
) {
  return await deps.db.transaction(async (tx) => {
    const row = await loadTicket(tx, ctx, ref, true);
    return (await applyTransition(tx, deps, ctx, row, to, reason)).ticket;
  });
}

function tierProblem(result: TicketTier | string, direction: 'up' | 'down'): TicketTier {
  const messages: Record<string, string> = {
    already_top: 'the ticket is already at the highest tier (L4)',
    already_bottom: 'the ticket is already at the lowest tier (L1)',
    not_higher: 'escalation must move to a higher tier',
    not_lower: 'de-escalation must move to a lower tier',
  };
  if (result in messages)
    throw new AppError(
      'unprocessable',
      `tickets.cannot_${direction === 'up' ? 'escalate' : 'de_escalate'}`,
      messages[result]!,
    );
  return result as TicketTier;
}

async function teamAtTier(tx: Executor, row: TicketRow, tier: TicketTier, teamId: string | undefined) {
  if (teamId) {
    const team = await checkTeam(tx, teamId, row.organisationId, 'body.teamId');
    if (team.tier !== tier)
      throw new AppError(
        'validation',
        'validation_failed',
        `body.teamId: is an ${team.tier} team, not ${tier}`,
        { fields: [{ path: 'body.teamId', message: `is an ${team.tier} team, not ${tier}` }] },
      );
    return team;
  }
  const team = await defaultTeamFor(tx, row.organisationId, tier);
  if (!team)
    throw new AppError(
      'unprocessable',
      'tickets.no_team_for_tier',
      `no active ${tier} team serves this organisation; create one or name a team`,
      { tier },
    );
  return team;
}

/** Move up (or down) a tier with a reason, into a team of that tier; the assignee is cleared. */
export async function moveTier(
  deps: TicketDeps,
  ctx: Context,
  ref: string,
  direction: 'up' | 'down',
  input: z.infer<typeof escalateTicket>,
) {
  return await deps.db.transaction(async (tx) => {
    const row = await loadTicket(tx, ctx, ref, true);
    authorizeTicket(ctx.actor, 'ticket.escalate');
    return await moveTierOf(tx, deps, ctx, row, direction, input);
  });
}

/** The tier move on a locked row, in the caller's transaction (also used by the SLA escalation matrix). */
export async function moveTierOf(
  tx: Executor,
  deps: TicketDeps,
  ctx: Context,
  row: TicketRow,
  direction: 'up' | 'down',
  input: z.infer<typeof escalateTicket>,
) {
  if (row.status === 'closed')
    throw new AppError('unprocessable', 'tickets.closed', 'a closed ticket cannot change tier');
  const tier = tierProblem(
    direction === 'up' ? escalationTarget(row.tier, input.tier) : deEscalationTarget(row.tier, input.tier),
    direction,
  );
  const team = await teamAtTier(tx, row, tier, input.teamId);
  const assigneeId = team.roundRobin ? await nextRoundRobinAssignee(tx, team.id) : null;
  const after = (await updateTicketRow(tx, row.id, null, {
    tier,
    teamId: team.id,
    assigneeId,
    updatedAt: ctx.now,
    ...(direction === 'up' ? { escalationCount: row.escalationCount + 1 } : {}),
  }))!;
  const ticket = present(deps, ctx, after);
  const entry = {
    fromTier: row.tier,
    toTier: tier,
    fromTeamId: row.teamId,
    toTeamId: team.id,
    reason: input.reason,
  };
  await addHistory(tx, ctx, row.id, direction === 'up' ? 'escalated' : 'de_escalated', entry);
  await recordAudit(tx, ctx, {
    action: direction === 'up' ? 'ticket.escalated' : 'ticket.de_escalated',
    entityType: 'ticket',
    entityId: row.id,
    organisationId: row.organisationId,
    after: entry,
  });
  await publishEvent(tx, ctx, {
    type: 'ticket.escalated',
    aggregateType: 'ticket',
    aggregateId: row.id,
    organisationId: row.organisationId,
    payload: { ticket, direction, ...entry },
  });
  return ticket;
}

/** Assign (or unassign) within the ticket's tier; another tier is an escalation. */
export async function assign(
  deps: TicketDeps,
  ctx: Context,
  ref: string,
  input: z.infer<typeof assignTicket>,
) {
  return await deps.db.transaction(async (tx) => {
    const row = await loadTicket(tx, ctx, ref, true);
    authorizeTicket(ctx.actor, 'ticket.assign');
    let teamId = row.teamId;
    if (input.teamId) {
      const team = await checkTeam(tx, input.teamId, row.organisationId, 'body.teamId');
      if (team.tier !== row.tier)
        throw new AppError(
          'unprocessable',
          'tickets.use_escalation',
          `the team is ${team.tier} and the ticket ${row.tier}: escalate or de-escalate instead`,
        );
      teamId = team.id;
    }
    if (input.assigneeId) await checkAssignee(tx, input.assigneeId, teamId, 'body.assigneeId');
    const after = (await updateTicketRow(tx, row.id, null, {
      teamId,
      assigneeId: input.assigneeId,
      updatedAt: ctx.now,
    }))!;
    const ticket = present(deps, ctx, after);
    const entry = {
      fromAssigneeId: row.assigneeId,
      toAssigneeId: input.assigneeId,
      fromTeamId: row.teamId,
      toTeamId: teamId,
    };
    await addHistory(tx, ctx, row.id, 'assigned', entry);
    await recordAudit(tx, ctx, {
      action: 'ticket.assigned',
      entityType: 'ticket',
      entityId: row.id,
      organisationId: row.organisationId,
      after: entry,
    });
    await publishEvent(tx, ctx, {
      type: 'ticket.updated',
      aggregateType: 'ticket',
      aggregateId: row.id,
      organisationId: row.organisationId,
      payload: { ticket, assignment: entry },
    });
    return ticket;
  });
}

/** Scheduled: resolved tickets past the grace period close for good (a batch per run). */
export async function closeExpiredResolutions(deps: TicketDeps, now: Date, batch = 500): Promise<number> {
  const ctx: Context = { actor: SYSTEM_ACTOR, requestId: null, now };
  const cutoff = new Date(now.getTime() - deps.closeGraceDays * 86_400_000);
  return await deps.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(tickets)
      .where(and(eq(tickets.status, 'resolved'), lt(tickets.resolvedAt, cutoff)))
      .orderBy(sql`${tickets.resolvedAt}`)
      .limit(batch)
      .for('update', { skipLocked: true });
    for (const row of due) await applyTransition(tx, deps, ctx, row, 'closed', 'grace period ended');
    return due.length;
  });
}
