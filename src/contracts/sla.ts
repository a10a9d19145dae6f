import { z } from 'zod';
import { CALENDAR_PRESETS } from '../core/calendar/index.js';
import { id, instant, listQuery, page } from './common.js';

/** An instant with an offset or Z (the preview accepts any ISO-8601 instant). */
export const anyInstant = z.iso
  .datetime({ offset: true })
  .describe('ISO-8601 instant, e.g. 2026-03-30T07:30:00Z');

/**
 * The calendar JSON shape (an external contract): {"timezone", "hours": {"mon": [["09:00","17:00"]]},
 * "holidays": ["2026-12-25"]}. Its rules (zones, overlaps, "24:00") are checked by the core's
 * validateCalendar so every problem names its field.
 */
export const calendarBody = z
  .record(z.string(), z.unknown())
  .describe(
    '{"timezone": "Europe/Berlin", "hours": {"mon": [["09:00","17:00"]], …}, "holidays": ["2026-12-25"]}',
  );

export const slaPreview = z
  .strictObject({
    calendar: calendarBody.optional(),
    calendarId: id.optional(),
    start: anyInstant,
    minutes: z.number().int().min(0),
    pauses: z
      .array(z.strictObject({ from: anyInstant, to: anyInstant }))
      .max(10_000)
      .optional(),
    end: anyInstant.optional(),
  })
  .describe('give either calendar or calendarId');

export const slaPreviewResult = z.object({
  due: z.string().describe('UTC instant, seconds precision, e.g. 2026-03-30T07:30:00Z'),
  elapsedSeconds: z
    .number()
    .int()
    .optional()
    .describe('business seconds in [start, end) minus pauses; only when end is given'),
});

export const calendar = z.object({
  id,
  name: z.string(),
  timezone: z.string(),
  hours: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
  holidays: z.array(z.string()),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});
export type Calendar = z.infer<typeof calendar>;

export const createCalendar = z.strictObject({
  name: z.string().trim().min(1).max(200),
  preset: z
    .enum(CALENDAR_PRESETS)
    .optional()
    .describe('start from 24/7, 24/5, 12/5 or 8/5 (then hours may be omitted)'),
  timezone: z.string().min(1).max(100),
  hours: calendarBody.optional(),
  holidays: z.array(z.string()).max(5000).optional(),
});
export const updateCalendar = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  timezone: z.string().min(1).max(100).optional(),
  hours: calendarBody.optional(),
  holidays: z.array(z.string()).max(5000).optional(),
});
export const listCalendarsQuery = listQuery.extend({ q: z.string().trim().max(200).optional() });
export const calendarPage = page(calendar);
export const holidayImportResult = z.object({
  calendar,
  added: z.array(z.string()),
  skipped: z.number().int(),
});

const minutesTarget = z
  .number()
  .int()
  .min(1)
  .max(10 * 366 * 24 * 60);
export const priorityTargets = z.strictObject({
  firstResponse: minutesTarget.optional(),
  nextResponse: minutesTarget.optional(),
  resolution: minutesTarget.optional(),
});
export const policyTargets = z.strictObject({
  P1: priorityTargets.optional(),
  P2: priorityTargets.optional(),
  P3: priorityTargets.optional(),
  P4: priorityTargets.optional(),
});
export const pauseStatus = z.enum(['pending_customer', 'pending_third_party', 'on_hold']);

export const slaPolicy = z.object({
  id,
  name: z.string(),
  calendarId: id,
  targets: policyTargets,
  pauseStatuses: z.array(pauseStatus),
  warningPercent: z.number().int(),
  isDefault: z.boolean(),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});
export type SlaPolicy = z.infer<typeof slaPolicy>;
export const createSlaPolicy = z.strictObject({
  name: z.string().trim().min(1).max(200),
  calendarId: id,
  targets: policyTargets.describe('business minutes per priority and target; a missing one has no target'),
  pauseStatuses: z.array(pauseStatus).max(3).default(['pending_customer']),
  warningPercent: z.number().int().min(1).max(99).default(75),
  isDefault: z.boolean().default(false),
});
export const updateSlaPolicy = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  calendarId: id.optional(),
  targets: policyTargets.optional(),
  pauseStatuses: z.array(pauseStatus).max(3).optional(),
  warningPercent: z.number().int().min(1).max(99).optional(),
  isDefault: z.boolean().optional(),
});
export const slaPolicyList = z.object({ items: z.array(slaPolicy) });
export const organisationPolicy = z.strictObject({
  policyId: id.nullable().describe('null: the default policy applies'),
});
export const organisationPolicyList = z.object({
  items: z
    .array(z.object({ organisationId: id, policyId: id }))
    .describe('organisations with a policy of their own; the others run under the default'),
});

export const slaTargetState = z.object({
  target: z.enum(['first_response', 'next_response', 'resolution']),
  state: z.enum(['running', 'paused', 'met', 'breached', 'stopped']),
  targetMinutes: z.number().int(),
  startedAt: instant,
  dueAt: instant.nullable(),
  warnAt: instant.nullable(),
  metAt: instant.nullable(),
  warnedAt: instant.nullable(),
  breachedAt: instant.nullable(),
  remainingSeconds: z.number().int().nullable().describe('business seconds left (negative when overdue)'),
});
export const slaExplanation = z.object({
  ticketId: id,
  policy: z.object({ id, name: z.string(), version: z.number().int() }).nullable(),
  calendar: z.object({ id, name: z.string(), timezone: z.string(), version: z.number().int() }).nullable(),
  priority: z.string(),
  pauses: z.array(z.object({ from: instant, to: instant.nullable() })),
  targets: z.array(slaTargetState),
  timeline: z.array(
    z.object({
      at: instant,
      kind: z.string(),
      target: z.string().nullable(),
      reason: z.string(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const escalationRule = z.object({
  id,
  priority: z.enum(['P1', 'P2', 'P3', 'P4']),
  threshold: z.enum(['warning', 'breach']),
  notify: z.array(z.string()),
  moveToTier: z.enum(['L1', 'L2', 'L3', 'L4']).nullable(),
  moveToTeamId: id.nullable(),
});
export const escalationMatrix = z.object({ rules: z.array(escalationRule) });
export const putEscalationMatrix = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        priority: z.enum(['P1', 'P2', 'P3', 'P4']),
        threshold: z.enum(['warning', 'breach']),
        notify: z
          .array(z.union([z.enum(['assignee', 'team', 'service_managers', 'admins']), id]))
          .max(50)
          .default([])
          .describe('assignee, team, service_managers, admins, or user ids'),
        moveToTier: z.enum(['L1', 'L2', 'L3', 'L4']).nullable().default(null),
        moveToTeamId: id.nullable().default(null),
      }),
    )
    .max(8),
});
