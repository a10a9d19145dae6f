import type { CalendarProblem } from './types.js';

/**
 * Core errors carry a stable code and no HTTP status; the HTTP layer maps them
 * (calendar.invalid → 400 naming the fields, calendar.no_business_time → 422).
 */
export class InvalidCalendarError extends Error {
  readonly code = 'calendar.invalid';

  constructor(readonly problems: readonly CalendarProblem[]) {
    super(`invalid business calendar: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidCalendarError';
  }
}

/** The calendar has no business time at all, or none within the search horizon after an instant. */
export class NoBusinessTimeError extends Error {
  readonly code = 'calendar.no_business_time';

  constructor(message: string) {
    super(message);
    this.name = 'NoBusinessTimeError';
  }
}
