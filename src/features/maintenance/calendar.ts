import { buildCalendar, type CalendarEvent } from '../../core/ical/index.js';
import { windowEvents } from '../../core/maintenance/index.js';
import type { WindowRow } from './presenters.js';

const PROD_ID = '-//Tend//Maintenance windows//EN';
const DAY_MS = 86_400_000;

/** A window's UID: stable for its life, whatever is edited; the domain is this Tend's host. */
export function windowUid(windowId: string, publicUrl: string): string {
  return `maintenance-window-${windowId}@${new URL(publicUrl).hostname}`;
}

function describe(row: WindowRow, serviceName: string | undefined): string {
  return [serviceName ? `Service: ${serviceName}` : null, row.description || null]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Windows as an iCalendar document. Clock-change overrides are written for a year back and two
 * ahead; time zones are described from the earliest window's year to five years ahead, and their
 * rules run on open-ended after that.
 */
export function windowsCalendar(
  rows: readonly WindowRow[],
  options: {
    name: string;
    now: Date;
    publicUrl: string;
    serviceNames: ReadonlyMap<string, string>;
    method?: 'PUBLISH';
  },
): string {
  const horizon = {
    from: new Date(options.now.getTime() - 366 * DAY_MS),
    until: new Date(options.now.getTime() + 731 * DAY_MS),
  };
  const events: CalendarEvent[] = rows.flatMap((row) =>
    windowEvents(
      {
        ...row,
        uid: windowUid(row.id, options.publicUrl),
        summary: row.title,
        description: describe(row, options.serviceNames.get(row.serviceId)),
        created: row.createdAt,
        lastModified: row.updatedAt,
      },
      horizon,
    ),
  );
  const thisYear = options.now.getUTCFullYear();
  const firstYear = Math.min(thisYear - 1, ...rows.map((row) => Number(row.dtstart.slice(0, 4))));
  return buildCalendar({
    prodId: PROD_ID,
    ...(options.method ? { method: options.method } : {}),
    name: options.name,
    stamp: options.now,
    events,
    zoneYears: { from: Math.max(firstYear, 1970), until: thisYear + 5 },
  });
}

/** One occurrence as a standalone event (a notice's attachment). */
export function occurrenceCalendar(event: {
  uid: string;
  sequence: number;
  summary: string;
  description: string;
  start: Date;
  end: Date;
  now: Date;
}): string {
  return buildCalendar({
    prodId: PROD_ID,
    method: 'PUBLISH',
    stamp: event.now,
    zoneYears: { from: event.now.getUTCFullYear(), until: event.now.getUTCFullYear() },
    events: [
      {
        uid: event.uid,
        sequence: event.sequence,
        summary: event.summary,
        description: event.description,
        start: { instant: event.start },
        durationMinutes: Math.max(1, Math.round((event.end.getTime() - event.start.getTime()) / 60_000)),
        categories: ['Maintenance'],
      },
    ],
  });
}
