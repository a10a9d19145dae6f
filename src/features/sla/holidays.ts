import ICAL from 'ical.js';
import { validationError } from '../../platform/errors.js';

const MAX_DAYS_PER_EVENT = 366;

function localDate(time: ICAL.Time): string {
  return `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

/** The local dates an all-day VEVENT covers: DTSTART up to (not including) DTEND; one day without DTEND. */
function datesOf(event: ICAL.Event): string[] {
  const start = event.startDate;
  if (!start) return [];
  const dates = [localDate(start)];
  const end = event.endDate;
  if (!end) return dates;
  const cursor = start.clone();
  for (let day = 1; day < MAX_DAYS_PER_EVENT; day++) {
    cursor.adjust(1, 0, 0, 0);
    if (cursor.compare(end) >= 0) break;
    dates.push(localDate(cursor));
  }
  return dates;
}

/**
 * Holidays from an iCalendar file such as a public-holiday feed: every date covered by a VEVENT
 * (recurring events expanded for the years given). Timed events count by their local start date.
 */
export function holidaysFromIcs(text: string, years: { from: number; to: number }): string[] {
  let component: ICAL.Component;
  try {
    component = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    throw validationError([
      { path: 'body', message: `is not a readable iCalendar file (${(error as Error).message})` },
    ]);
  }
  const dates = new Set<string>();
  for (const vevent of component.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    if (!event.isRecurring()) {
      for (const date of datesOf(event)) dates.add(date);
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.year <= years.to; next = iterator.next()) {
      if (next.year >= years.from) dates.add(localDate(next));
    }
  }
  return [...dates].sort();
}
