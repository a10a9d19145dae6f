import { z } from 'zod';
import { anyInstant } from './sla.js';

/** The preview contract (kept exactly; an external oracle tests it). */
export const maintenancePreview = z.strictObject({
  rrule: z.string().min(1).max(2000).describe('RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=SU'),
  dtstart: z
    .string()
    .min(1)
    .max(40)
    .describe('local wall time of the first window, no offset, e.g. 2026-01-04T02:00:00'),
  timezone: z.string().min(1).max(100).describe('IANA zone, e.g. Europe/Berlin'),
  durationMinutes: z.number().int().min(1),
  from: anyInstant,
  until: anyInstant,
  limit: z.number().int().min(1).max(1000).default(100),
  exdates: z
    .array(z.string().max(40))
    .max(1000)
    .optional()
    .describe('local dates (YYYY-MM-DD) or local date-times to skip'),
});

export const occurrence = z.object({
  start: z.string().describe('UTC instant, seconds precision, e.g. 2026-01-04T01:00:00Z'),
  end: z.string(),
});
export const maintenancePreviewResult = z.object({ occurrences: z.array(occurrence) });
