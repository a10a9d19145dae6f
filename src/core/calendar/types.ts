/**
 * The business-calendar input shape. It is an external API contract (the JSON a client sends and
 * receives), so it stays exactly this: times are local "HH:MM" strings, holidays local dates.
 *
 *   {"timezone": "Europe/Berlin", "hours": {"mon": [["09:00","17:00"]]}, "holidays": ["2026-12-25"]}
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A local [open, close) pair, e.g. ["09:00", "17:00"]; close may be "24:00". */
export type OpeningInterval = readonly [open: string, close: string];

export interface CalendarInput {
  /** IANA time zone name, e.g. "Europe/Berlin". */
  timezone: string;
  /** Opening intervals per weekday; a weekday that is missing (or empty) is closed. */
  hours: Partial<Record<Weekday, readonly OpeningInterval[]>>;
  /** Local dates (YYYY-MM-DD) closed all day. Missing means none. */
  holidays?: readonly string[];
}

/** A [from, to) interval during which the clock does not run; `to: null` means "until further notice". */
export interface Pause {
  from: Date;
  to: Date | null;
}

/** One thing wrong with a calendar input, named by its field path (e.g. `hours.mon[1]`). */
export interface CalendarProblem {
  path: string;
  message: string;
}
