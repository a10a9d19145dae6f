import type { z } from 'zod';
import type { linkChange } from '../../contracts/changes.js';
import type { Context } from '../../platform/actor.js';
import { notFound, validationError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';
import { loadTicket } from '../tickets/index.js';
import { authorizeChange } from './changes.policy.js';
import { loadChange } from './changes.service.js';
import { changeDetail } from './detail.service.js';
import { deleteLink, insertLink } from './links.repo.js';
import type { ChangeDeps } from './ports.js';

/**
 * Tickets behind a change: the incident or request that raised it (DOMAIN.md: a ticket raises a
 * change), the problem it fixes, or just related. Only tickets of the change's organisation, so a
 * link never shows one customer another's ticket.
 */
export async function linkTicket(
  deps: ChangeDeps,
  ctx: Context,
  ref: string,
  input: z.infer<typeof linkChange>,
) {
  return await deps.db.transaction(async (tx) => {
    const change = await loadChange(tx, ctx, ref, true);
    authorizeChange(ctx.actor, 'change.write');
    const ticket = await loadTicket(tx, ctx, input.ticket);
    if (ticket.organisationId !== change.organisationId)
      throw validationError([
        { path: 'body.ticket', message: 'belongs to another organisation than the change' },
      ]);
    const added = await insertLink(tx, {
      changeId: change.id,
      ticketId: ticket.id,
      kind: input.kind,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    if (added) await linkEvent(tx, ctx, 'change.linked', change, ticket.id, input.kind);
    return await changeDetail(deps, tx, ctx, change);
  });
}

export async function unlinkTicket(deps: ChangeDeps, ctx: Context, ref: string, ticketId: string) {
  return await deps.db.transaction(async (tx) => {
    const change = await loadChange(tx, ctx, ref, true);
    authorizeChange(ctx.actor, 'change.write');
    if (!(await deleteLink(tx, change.id, ticketId))) throw notFound('change_link');
    await linkEvent(tx, ctx, 'change.unlinked', change, ticketId, null);
    return await changeDetail(deps, tx, ctx, change);
  });
}

async function linkEvent(
  tx: Parameters<typeof recordAudit>[0],
  ctx: Context,
  type: 'change.linked' | 'change.unlinked',
  change: { id: string; organisationId: string },
  ticketId: string,
  kind: string | null,
) {
  await recordAudit(tx, ctx, {
    action: type,
    entityType: 'change',
    entityId: change.id,
    organisationId: change.organisationId,
    after: { ticketId, kind },
  });
  await publishEvent(tx, ctx, {
    type,
    aggregateType: 'change',
    aggregateId: change.id,
    organisationId: change.organisationId,
    payload: { changeId: change.id, ticketId, kind },
  });
}
