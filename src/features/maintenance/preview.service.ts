import { expandWindows, RecurrenceError } from '../../core/recurrence/index.js';
import { validationError } from '../../platform/errors.js';

export interface WindowPreviewInput {
  rrule: string;
  dtstart: string;
  timezone: string;
  durationMinutes: number;
  from: string;
  until: string;
  limit: number;
  exdates?: string[];
}

/** UTC with seconds and a Z (occurrences fall on whole seconds). */
const seconds = (instant: Date) => instant.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** POST /maintenance/preview: the windows whose start lies in [from, until), ascending, at most `limit`. */
export function previewWindows(input: WindowPreviewInput): { occurrences: { start: string; end: string }[] } {
  const from = new Date(input.from);
  const until = new Date(input.until);
  if (until.getTime() < from.getTime())
    throw validationError([{ path: 'body.until', message: 'must not be before from' }]);
  try {
    const occurrences = expandWindows({ ...input, from, until });
    return {
      occurrences: occurrences.map((window) => ({ start: seconds(window.start), end: seconds(window.end) })),
    };
  } catch (error) {
    if (error instanceof RecurrenceError)
      throw validationError([{ path: `body.${error.field}`, message: error.message }]);
    throw error;
  }
}
