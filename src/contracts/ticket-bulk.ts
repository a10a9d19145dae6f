import { z } from 'zod';
import { errorBody, id, tier } from './common.js';
import { tag, ticket, ticketStatus } from './tickets.js';

export const BULK_MAX_TICKETS = 200;

export const bulkChanges = z
  .strictObject({
    status: ticketStatus.optional().describe('a transition; already in that status counts as done'),
    assigneeId: id.nullable().optional().describe('null unassigns'),
    teamId: id
      .optional()
      .describe(
        'the queue (with tier: a team of that tier); without assigneeId the ticket is left unassigned',
      ),
    addTags: z.array(tag).max(30).optional(),
    removeTags: z.array(tag).max(30).optional(),
    tier: tier.optional().describe('escalate or de-escalate to this tier (needs a reason)'),
  })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), {
    message: 'name at least one change',
  });

export const bulkUpdate = z
  .strictObject({
    ticketIds: z
      .array(z.string().trim().min(1).max(64))
      .min(1)
      .max(BULK_MAX_TICKETS)
      .describe('ticket ids or numbers (T-10234)'),
    changes: bulkChanges,
    reason: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .describe('why: recorded with transitions; required for a tier change'),
  })
  .refine((body) => body.changes.tier === undefined || body.reason !== undefined, {
    message: 'say why the tier changes',
    path: ['reason'],
  });

export const bulkItemResult = z.discriminatedUnion('ok', [
  z.object({ ref: z.string().describe('the ticket as given'), ok: z.literal(true), ticket }),
  z.object({ ref: z.string(), ok: z.literal(false), error: errorBody.shape.error }),
]);
export type BulkItemResult = z.infer<typeof bulkItemResult>;

export const bulkUpdateResult = z.object({
  results: z.array(bulkItemResult).describe('one per ticket, in the order given'),
});
