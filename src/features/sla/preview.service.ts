import {
  addBusinessTime,
  type CalendarInput,
  compileCalendar,
  elapsedBusinessSeconds,
  hasOpenHours,
  MAX_BUSINESS_MINUTES,
  NoBusinessTimeError,
  type Pause,
  validateCalendar,
} from '../../core/calendar/index.js';
import type { FieldProblem } from '../../platform/errors.js';
import { AppError, validationError } from '../../platform/errors.js';

export interface PreviewInput {
  calendar: unknown;
  start: string;
  minutes: number;
  pauses?: { from: string; to: string }[];
  end?: string;
}

/** The calendar input checked field by field; problems are named under `where` (e.g. body.calendar). */
export function checkedCalendar(input: unknown, where: string): CalendarInput {
  const problems = validateCalendar(input);
  if (problems.length > 0) {
    throw validationError(
      problems.map((problem) => ({
        path: problem.path ? `${where}.${problem.path}` : where,
        message: problem.message,
      })),
    );
  }
  return input as CalendarInput;
}

function checkedPauses(pauses: PreviewInput['pauses']): Pause[] {
  const problems: FieldProblem[] = [];
  const result = (pauses ?? []).map((pause, index) => {
    const from = new Date(pause.from);
    const to = new Date(pause.to);
    if (to.getTime() < from.getTime())
      problems.push({ path: `body.pauses.${index}.to`, message: 'must not be before from' });
    return { from, to };
  });
  if (problems.length > 0) throw validationError(problems);
  return result;
}

/** Whole seconds, truncated: the contract's "UTC instant, seconds precision". */
export function toSecondsIso(instant: Date): string {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const noOpenTime = () =>
  new AppError(
    'unprocessable',
    'sla.no_business_time',
    'the calendar has no open time, so no due time can be reached',
  );

/** POST /sla/preview: due = start + N business minutes (minus pauses); elapsed to `end` if given. */
export function previewDue(input: PreviewInput): { due: string; elapsedSeconds?: number } {
  const calendarInput = checkedCalendar(input.calendar, 'body.calendar');
  if (input.minutes > MAX_BUSINESS_MINUTES)
    throw validationError([{ path: 'body.minutes', message: `must be at most ${MAX_BUSINESS_MINUTES}` }]);
  const pauses = checkedPauses(input.pauses);
  if (!hasOpenHours(calendarInput)) throw noOpenTime();
  const calendar = compileCalendar(calendarInput);
  const start = new Date(input.start);
  try {
    const due = addBusinessTime(calendar, start, input.minutes, pauses);
    if (due === null) throw noOpenTime();
    const result: { due: string; elapsedSeconds?: number } = { due: toSecondsIso(due) };
    if (input.end !== undefined)
      result.elapsedSeconds = elapsedBusinessSeconds(calendar, start, new Date(input.end), pauses);
    return result;
  } catch (error) {
    if (error instanceof NoBusinessTimeError) throw noOpenTime();
    throw error;
  }
}
