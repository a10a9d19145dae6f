import { z } from 'zod';
import { id, instant, role } from './common.js';

export const watcher = z.object({
  userId: id,
  name: z.string(),
  role,
  organisationId: id,
  addedAt: instant,
});
export type Watcher = z.infer<typeof watcher>;
export const watcherList = z.object({ items: z.array(watcher) });

export const addWatcher = z.strictObject({
  userId: id.describe(
    'staff add any active user of the ticket’s organisation or staff; customers, colleagues',
  ),
});

export const watcherParams = z.strictObject({
  ref: z.string().trim().min(1).max(64).describe('ticket id or number (T-10234)'),
  userId: id,
});
