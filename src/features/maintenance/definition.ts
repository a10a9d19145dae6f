import { definitionOf, type WindowSpec } from '../../core/maintenance/index.js';
import {
  formatLocalDateTime,
  RecurrenceError,
  validateWindowDefinition,
} from '../../core/recurrence/index.js';
import { validationError } from '../../platform/errors.js';

/** "20260104T020000" → "2026-01-04T02:00:00": one spelling in storage and answers. */
function extended(basic: string): string {
  return basic.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/, '$1-$2-$3T$4:$5:$6');
}

/** The zone's canonical spelling (Intl accepts any letter case), which calendar clients expect. */
function canonicalZone(name: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return name;
  }
}

/**
 * Checks a window's recurrence with the core (the 400 names the field) and returns it in stored
 * form: DTSTART spelled out with seconds, the zone canonical, exceptions without duplicates.
 */
export function checkedDefinition(spec: WindowSpec): WindowSpec {
  if (spec.rrule === null && spec.exdates.length > 0)
    throw validationError([{ path: 'body.exdates', message: 'a single window has no occurrences to skip' }]);
  try {
    validateWindowDefinition(definitionOf(spec));
    return {
      rrule: spec.rrule,
      dtstart: extended(formatLocalDateTime(spec.dtstart)),
      timezone: canonicalZone(spec.timezone),
      durationMinutes: spec.durationMinutes,
      exdates: [...new Set(spec.exdates)],
    };
  } catch (error) {
    if (error instanceof RecurrenceError)
      throw validationError([{ path: `body.${error.field}`, message: error.message }]);
    throw error;
  }
}
