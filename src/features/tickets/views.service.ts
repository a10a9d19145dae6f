import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { createSavedView, SavedView, updateSavedView } from '../../contracts/ticket-views.js';
import { type TicketFilters, ticketFilters } from '../../contracts/tickets.js';
import type { Db, Executor } from '../../db/client.js';
import { savedViews, teams } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { AppError, forbidden, notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { authorizeTicket } from './tickets.policy.js';
import type { TicketSort } from './tickets.repo.js';
import {
  countForFilters,
  countViewsOf,
  findEditableView,
  isTeamMember,
  listViewRows,
  type SavedViewRow,
} from './views.repo.js';

/**
 * Saved views: named ticket filters with a sort, personal or shared with a team, listed with a
 * live count for whoever looks. Staff only. At most MAX_VIEWS personal views per user and shared
 * views per team.
 */
export const MAX_VIEWS = 50;

export interface ViewDeps {
  db: Db;
}

/** Filters are stored in their query-string form, so a client can put them straight into a URL. */
function queryForm(filters: TicketFilters): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined) form[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return form;
}

function parsedFilters(row: SavedViewRow): TicketFilters | null {
  const parsed = ticketFilters.safeParse(row.filters);
  return parsed.success ? parsed.data : null;
}

function presentView(row: SavedViewRow, count: number | null): SavedView {
  return {
    id: row.id,
    name: row.name,
    ownerId: row.ownerId,
    teamId: row.teamId,
    filters: row.filters as Record<string, string>,
    sort: row.sort as TicketSort,
    position: row.position,
    count,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function withCounts(executor: Executor, ctx: Context, rows: SavedViewRow[]) {
  const counts = await countForFilters(executor, ctx.actor, rows.map(parsedFilters), ctx.now);
  return rows.map((row, index) => presentView(row, counts[index] ?? null));
}

export async function listViews(deps: ViewDeps, ctx: Context, query: { teamId?: string }) {
  authorizeTicket(ctx.actor, 'ticket.views');
  if (query.teamId) await checkTeamAccess(deps.db, ctx, query.teamId, 'query.teamId');
  const rows = await listViewRows(deps.db, ctx.actor, query.teamId);
  return { items: await withCounts(deps.db, ctx, rows) };
}

/** Team views are listed, made and changed by the team's members, or an admin. */
async function checkTeamAccess(tx: Executor, ctx: Context, teamId: string, field = 'body.teamId') {
  const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).limit(1);
  if (!team) throw validationError([{ path: field, message: 'is not a team' }]);
  if (ctx.actor.role !== 'admin' && !(await isTeamMember(tx, teamId, ctx.actor.userId)))
    throw forbidden(
      'views.not_team_member',
      'only members of the team (or an admin) may share views with it',
    );
}

async function checkRoom(tx: Executor, owner: { ownerId: string } | { teamId: string }) {
  if ((await countViewsOf(tx, owner)) >= MAX_VIEWS)
    throw new AppError(
      'unprocessable',
      'views.limit_reached',
      `at most ${MAX_VIEWS} views each (per user, and shared per team); delete one first`,
      { limit: MAX_VIEWS },
    );
}

/** Where a view lives: shared with a team, or the caller's own. */
async function placeView(tx: Executor, ctx: Context, teamId: string | null) {
  if (teamId) {
    await checkTeamAccess(tx, ctx, teamId);
    await checkRoom(tx, { teamId });
    return { ownerId: null, teamId };
  }
  await checkRoom(tx, { ownerId: ctx.actor.userId! });
  return { ownerId: ctx.actor.userId!, teamId: null };
}

/** The audit trail records views as stored, without the caller-specific count. */
async function audit(
  tx: Executor,
  ctx: Context,
  action: 'created' | 'updated' | 'deleted',
  before: SavedViewRow | null,
  after: SavedViewRow | null,
) {
  const stored = (row: SavedViewRow | null) => {
    if (!row) return null;
    const { count: _count, ...view } = presentView(row, null);
    return view;
  };
  await recordAudit(tx, ctx, {
    action: `saved_view.${action}`,
    entityType: 'saved_view',
    entityId: (after ?? before)!.id,
    before: stored(before),
    after: stored(after),
  });
}

export async function createView(deps: ViewDeps, ctx: Context, input: z.infer<typeof createSavedView>) {
  authorizeTicket(ctx.actor, 'ticket.views');
  return await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(savedViews)
      .values({
        id: uuidv7(ctx.now.getTime()),
        name: input.name,
        ...(await placeView(tx, ctx, input.teamId)),
        filters: queryForm(input.filters),
        sort: input.sort,
        position: input.position,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    const [view] = await withCounts(tx, ctx, [row!]);
    await audit(tx, ctx, 'created', null, row!);
    return view!;
  });
}

export async function changeView(
  deps: ViewDeps,
  ctx: Context,
  id: string,
  input: z.infer<typeof updateSavedView>,
) {
  authorizeTicket(ctx.actor, 'ticket.views');
  return await deps.db.transaction(async (tx) => {
    const before = await findEditableView(tx, ctx.actor, id);
    if (!before) throw notFound('saved_view');
    const moving = input.teamId !== undefined && input.teamId !== before.teamId;
    const [row] = await tx
      .update(savedViews)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.filters !== undefined ? { filters: queryForm(input.filters) } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        ...(input.position !== undefined ? { position: input.position } : {}),
        ...(moving ? await placeView(tx, ctx, input.teamId ?? null) : {}),
        updatedAt: ctx.now,
      })
      .where(eq(savedViews.id, before.id))
      .returning();
    const [view] = await withCounts(tx, ctx, [row!]);
    await audit(tx, ctx, 'updated', before, row!);
    return view!;
  });
}

export async function deleteView(deps: ViewDeps, ctx: Context, id: string): Promise<void> {
  authorizeTicket(ctx.actor, 'ticket.views');
  await deps.db.transaction(async (tx) => {
    const before = await findEditableView(tx, ctx.actor, id);
    if (!before) throw notFound('saved_view');
    await tx.delete(savedViews).where(eq(savedViews.id, before.id));
    await audit(tx, ctx, 'deleted', before, null);
  });
}
