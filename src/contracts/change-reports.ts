import { z } from 'zod';
import { change, changeConflict, changeState, windowCheck } from './changes.js';
import { id, instant } from './common.js';

/** Reports over change requests: the calendar, the backlog and the KPIs (DOMAIN.md definitions). */
const range = {
  from: instant,
  until: instant,
  organisationId: id.optional(),
};

export const changeCalendarQuery = z.strictObject({ ...range, serviceId: id.optional() });
export const changeCalendar = z.object({
  items: z.array(change.extend({ window: windowCheck })),
  conflicts: z.array(changeConflict),
  truncated: z.boolean().describe('more than 1000 changes in the range: narrow it'),
});

export const changeBacklogQuery = z.strictObject({
  organisationId: id.optional(),
  at: instant.optional().describe('the point in time (default now)'),
});
export const changeBacklog = z.object({
  at: instant,
  openChanges: z.number().int(),
  byState: z.array(
    z.object({
      state: changeState,
      count: z.number().int(),
      oldestCreatedAt: instant.nullable(),
    }),
  ),
  byAge: z
    .array(z.object({ bucket: z.enum(['under_1d', '1d_7d', '7d_30d', 'over_30d']), count: z.number().int() }))
    .describe('open changes by time since they were raised'),
  openMaintenanceTasks: z
    .number()
    .int()
    .nullable()
    .describe('open maintenance tasks of preventive plans (null: not available)'),
});

export const changeKpisQuery = z.strictObject(range);
export const changeKpis = z.object({
  from: instant,
  until: instant,
  changesDelivered: z.number().int().describe('changes reaching implemented in [from, until)'),
  changesSubmitted: z.number().int(),
  urgentChanges: z.number().int().describe('emergency changes submitted in the period'),
  urgentShare: z.number().nullable().describe('urgent / submitted (null: none submitted)'),
  timeToIntroduce: z.object({
    count: z.number().int(),
    medianSeconds: z.number().int().nullable(),
    p90Seconds: z.number().int().nullable(),
  }),
  changeFailureRate: z.object({
    outcomes: z.number().int().describe('changes implemented, failed or rolled back in the period'),
    failedOrRolledBack: z.number().int(),
    rate: z.number().nullable(),
  }),
});
