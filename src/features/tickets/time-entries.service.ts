import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { createTimeEntry, TimeEntry, updateTimeEntry } from '../../contracts/ticket-time-entries.js';
import type { Executor } from '../../db/client.js';
import { timeEntries } from '../../db/schema/index.js';
import type { Actor, Context } from '../../platform/actor.js';
import { forbidden, notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { authorizeTicket } from './tickets.policy.js';
import { addHistory } from './tickets.repo.js';
import { loadTicket, type TicketDeps } from './tickets.service.js';
import {
  findVisibleTimeEntry,
  listTimeEntryRows,
  type TimeEntryRow,
  timeTotals,
} from './time-entries.repo.js';

/**
 * Time entries: staff log minutes on tickets they can see; only the author (or an admin) changes
 * or deletes an entry. Customer managers read the billable entries of their organisation's tickets
 * (hour-bucket transparency); requesters see no time at all.
 */
function presentTimeEntry(row: TimeEntryRow): TimeEntry {
  return {
    id: row.id,
    ticketId: row.ticketId,
    userId: row.userId,
    minutes: row.minutes,
    billable: row.billable,
    activity: row.activity as TimeEntry['activity'],
    note: row.note,
    spentOn: row.spentOn,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Which entries a role reads: staff all, customer managers the billable ones, requesters none. */
function readableEntries(actor: Actor): 'all' | 'billable' {
  if (actor.role === 'customer_manager') return 'billable';
  authorizeTicket(actor, 'ticket.time');
  return 'all';
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/** Work is logged for today or the past; a day ahead is tolerated for time zones east of UTC. */
function checkSpentOn(spentOn: string, now: Date): void {
  const latest = today(new Date(now.getTime() + 86_400_000));
  if (spentOn > latest) throw validationError([{ path: 'body.spentOn', message: 'is in the future' }]);
}

export async function listTimeEntries(
  deps: TicketDeps,
  ctx: Context,
  ref: string,
  options: { limit: number; cursor?: string },
) {
  const ticket = await loadTicket(deps.db, ctx, ref);
  const billableOnly = readableEntries(ctx.actor) === 'billable';
  const page = await listTimeEntryRows(deps.db, ticket.id, billableOnly, options);
  return {
    items: page.items.map(presentTimeEntry),
    nextCursor: page.nextCursor,
    ...(await timeTotals(deps.db, ticket.id, billableOnly)),
  };
}

export async function logTime(
  deps: TicketDeps,
  ctx: Context,
  ref: string,
  input: z.infer<typeof createTimeEntry>,
) {
  return await deps.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, ctx, ref);
    authorizeTicket(ctx.actor, 'ticket.time');
    const spentOn = input.spentOn ?? today(ctx.now);
    checkSpentOn(spentOn, ctx.now);
    const [row] = await tx
      .insert(timeEntries)
      .values({
        id: uuidv7(ctx.now.getTime()),
        ticketId: ticket.id,
        userId: ctx.actor.userId!,
        minutes: input.minutes,
        billable: input.billable,
        activity: input.activity,
        note: input.note,
        spentOn,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    const entry = presentTimeEntry(row!);
    await record(tx, ctx, ticket.organisationId, 'created', { before: null, after: entry });
    return entry;
  });
}

/** An entry the actor can see and may change: the author's own, or any for an admin. */
async function loadOwnEntry(tx: Executor, ctx: Context, id: string) {
  const found = await findVisibleTimeEntry(tx, ctx.actor, id, true);
  if (!found) throw notFound('time_entry');
  authorizeTicket(ctx.actor, 'ticket.time');
  if (found.entry.userId !== ctx.actor.userId && ctx.actor.role !== 'admin')
    throw forbidden('time_entries.not_author', 'only the author of a time entry (or an admin) may change it');
  return found;
}

export async function changeTimeEntry(
  deps: TicketDeps,
  ctx: Context,
  id: string,
  input: z.infer<typeof updateTimeEntry>,
) {
  return await deps.db.transaction(async (tx) => {
    const { entry, organisationId } = await loadOwnEntry(tx, ctx, id);
    if (input.spentOn) checkSpentOn(input.spentOn, ctx.now);
    const before = presentTimeEntry(entry);
    const changed = Object.entries(input).some(
      ([field, value]) => value !== undefined && before[field as keyof TimeEntry] !== value,
    );
    if (!changed) return before;
    const [row] = await tx
      .update(timeEntries)
      .set({ ...input, updatedAt: ctx.now })
      .where(eq(timeEntries.id, entry.id))
      .returning();
    const after = presentTimeEntry(row!);
    await record(tx, ctx, organisationId, 'updated', { before, after });
    return after;
  });
}

export async function deleteTimeEntry(deps: TicketDeps, ctx: Context, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { entry, organisationId } = await loadOwnEntry(tx, ctx, id);
    await tx.delete(timeEntries).where(eq(timeEntries.id, entry.id));
    await record(tx, ctx, organisationId, 'deleted', { before: presentTimeEntry(entry), after: null });
  });
}

/** Internal history on the ticket (requesters never see time) and an audit entry. */
async function record(
  tx: Executor,
  ctx: Context,
  organisationId: string,
  action: 'created' | 'updated' | 'deleted',
  change: { before: TimeEntry | null; after: TimeEntry | null },
) {
  const entry = (change.after ?? change.before)!;
  const summary = (value: TimeEntry | null) =>
    value && {
      minutes: value.minutes,
      billable: value.billable,
      activity: value.activity,
      spentOn: value.spentOn,
    };
  await addHistory(
    tx,
    ctx,
    entry.ticketId,
    'time_entry',
    {
      action,
      entryId: entry.id,
      userId: entry.userId,
      before: summary(change.before),
      after: summary(change.after),
    },
    true,
  );
  await recordAudit(tx, ctx, {
    action: `time_entry.${action}`,
    entityType: 'time_entry',
    entityId: entry.id,
    organisationId,
    before: change.before,
    after: change.after,
  });
}
