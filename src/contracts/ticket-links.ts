import { z } from 'zod';
import { id, instant, page } from './common.js';
import { ticket, ticketStatus, ticketType } from './tickets.js';

/**
 * How this ticket relates to the other, as the caller asks for it: `child_of` is stored as the
 * other's `parent_of`; `caused_by` goes from an incident to the problem behind it.
 */
export const newLinkKind = z.enum(['duplicate_of', 'related', 'parent_of', 'child_of', 'caused_by']);

/** The stored kinds, and each seen from the other end (`caused_by` → `causes`, `parent_of` → `child_of`). */
export const linkKind = z.enum(['duplicate_of', 'related', 'parent_of', 'caused_by']);
export const linkRelation = z.enum([
  'duplicate_of',
  'duplicated_by',
  'related',
  'parent_of',
  'child_of',
  'caused_by',
  'causes',
]);

const ref = z.string().trim().min(1).max(64).describe('ticket id or number (T-10234)');

export const createLink = z.strictObject({
  kind: newLinkKind,
  ticket: ref.describe('the other ticket (id or number), in the same organisation'),
});

export const linkedTicket = z.object({
  id,
  number: z.string(),
  subject: z.string(),
  status: ticketStatus,
  type: ticketType,
});

export const ticketLink = z.object({
  id,
  kind: linkKind.describe('as stored, from `fromTicketId` to `toTicketId`'),
  relation: linkRelation.describe('read from this ticket: <this ticket> <relation> <the other ticket>'),
  fromTicketId: id,
  toTicketId: id,
  ticket: linkedTicket.describe('the other ticket'),
  createdBy: id.nullable(),
  createdAt: instant,
});
export type TicketLink = z.infer<typeof ticketLink>;
export const ticketLinkPage = page(ticketLink);

export const linkParams = z.strictObject({ ref, linkId: id });

export const mergeTicket = z.strictObject({
  into: ref.describe('the ticket that stays open and receives the conversation'),
  reason: z.string().trim().max(2000).optional(),
});

export const mergeResult = z.object({
  ticket: ticket.describe('the duplicate, now closed'),
  into: ticket,
  moved: z.object({
    messages: z.number().int(),
    attachments: z.number().int(),
    watchers: z
      .number()
      .int()
      .describe('people newly watching the target, the duplicate’s requester included'),
  }),
});
