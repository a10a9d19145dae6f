/**
 * Business calendars and exact business-time arithmetic (DOMAIN.md, "SLA"). Pure: no I/O, no clock.
 *
 * Use: `validateCalendar(input)` lists every problem by field path (the HTTP layer answers 400);
 * `hasOpenHours(input)` false means the calendar never has business time (422). Compile once per
 * calendar version with `compileCalendar(input)` and keep the result: it works business time out
 * per 28-day chunk of real time on first use and memoises it, so later calls are binary searches
 * on epoch numbers. Then `addBusinessTime` gives due times, `elapsedBusinessSeconds` measured time.
 *
 * Semantics follow the definition literally: business time = the instants whose local wall clock
 * falls in an opening interval of that weekday, on a local date that is not a holiday.
 * - DST gap: wall-clock times that never happen hold no business time (Berlin, spring-forward day:
 *   [01:00, 04:00) holds 2 real hours, a 24/7 day 23). A local date skipped whole (Apia, 30 Dec
 *   2011) holds none.
 * - DST overlap: repeated wall-clock times count each time they happen (Berlin, fall-back day:
 *   [02:00, 03:00) holds 2 real hours, a 24/7 day 25).
 * - Pauses are [from, to) instants that never count; they may overlap each other and lie outside
 *   business time. `to: null` means "until further notice": if the work is not done before such a
 *   pause begins, `addBusinessTime` returns null (no due time while stopped); elapsed time simply
 *   stops counting at its start.
 * - Sub-second: everything is exact to the millisecond and results are raw Dates. Opening edges are
 *   whole seconds of real time and targets whole minutes, so a due time has milliseconds only when
 *   the start or a pause edge has them; formatting (ISO-8601 UTC) is the HTTP layer's business.
 *   Elapsed seconds are floored; `elapsedBusinessMs` gives the exact figure.
 * - Bounds: `addBusinessTime` throws NoBusinessTimeError when it meets 5 years without business
 *   time (holidays on every open day), and RangeError for targets above 100 years of minutes.
 */
export {
  addBusinessTime,
  elapsedBusinessMs,
  elapsedBusinessSeconds,
  MAX_BUSINESS_MINUTES,
} from './business-time.js';
export { BusinessCalendar, compileCalendar, NO_BUSINESS_TIME_HORIZON_DAYS } from './calendar.js';
export { InvalidCalendarError, NoBusinessTimeError } from './errors.js';
export { CALENDAR_PRESETS, type CalendarPreset, presetCalendar } from './presets.js';
export {
  type CalendarInput,
  type CalendarProblem,
  type OpeningInterval,
  type Pause,
  WEEKDAYS,
  type Weekday,
} from './types.js';
export { hasOpenHours, validateCalendar } from './validate.js';
