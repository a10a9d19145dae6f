/**
 * Maintenance windows (DOMAIN.md, "Maintenance"): occurrences overlapping a range, the occurrence
 * holding an interval (changes needing downtime), and windows as iCalendar events. Pure.
 */
export { clockChangeAt, type WindowEventInput, windowEvents } from './calendar.js';
export {
  definitionOf,
  findContainingWindow,
  type Interval,
  ONE_OFF_RULE,
  occurrenceContaining,
  occurrencesOverlapping,
  type WindowSpec,
} from './windows.js';
