import type { CalendarInput, OpeningInterval, Weekday } from './types.js';

/** The support coverages contracts name. */
export const CALENDAR_PRESETS = ['24/7', '24/5', '12/5', '8/5'] as const;
export type CalendarPreset = (typeof CALENDAR_PRESETS)[number];

const WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const ALL_DAYS: readonly Weekday[] = [...WORKDAYS, 'sat', 'sun'];

const PRESET_HOURS: Record<CalendarPreset, { days: readonly Weekday[]; interval: OpeningInterval }> = {
  '24/7': { days: ALL_DAYS, interval: ['00:00', '24:00'] },
  // Mon 00:00 to Fri 24:00 is the same set of instants as 00:00-24:00 on each workday.
  '24/5': { days: WORKDAYS, interval: ['00:00', '24:00'] },
  '12/5': { days: WORKDAYS, interval: ['08:00', '20:00'] },
  '8/5': { days: WORKDAYS, interval: ['09:00', '17:00'] },
};

/** A preset as a plain calendar input (the API shape), ready to store, edit or compile. */
export function presetCalendar(
  preset: CalendarPreset,
  timezone: string,
  holidays: readonly string[] = [],
): CalendarInput {
  const { days, interval } = PRESET_HOURS[preset];
  const hours: CalendarInput['hours'] = {};
  for (const day of days) hours[day] = [[interval[0], interval[1]]];
  return { timezone, hours, holidays: [...holidays] };
}
