import { z } from 'zod';
import { id, instant } from './common.js';
import { ticketFilters, ticketSort } from './tickets.js';

const name = z.string().trim().min(1).max(100);
const position = z.number().int().min(0).max(10_000).describe('order in the list (then by name)');

export const createSavedView = z.strictObject({
  name,
  filters: ticketFilters
    .default({})
    .describe('the filters of GET /api/v1/tickets; "me" means whoever looks at the view'),
  sort: ticketSort.default('-updatedAt'),
  teamId: id
    .nullable()
    .default(null)
    .describe('share with a team (members of it, or an admin); null keeps the view personal'),
  position: position.default(0),
});

export const updateSavedView = z.strictObject({
  name: name.optional(),
  filters: ticketFilters.optional(),
  sort: ticketSort.optional(),
  teamId: id.nullable().optional().describe('move to a team, or null to make it your own'),
  position: position.optional(),
});

export const savedView = z.object({
  id,
  name: z.string(),
  ownerId: id.nullable().describe('set for a personal view'),
  teamId: id.nullable().describe('set for a view shared with a team'),
  filters: z
    .record(z.string(), z.string())
    .describe('query-string form, as GET /api/v1/tickets takes it (lists comma-separated)'),
  sort: ticketSort,
  position: z.number().int(),
  count: z
    .number()
    .int()
    .nullable()
    .describe('tickets matching now, for the caller; null if the stored filters are no longer valid'),
  createdAt: instant,
  updatedAt: instant,
});
export type SavedView = z.infer<typeof savedView>;

export const savedViewList = z.object({ items: z.array(savedView) });

export const listSavedViewsQuery = z.strictObject({
  teamId: id.optional().describe("only this team's shared views (its members, or an admin)"),
});
