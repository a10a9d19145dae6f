/**
 * The input field a recurrence problem is about. The HTTP layer turns a RecurrenceError into a
 * 400 answer that names this field, so every message must say what is wrong in words a caller
 * can act on (e.g. "BYDAY: unknown weekday 'XX'").
 */
export type RecurrenceField =
  | 'rrule'
  | 'dtstart'
  | 'timezone'
  | 'durationMinutes'
  | 'exdates'
  | 'from'
  | 'until'
  | 'limit'
  | 'instant';

/** An invalid window definition or query. Domain error: carries no HTTP status of its own. */
export class RecurrenceError extends Error {
  override readonly name = 'RecurrenceError';

  constructor(
    readonly field: RecurrenceField,
    message: string,
  ) {
    super(message);
  }
}
