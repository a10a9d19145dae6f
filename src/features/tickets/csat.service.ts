import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CsatRating, rateTicket } from '../../contracts/ticket-csat.js';
import type { Executor } from '../../db/client.js';
import { csatRatings, ticketHistory } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { AppError, conflict, forbidden } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';
import type { TicketRow } from './presenters.js';
import { addHistory } from './tickets.repo.js';
import { loadTicket, present, type TicketDeps } from './tickets.service.js';

type RatingRow = typeof csatRatings.$inferSelect;

function presentRating(row: RatingRow): CsatRating {
  return {
    id: row.id,
    ticketId: row.ticketId,
    resolution: row.resolution,
    score: row.score,
    comment: row.comment,
    ratedBy: row.ratedBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The resolution a rating is for: how many times the ticket has been resolved (status history,
 * `to = resolved`), provided it is still in that resolution — resolved now, or closed straight from
 * resolved. A ticket withdrawn (closed without a resolution) has nothing to rate.
 */
async function currentResolution(executor: Executor, row: TicketRow): Promise<number> {
  const [found] = await executor
    .select({
      resolutions: sql<number>`count(*) filter (where ${ticketHistory.data}->>'to' = 'resolved')::int`,
      lastFrom: sql<
        string | null
      >`(array_agg(${ticketHistory.data}->>'from' order by ${ticketHistory.id} desc))[1]`,
    })
    .from(ticketHistory)
    .where(and(eq(ticketHistory.ticketId, row.id), eq(ticketHistory.kind, 'status')));
  const resolutions = found?.resolutions ?? 0;
  const inResolution =
    row.status === 'resolved' || (row.status === 'closed' && found?.lastFrom === 'resolved');
  if (!inResolution || resolutions === 0)
    throw new AppError(
      'unprocessable',
      'tickets.not_resolved',
      'only a resolved ticket (or one closed after its resolution) can be rated',
      { status: row.status },
    );
  return resolutions;
}

export async function rateResolution(
  deps: TicketDeps,
  ctx: Context,
  ref: string,
  input: z.infer<typeof rateTicket>,
) {
  return await deps.db.transaction(async (tx) => {
    // Locked, so a rating and a reopen of the same ticket never interleave.
    const row = await loadTicket(tx, ctx, ref, true);
    if (!ctx.actor.userId || ctx.actor.userId !== row.requesterId)
      throw forbidden('tickets.not_requester', 'only the requester of a ticket may rate it');
    const resolution = await currentResolution(tx, row);
    const [inserted] = await tx
      .insert(csatRatings)
      .values({
        id: uuidv7(ctx.now.getTime()),
        ticketId: row.id,
        resolution,
        score: input.score,
        comment: input.comment,
        ratedBy: ctx.actor.userId,
        createdAt: ctx.now,
      })
      .onConflictDoNothing({ target: [csatRatings.ticketId, csatRatings.resolution] })
      .returning();
    if (!inserted)
      throw conflict('tickets.already_rated', 'this resolution of the ticket has already been rated', {
        resolution,
      });
    const rating = presentRating(inserted);
    await addHistory(tx, ctx, row.id, 'rated', { resolution, score: rating.score, comment: rating.comment });
    await recordAudit(tx, ctx, {
      action: 'ticket.rated',
      entityType: 'ticket',
      entityId: row.id,
      organisationId: row.organisationId,
      after: rating,
    });
    await publishEvent(tx, ctx, {
      type: 'ticket.rated',
      aggregateType: 'ticket',
      aggregateId: row.id,
      organisationId: row.organisationId,
      payload: { ticket: present(deps, ctx, row), rating },
    });
    return rating;
  });
}

/** Every rating of a ticket the caller can see, by resolution. */
export async function listRatings(deps: TicketDeps, ctx: Context, ref: string) {
  const row = await loadTicket(deps.db, ctx, ref);
  const rows = await deps.db
    .select()
    .from(csatRatings)
    .where(eq(csatRatings.ticketId, row.id))
    .orderBy(asc(csatRatings.resolution));
  return { items: rows.map(presentRating) };
}
