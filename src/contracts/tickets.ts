import { z } from 'zod';
import { TICKET_STATUSES } from '../core/tickets/lifecycle.js';
import { LEVELS, PRIORITIES } from '../core/tickets/priority.js';
import { id, instant, listQuery, page, tier } from './common.js';
import { messageAttachmentIds } from './ticket-attachments.js';

export const ticketType = z.enum(['incident', 'service_request', 'problem', 'question']);
export const ticketStatus = z.enum(TICKET_STATUSES);
export const level = z.enum(LEVELS);
export const priority = z.enum(PRIORITIES);
export const channel = z.enum(['portal', 'email', 'api', 'agent']);
export const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.:-]*$/u, 'letters, digits and _ . : - only');

export const ticket = z.object({
  id,
  number: z.string().describe('human number, e.g. T-10234'),
  organisationId: id,
  requesterId: id,
  type: ticketType,
  status: ticketStatus,
  impact: level,
  urgency: level,
  priority,
  tier,
  teamId: id.nullable(),
  assigneeId: id.nullable(),
  subject: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  serviceId: id.nullable(),
  channel,
  version: z.number().int().describe('send back as If-Match: "<version>" when changing the ticket'),
  reopenCount: z.number().int(),
  escalationCount: z.number().int(),
  firstResponseAt: instant.nullable(),
  resolvedAt: instant.nullable(),
  closedAt: instant.nullable(),
  mergedIntoId: id.nullable(),
  slaDueAt: instant
    .nullable()
    .describe('the earliest due time of its unmet SLA targets (null: none, or the clock is paused)'),
  allowedTransitions: z.array(ticketStatus).describe('statuses the caller may move this ticket to now'),
  createdAt: instant,
  updatedAt: instant,
});
export type Ticket = z.infer<typeof ticket>;

const subject = z.string().trim().min(1).max(300);
const description = z.string().trim().min(1).max(100_000);

export const createTicket = z.strictObject({
  subject,
  description,
  type: ticketType.default('incident'),
  impact: level.default('medium'),
  urgency: level.default('medium'),
  tags: z.array(tag).max(30).default([]),
  requesterId: id
    .optional()
    .describe('staff open tickets on behalf of a requester; customers open their own'),
  serviceId: id.optional(),
  teamId: id.optional().describe('staff only: the queue (default: an L1 team serving the organisation)'),
  assigneeId: id.optional().describe('staff only'),
  channel: channel.optional().describe('staff only: where the request came from (default agent / portal)'),
});

export const updateTicket = z.strictObject({
  subject: subject.optional(),
  description: description.optional(),
  type: ticketType.optional(),
  impact: level.optional(),
  urgency: level.optional(),
  tags: z.array(tag).max(30).optional(),
  serviceId: id.nullable().optional(),
  teamId: id.nullable().optional(),
  assigneeId: id.nullable().optional(),
});

export const transitionTicket = z.strictObject({
  status: ticketStatus,
  reason: z.string().trim().max(2000).optional(),
});

export const escalateTicket = z.strictObject({
  reason: z.string().trim().min(1, 'say why').max(2000),
  tier: tier.optional().describe('default: the next tier up (escalate) or down (de-escalate)'),
  teamId: id
    .optional()
    .describe('the queue at the new tier (default: a team of that tier serving the organisation)'),
});

export const assignTicket = z.strictObject({
  assigneeId: id.nullable().describe('null unassigns'),
  teamId: id.optional(),
});

export const ticketSort = z
  .enum([
    'updatedAt',
    '-updatedAt',
    'createdAt',
    '-createdAt',
    'priority',
    '-priority',
    'number',
    '-number',
    'slaDue',
    '-slaDue',
  ])
  .describe(
    'slaDue: the earliest unmet SLA due time first (tickets without one last; -slaDue: latest first)',
  );

/** A comma-separated list in a query string: `?status=new,open`. */
const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));

export const ticketFilters = z.strictObject({
  status: csv(ticketStatus).optional(),
  type: csv(ticketType).optional(),
  priority: csv(priority).optional(),
  tier: csv(tier).optional(),
  teamId: id.optional(),
  assigneeId: z.union([id, z.literal('none'), z.literal('me')]).optional(),
  organisationId: id.optional(),
  requesterId: z.union([id, z.literal('me')]).optional(),
  tag: z.string().trim().toLowerCase().max(50).optional(),
  q: z.string().trim().max(200).optional().describe('words in subject/description, or a ticket number'),
  createdFrom: instant.optional(),
  createdTo: instant.optional(),
  updatedFrom: instant.optional(),
  updatedTo: instant.optional(),
  sla: z
    .enum(['breached', 'breaching'])
    .optional()
    .describe(
      'breached: the earliest unmet SLA due time has passed; breaching: it is still ahead, within slaWithinMinutes',
    ),
  slaWithinMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(527_040)
    .optional()
    .describe('with sla=breaching: due within this many minutes from now (default 60)'),
});
export type TicketFilters = z.infer<typeof ticketFilters>;

export const listTicketsQuery = listQuery.extend({
  ...ticketFilters.shape,
  sort: ticketSort.default('-updatedAt'),
});
export const ticketPage = page(ticket);

export const historyEntry = z.object({
  id: z.string(),
  at: instant,
  actorId: id.nullable(),
  kind: z
    .string()
    .describe(
      'created, status, field, message, escalated, de_escalated, assigned, link, merged, time_entry, rated…',
    ),
  data: z.record(z.string(), z.unknown()),
});
export const historyPage = page(historyEntry);

export const ticketRefParams = z.strictObject({
  ref: z.string().trim().min(1).max(64).describe('ticket id or number (T-10234)'),
});

export const message = z.object({
  id,
  ticketId: id,
  authorId: id.nullable(),
  visibility: z.enum(['public', 'internal']),
  body: z.string(),
  channel,
  movedFromTicketId: id.nullable(),
  attachmentIds: z.array(id).describe('files sent with it (GET /api/v1/attachments/{id})'),
  createdAt: instant,
});
export const messagePage = page(message);
export const createMessage = z.strictObject({
  body: z.string().trim().min(1).max(100_000),
  visibility: z.enum(['public', 'internal']).default('public').describe('internal notes are for staff only'),
  attachmentIds: messageAttachmentIds.optional(),
});

export const priorityMatrixBody = z.strictObject({
  high: z.strictObject({ high: priority, medium: priority, low: priority }),
  medium: z.strictObject({ high: priority, medium: priority, low: priority }),
  low: z.strictObject({ high: priority, medium: priority, low: priority }),
});
