/**
 * Writing iCalendar (RFC 5545): documents with VTIMEZONEs built from the runtime's tz data,
 * escaping and 75-octet folding. Pure: the caller passes every instant in.
 */
export {
  buildCalendar,
  type CalendarDocument,
  type CalendarEvent,
  exactDuration,
  utcStamp,
} from './calendar.js';
export { escapeText, foldLine, joinLines } from './text.js';
export { formatOffset, type Transition, vtimezoneLines, zoneTransitions } from './vtimezone.js';
