import { z } from 'zod';
import { id, instant, listQuery } from './common.js';

/** What the time was spent on; a closed list so reports can group by it. */
export const TIME_ACTIVITIES = [
  'analysis',
  'development',
  'communication',
  'testing',
  'deployment',
  'documentation',
  'meeting',
  'travel',
  'other',
] as const;
export const timeActivity = z.enum(TIME_ACTIVITIES);

/** A local calendar date, YYYY-MM-DD (a real one: no 2026-02-30). */
export const localDate = z.iso.date().describe('local date YYYY-MM-DD');

const minutes = z.number().int().min(1).max(1440).describe('1 to 1440 (one day)');
const note = z
  .string()
  .trim()
  .max(2000)
  .describe('what was done; customer managers see it on billable entries, like an invoice line');

export const createTimeEntry = z.strictObject({
  minutes,
  billable: z.boolean().default(true),
  activity: timeActivity,
  note: note.default(''),
  spentOn: localDate.optional().describe('the day the work was done (default: today, UTC)'),
});

export const updateTimeEntry = z.strictObject({
  minutes: minutes.optional(),
  billable: z.boolean().optional(),
  activity: timeActivity.optional(),
  note: note.optional(),
  spentOn: localDate.optional(),
});

export const timeEntry = z.object({
  id,
  ticketId: id,
  userId: id.describe('who spent the time (the author; only they and admins may change it)'),
  minutes: z.number().int(),
  billable: z.boolean(),
  activity: timeActivity,
  note: z.string(),
  spentOn: localDate,
  createdAt: instant,
  updatedAt: instant,
});
export type TimeEntry = z.infer<typeof timeEntry>;

export const timeEntryPage = z.object({
  items: z.array(timeEntry),
  nextCursor: z.string().nullable(),
  totalMinutes: z.number().int().describe('all entries of the ticket the caller may see, not just this page'),
  billableMinutes: z.number().int(),
});

export const listTimeEntriesQuery = listQuery;
