/**
 * Writing a window's recurrence back out as strict RFC 5545 text for calendar clients. The input
 * accepts lenient spellings (any case, spaces, extended dates, a local UNTIL); clients need the
 * canonical form, and with a zoned DTSTART an UNTIL in UTC (RFC 5545 §3.3.10).
 */
import { parseLocalDateTime } from './civil.js';
import { RecurrenceError } from './errors.js';
import { parseRecurrenceRule, type RecurrenceRule, WEEKDAY_CODES } from './rule.js';
import { loadTimeZone } from './zone.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as an RFC 5545 UTC date-time, whole seconds: 20260329T010000Z. */
export function formatUtcDateTime(instant: Date): string {
  const d = new Date(Math.floor(instant.getTime() / 1000) * 1000);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** A stored local DTSTART ("2026-01-04T02:00[:00]") in RFC 5545 basic form: 20260104T020000. */
export function formatLocalDateTime(dtstart: string): string {
  const t = parseLocalDateTime(dtstart.trim());
  if (!t) throw new RecurrenceError('dtstart', `not a local date-time: '${dtstart}'`);
  return `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}T${pad(t.hour)}${pad(t.minute)}${pad(t.second)}`;
}

function untilText(rule: RecurrenceRule, timezone: string): string | null {
  const until = rule.until;
  if (!until) return null;
  if (until.kind === 'utc') return formatUtcDateTime(new Date(until.instantMs));
  const zone = loadTimeZone(timezone);
  if (!zone) throw new RecurrenceError('timezone', `unknown IANA time zone '${timezone}'`);
  // The last local instant the rule allows, as a real instant (a gap takes the offset before it).
  return formatUtcDateTime(new Date(zone.toInstant(until.localMs)));
}

/** The canonical RRULE value (no "RRULE:" prefix), UNTIL in UTC; throws RecurrenceError. */
export function formatRecurrenceRule(rrule: string, timezone: string): string {
  const rule = parseRecurrenceRule(rrule);
  const list = (values: readonly number[] | null) => (values ? values.join(',') : null);
  const parts: [string, string | null][] = [
    ['FREQ', rule.freq],
    ['INTERVAL', rule.interval === 1 ? null : String(rule.interval)],
    ['COUNT', rule.count === null ? null : String(rule.count)],
    ['UNTIL', untilText(rule, timezone)],
    ['BYSECOND', list(rule.bySecond)],
    ['BYMINUTE', list(rule.byMinute)],
    ['BYHOUR', list(rule.byHour)],
    [
      'BYDAY',
      rule.byDay
        ? rule.byDay.map((d) => `${d.n === 0 ? '' : d.n}${WEEKDAY_CODES[d.weekday]}`).join(',')
        : null,
    ],
    ['BYMONTHDAY', list(rule.byMonthDay)],
    ['BYYEARDAY', list(rule.byYearDay)],
    ['BYWEEKNO', list(rule.byWeekNo)],
    ['BYMONTH', list(rule.byMonth)],
    ['BYSETPOS', list(rule.bySetPos)],
    ['WKST', rule.wkst === 0 ? null : (WEEKDAY_CODES[rule.wkst] ?? null)],
  ];
  return parts
    .filter((part): part is [string, string] => part[1] !== null)
    .map(([name, value]) => `${name}=${value}`)
    .join(';');
}
