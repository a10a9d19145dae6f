/**
 * Building an iCalendar (RFC 5545) document: VCALENDAR with VTIMEZONEs and VEVENTs, CRLF line
 * endings, lines folded at 75 octets. Values are passed in already formatted where RFC 5545 has
 * a grammar of its own (RRULE), everything else is formatted and escaped here.
 */
import { escapeText, joinLines } from './text.js';
import { vtimezoneLines } from './vtimezone.js';

export interface CalendarEvent {
  /** Stable across edits: clients recognise the event by it. */
  readonly uid: string;
  /** Bumped on every edit, so clients replace what they showed. */
  readonly sequence: number;
  readonly summary: string;
  readonly description?: string;
  /** A local start in a zone (`YYYYMMDDTHHMMSS` + IANA name) or an instant. */
  readonly start: { readonly local: string; readonly tzid: string } | { readonly instant: Date };
  /** Elapsed minutes (an exact DURATION, so a window across a clock change keeps its length). */
  readonly durationMinutes: number;
  /** RRULE value without the "RRULE:" prefix. */
  readonly rrule?: string;
  /** Skipped occurrences: their nominal local starts (`YYYYMMDDTHHMMSS`) in the start's zone. */
  readonly exdates?: readonly string[];
  /** For an override of one occurrence: that occurrence's nominal local start in `tzid`. */
  readonly recurrenceId?: { readonly local: string; readonly tzid: string };
  readonly created?: Date;
  readonly lastModified?: Date;
  readonly categories?: readonly string[];
}

export interface CalendarDocument {
  readonly prodId: string;
  /** PUBLISH for feeds and notices (no replies expected). */
  readonly method?: 'PUBLISH';
  /** Shown by clients as the subscribed calendar's name (X-WR-CALNAME). */
  readonly name?: string;
  /** DTSTAMP of every event: when this document was made. */
  readonly stamp: Date;
  readonly events: readonly CalendarEvent[];
  /** VTIMEZONEs cover these UTC years (the events' first to some years ahead). */
  readonly zoneYears: { readonly from: number; readonly until: number };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function utcStamp(instant: Date): string {
  const d = new Date(Math.floor(instant.getTime() / 1000) * 1000);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** PT4H, PT1H30M, PT45M: exact (elapsed) time in RFC 5545 duration syntax. */
export function exactDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `PT${hours ? `${hours}H` : ''}${rest || !hours ? `${rest}M` : ''}`;
}

function eventLines(event: CalendarEvent, stamp: Date): string[] {
  const start =
    'local' in event.start
      ? `DTSTART;TZID=${event.start.tzid}:${event.start.local}`
      : `DTSTART:${utcStamp(event.start.instant)}`;
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utcStamp(stamp)}`,
    `SEQUENCE:${event.sequence}`,
    start,
    `DURATION:${exactDuration(event.durationMinutes)}`,
  ];
  if (event.rrule) lines.push(`RRULE:${event.rrule}`);
  for (const exdate of event.exdates ?? [])
    lines.push('local' in event.start ? `EXDATE;TZID=${event.start.tzid}:${exdate}` : `EXDATE:${exdate}Z`);
  if (event.recurrenceId)
    lines.push(`RECURRENCE-ID;TZID=${event.recurrenceId.tzid}:${event.recurrenceId.local}`);
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(',')}`);
  if (event.created) lines.push(`CREATED:${utcStamp(event.created)}`);
  if (event.lastModified) lines.push(`LAST-MODIFIED:${utcStamp(event.lastModified)}`);
  lines.push('STATUS:CONFIRMED', 'TRANSP:OPAQUE', 'END:VEVENT');
  return lines;
}

/** The whole document as text: CRLF line endings, folded. */
export function buildCalendar(doc: CalendarDocument): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${doc.prodId}`, 'CALSCALE:GREGORIAN'];
  if (doc.method) lines.push(`METHOD:${doc.method}`);
  if (doc.name) lines.push(`X-WR-CALNAME:${escapeText(doc.name)}`);
  const zones = new Set<string>();
  for (const event of doc.events) {
    if ('local' in event.start) zones.add(event.start.tzid);
    if (event.recurrenceId) zones.add(event.recurrenceId.tzid);
  }
  for (const zone of [...zones].sort())
    lines.push(...vtimezoneLines(zone, doc.zoneYears.from, doc.zoneYears.until));
  for (const event of doc.events) lines.push(...eventLines(event, doc.stamp));
  lines.push('END:VCALENDAR');
  return joinLines(lines);
}
