import { z } from 'zod';
import { id, instant } from './common.js';

/** CSAT (DOMAIN.md KPIs): a 1–5 score; 4 and 5 count as satisfied. One per resolution. */
export const rateTicket = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).default(''),
});

export const csatRating = z.object({
  id,
  ticketId: id,
  resolution: z
    .number()
    .int()
    .describe(
      'which resolution of the ticket was rated: 1 for the first, 2 after a reopen and a new resolution…',
    ),
  score: z.number().int().min(1).max(5),
  comment: z.string(),
  ratedBy: id.nullable(),
  createdAt: instant,
});
export type CsatRating = z.infer<typeof csatRating>;

export const csatRatingList = z.object({ items: z.array(csatRating) });
