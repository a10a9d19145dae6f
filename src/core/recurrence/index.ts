/**
 * Maintenance-window recurrence (RFC 5545 RRULE on a local DTSTART in an IANA zone). Pure: no I/O,
 * no clock. See windows.ts for the entry points and README.md for the interpretations chosen.
 */
export { MAX_DURATION_MINUTES, validateWindowDefinition, type WindowDefinition } from './definition.js';
export { RecurrenceError, type RecurrenceField } from './errors.js';
export { formatLocalDateTime, formatRecurrenceRule, formatUtcDateTime } from './rfc5545.js';
export {
  DEFAULT_LIMIT,
  type ExpandWindowsInput,
  expandWindows,
  expandWindowsLocal,
  isInstantInWindow,
  type LocalOccurrence,
  MAX_EXPANSION_STEPS,
  MAX_LIMIT,
  type Occurrence,
} from './windows.js';
