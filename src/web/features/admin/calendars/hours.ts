import { WEEKDAYS, type Weekday } from '../../../../core/calendar/types.js';
import { t } from '../../../i18n/t';

/** Opening intervals per weekday, as the API sends and takes them: [["09:00", "17:00"]]. */
export type WeeklyHours = Partial<Record<Weekday, [string, string][]>>;

export const dayLabel = (day: Weekday): string => t(`calendars.day.${day}`);

const intervalsText = (intervals: [string, string][]): string =>
  intervals.map(([open, close]) => `${open}–${close}`).join(', ');

/**
 * Weekly hours in a line: consecutive days with the same hours are grouped ("Mon–Fri 09:00–17:00").
 * Days without hours are left out; a calendar with none says so.
 */
export function summariseHours(hours: WeeklyHours): string {
  const groups: { from: Weekday; to: Weekday; text: string }[] = [];
  for (const day of WEEKDAYS) {
    const intervals = hours[day] ?? [];
    const text = intervals.length > 0 ? intervalsText(intervals) : '';
    const last = groups.at(-1);
    const previous = WEEKDAYS[WEEKDAYS.indexOf(day) - 1];
    if (last && text && last.text === text && last.to === previous) last.to = day;
    else if (text) groups.push({ from: day, to: day, text });
  }
  if (groups.length === 0) return t('calendars.noHours');
  return groups
    .map(
      ({ from, to, text }) => `${from === to ? dayLabel(from) : `${dayLabel(from)}–${dayLabel(to)}`} ${text}`,
    )
    .join(' · ');
}

/** A copy with every weekday present (closed days empty), for editing. */
export function editableHours(hours: WeeklyHours): Record<Weekday, [string, string][]> {
  return Object.fromEntries(
    WEEKDAYS.map((day) => [day, (hours[day] ?? []).map(([open, close]) => [open, close])]),
  ) as Record<Weekday, [string, string][]>;
}

/** Only the open days, as the API stores them. */
export function compactHours(hours: Record<Weekday, [string, string][]>): WeeklyHours {
  return Object.fromEntries(WEEKDAYS.filter((day) => hours[day].length > 0).map((day) => [day, hours[day]]));
}

/** IANA zones the browser knows (UTC first), for the zone picker. */
export function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}
