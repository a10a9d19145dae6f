import { and, asc, eq, type SQLWrapper, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { createTicket } from '../../contracts/tickets.js';
import type { Priority } from '../../core/tickets/index.js';
import { afterCommit, type Executor } from '../../db/client.js';
import { type NamedWrite, writeCombined } from '../../db/combine.js';
import {
  priorityMatrix,
  services,
  teamMembers,
  teamServedOrganisations,
  teams,
  tickets,
  users,
} from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { auditInsert } from '../audit/index.js';
import { userVisibility } from '../directory/index.js';
import { eventInsert, eventsCommitted } from '../outbox/index.js';
import type { TicketRow } from './presenters.js';
import { nextRoundRobinAssignee } from './routing.js';
import { historyInsert } from './tickets.repo.js';
import { isStaff } from './tickets.scope.js';
import { type CreateWrites, present, type TicketDeps } from './tickets.service.js';

type CreateInput = z.infer<typeof createTicket>;

/**
 * Opening a ticket costs two round trips, not the eighteen it took statement by statement: one
 * read (requester, team, assignee checks, service, priority, the ticket's number, and which SLA
 * policy version applies — its rows are read only when this process has not seen that version),
 * and ONE statement that writes the ticket with its SLA row, timeline and timers, history, audit
 * entry and outbox event (db/combine.ts; atomic without a transaction). Then the event is
 * announced, the dispatcher woken and the first SLA check queued (shared by concurrent requests). A team with round robin runs it all in a transaction instead, holding its
 * cursor row until the ticket commits, so concurrent tickets get different members.
 */
export async function openTicket(deps: TicketDeps, ctx: Context, input: CreateInput) {
  checkCaller(ctx, input);
  const facts = await newTicketFacts(deps, ctx, input);
  const prepared = await deps.hooks?.prepareCreate(deps.db, facts.organisationId, facts.hookFacts);
  const create = async (executor: Executor) => {
    const assigneeId =
      input.assigneeId ??
      (facts.team?.roundRobin ? await nextRoundRobinAssignee(executor, facts.team.id) : null);
    const row = newTicketRow(ctx, input, facts, assigneeId);
    const sla = prepared?.(row, ctx.now);
    const ticketRow = sla ? { ...row, slaDueAt: sla.slaDueAt } : row;
    const ticket = present(deps, ctx, ticketRow);
    const written = await writeCombined<{ eventId: number }>(executor, {
      writes: [...ticketWrites(executor, ctx, ticketRow, ticket), ...(sla?.writes ?? [])],
      select: { eventId: sql`select id from event` },
    });
    const afterSla = sla?.afterCommit;
    await Promise.all([
      eventsCommitted(executor, [Number(written.eventId)]),
      afterSla ? afterCommit(executor, afterSla) : undefined,
    ]);
    return ticket;
  };
  return facts.team?.roundRobin && !input.assigneeId
    ? await deps.db.transaction(async (tx) => create(tx))
    : await create(deps.db);
}

/** What the API says without asking the database, in the order it always said it. */
function checkCaller(ctx: Context, input: CreateInput): void {
  if (isStaff(ctx.actor)) {
    if (!input.requesterId)
      throw validationError([{ path: 'body.requesterId', message: 'is required when staff open a ticket' }]);
    return;
  }
  if (input.requesterId && input.requesterId !== ctx.actor.userId)
    throw validationError([{ path: 'body.requesterId', message: 'customers open tickets for themselves' }]);
  for (const field of ['teamId', 'assigneeId', 'channel'] as const) {
    if (input[field] !== undefined)
      throw validationError([{ path: `body.${field}`, message: 'is set by the support team' }]);
  }
}

interface NewTicketFacts {
  requesterId: string;
  organisationId: string;
  team: { id: string; tier: TicketRow['tier']; roundRobin: boolean } | null;
  priority: Priority;
  number: number;
  /** What the hooks' createFacts selected. */
  hookFacts: unknown;
}

/**
 * Everything a new ticket needs from the database, in one query: the requester (whom the caller
 * can see; staff need an active one), the team (the one named, if active and serving the
 * requester's organisation; else the first L1 team serving it), whether the named assignee is
 * active staff in that team, the priority of impact × urgency, and — only when all of that holds —
 * the ticket's number (so a refused ticket takes none).
 */
async function newTicketFacts(deps: TicketDeps, ctx: Context, input: CreateInput): Promise<NewTicketFacts> {
  const executor = deps.db;
  const staff = isStaff(ctx.actor);
  const requesterId = staff ? input.requesterId! : ctx.actor.userId!;
  const team = executor
    .select({ id: teams.id, tier: teams.tier, roundRobin: teams.roundRobin })
    .from(teams)
    .innerJoin(
      teamServedOrganisations,
      and(
        eq(teamServedOrganisations.teamId, teams.id),
        eq(teamServedOrganisations.organisationId, users.organisationId),
      ),
    )
    .where(and(input.teamId ? eq(teams.id, input.teamId) : eq(teams.tier, 'L1'), eq(teams.active, true)))
    .orderBy(asc(sql`lower(${teams.name})`))
    .limit(1)
    .as('team');
  const checks = assigneeChecks(input.assigneeId, team.id);
  // A service named must be one of the requester's organisation (tickets.service_id is a foreign key).
  const serviceOk = input.serviceId
    ? sql<boolean>`exists (select 1 from ${services} s where s.id = ${input.serviceId}
      and s.organisation_id = ${users.organisationId})`
    : null;
  const valid = and(
    staff ? eq(users.active, true) : undefined,
    input.teamId ? sql`${team.id} is not null` : undefined,
    checks?.staff,
    checks?.member,
    serviceOk ?? undefined,
  );
  const [row] = await executor
    .select({
      requester: { id: users.id, organisationId: users.organisationId, active: users.active },
      team: { id: team.id, tier: team.tier, roundRobin: team.roundRobin },
      assigneeStaff: checks ? checks.staff : sql<boolean>`true`,
      assigneeMember: checks ? checks.member : sql<boolean>`true`,
      serviceOk: serviceOk ?? sql<boolean>`true`,
      priority: sql<Priority>`coalesce((select ${priorityMatrix.priority} from ${priorityMatrix}
        where ${priorityMatrix.impact} = ${input.impact} and ${priorityMatrix.urgency} = ${input.urgency}), 'P3')`,
      number: sql<number | null>`case when ${valid ?? sql`true`} then nextval('ticket_numbers') end`,
      hookFacts: deps.hooks ? deps.hooks.createFacts(users.organisationId) : sql`null`,
    })
    .from(users)
    .leftJoinLateral(team, sql`true`)
    .where(and(eq(users.id, requesterId), userVisibility(ctx.actor)));
  if (!row) {
    if (!staff) throw notFound('user');
    throw validationError([{ path: 'body.requesterId', message: 'is not an active user you can see' }]);
  }
  if (staff && !row.requester.active)
    throw validationError([{ path: 'body.requesterId', message: 'is not an active user you can see' }]);
  if (input.teamId && !row.team)
    throw validationError([
      { path: 'body.teamId', message: 'is not an active team serving this organisation' },
    ]);
  if (!row.assigneeStaff)
    throw validationError([{ path: 'body.assigneeId', message: 'is not an active staff user' }]);
  if (!row.assigneeMember)
    throw validationError([{ path: 'body.assigneeId', message: "is not a member of the ticket's team" }]);
  if (!row.serviceOk)
    throw validationError([
      { path: 'body.serviceId', message: "is not a service of the requester's organisation" },
    ]);
  return {
    requesterId: row.requester.id,
    organisationId: row.requester.organisationId,
    team: row.team,
    priority: row.priority,
    number: Number(row.number),
    hookFacts: row.hookFacts,
  };
}

/** An assignee is active staff; when the ticket has a team, a member of it. */
function assigneeChecks(assigneeId: string | undefined, teamId: SQLWrapper) {
  if (!assigneeId) return null;
  const staff = sql<boolean>`exists (select 1 from ${users} a where a.id = ${assigneeId} and a.active
    and a.role in ('admin', 'service_manager', 'agent'))`;
  const member = sql<boolean>`(${teamId} is null or exists (select 1 from ${teamMembers} m
    where m.team_id = ${teamId} and m.user_id = ${assigneeId}))`;
  return { staff, member };
}

function newTicketRow(
  ctx: Context,
  input: CreateInput,
  facts: NewTicketFacts,
  assigneeId: string | null,
): TicketRow {
  const defaultChannel = isStaff(ctx.actor) ? 'agent' : ctx.actor.kind === 'token' ? 'api' : 'portal';
  // Every column as the INSERT leaves it (the defaults of the schema), so no need to read it back.
  return {
    id: uuidv7(ctx.now.getTime()),
    number: facts.number,
    organisationId: facts.organisationId,
    requesterId: facts.requesterId,
    type: input.type,
    status: 'new',
    impact: input.impact,
    urgency: input.urgency,
    priority: facts.priority,
    tier: facts.team?.tier ?? 'L1',
    teamId: facts.team?.id ?? null,
    assigneeId,
    subject: input.subject,
    description: input.description,
    tags: [...new Set(input.tags)],
    serviceId: input.serviceId ?? null,
    channel: input.channel ?? defaultChannel,
    version: 1,
    reopenCount: 0,
    escalationCount: 0,
    publicReplyCount: 0,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    mergedIntoId: null,
    slaDueAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    search: null,
  };
}

/** The ticket, its 'created' history entry, audit entry and event (named `event`), as writes. */
function ticketWrites(
  executor: Executor,
  ctx: Context,
  row: TicketRow,
  ticket: ReturnType<typeof present>,
): CreateWrites['writes'] {
  const { search: _generated, ...columns } = row;
  const event: NamedWrite = {
    as: 'event',
    write: sql`${eventInsert(ctx, {
      type: 'ticket.created',
      aggregateType: 'ticket',
      aggregateId: row.id,
      organisationId: row.organisationId,
      payload: { ticket },
    })} returning id`,
  };
  return [
    executor.insert(tickets).values(columns).getSQL(),
    historyInsert(executor, ctx, row.id, 'created', {
      status: 'new',
      priority: row.priority,
      tier: row.tier,
      teamId: row.teamId,
      assigneeId: row.assigneeId,
    }),
    auditInsert(executor, ctx, {
      action: 'ticket.created',
      entityType: 'ticket',
      entityId: row.id,
      organisationId: row.organisationId,
      after: ticket,
    }),
    event,
  ];
}
