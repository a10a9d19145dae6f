import ICAL from 'ical.js';
import { AppError, validationError } from '../../platform/errors.js';

const MAX_DAYS_PER_EVENT = 366;
/**
 * Occurrences expanded per recurring event: a yearly holiday since year 0 fits easily, while a
 * feed that repeats every minute (millions of occurrences, minutes of work) is refused.
 */
const MAX_OCCURRENCES_PER_EVENT = 10_000;

const unreadable = (why: string) =>
  validationError([{ path: 'body', message: `is not a readable iCalendar file (${why})` }]);

function localDate(time: ICAL.Time): string {
  return `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

/** The local dates from `start` up to (not including) `end`; one day without an end. */
function datesBetween(start: ICAL.Time, end: ICAL.Time | null): string[] {
  const dates = [localDate(start)];
  if (!end) return dates;
  const cursor = start.clone();
  for (let day = 1; day < MAX_DAYS_PER_EVENT; day++) {
    cursor.adjust(1, 0, 0, 0);
    if (cursor.compare(end) >= 0) break;
    dates.push(localDate(cursor));
  }
  return dates;
}

/** ical.js rolls impossible dates over (2026-13-45 becomes 2027-02-14); a holiday feed must not. */
function checkRealDates(vevent: ICAL.Component, index: number): void {
  for (const name of ['dtstart', 'dtend']) {
    const raw = vevent.getFirstProperty(name)?.jCal[3];
    if (raw === undefined) continue;
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(raw));
    const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
    const back = new Date(0);
    back.setUTCFullYear(year, month - 1, day);
    if (!match || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
      const what = vevent.getFirstPropertyValue('summary') ?? `event ${index + 1}`;
      throw validationError([
        { path: 'body', message: `${String(what)}: ${name.toUpperCase()} ${String(raw)} is not a real date` },
      ]);
    }
  }
}

/** The VCALENDAR components of a file (one, or several concatenated). */
function calendarsOf(text: string): ICAL.Component[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    throw unreadable((error as Error).message);
  }
  const list = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed];
  return list.map((jcal) => {
    const component = Array.isArray(jcal) ? new ICAL.Component(jcal) : null;
    if (component?.name !== 'vcalendar') throw unreadable('expected BEGIN:VCALENDAR … END:VCALENDAR');
    return component;
  });
}

/**
 * Holidays from an iCalendar file such as a public-holiday feed: every date covered by a VEVENT
 * (recurring events expanded for the years given, each occurrence with all the days it covers;
 * DTEND is exclusive). Timed events count by their local start date.
 */
export function holidaysFromIcs(text: string, years: { from: number; to: number }): string[] {
  const dates = new Set<string>();
  let index = 0;
  for (const vevent of calendarsOf(text).flatMap((calendar) => calendar.getAllSubcomponents('vevent'))) {
    checkRealDates(vevent, index++);
    try {
      for (const date of datesOfEvent(new ICAL.Event(vevent), years)) dates.add(date);
    } catch (error) {
      // ical.js throws plain errors on rules it cannot expand (UNTIL=garbage, a DATE start with FREQ=MINUTELY).
      if (error instanceof AppError) throw error;
      const what = vevent.getFirstPropertyValue('summary') ?? `event ${index}`;
      throw unreadable(`${String(what)}: ${(error as Error).message}`);
    }
  }
  return [...dates].sort();
}

function datesOfEvent(event: ICAL.Event, years: { from: number; to: number }): string[] {
  if (!event.startDate) return [];
  if (!event.isRecurring()) return datesBetween(event.startDate, event.endDate ?? null);
  const dates: string[] = [];
  const iterator = event.iterator();
  let occurrences = 0;
  for (let next = iterator.next(); next && next.year <= years.to; next = iterator.next()) {
    if (++occurrences > MAX_OCCURRENCES_PER_EVENT)
      throw validationError([
        {
          path: 'body',
          message: `${String(event.summary ?? 'an event')} repeats more than ${MAX_OCCURRENCES_PER_EVENT} times; holidays are whole days`,
        },
      ]);
    if (next.year < years.from) continue;
    const { startDate, endDate } = event.getOccurrenceDetails(next);
    dates.push(...datesBetween(startDate, endDate));
  }
  return dates;
}
