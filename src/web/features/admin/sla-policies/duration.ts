import { t } from '../../../i18n/t';

/** A target as a person enters it: an amount in hours or minutes (business time). */
export type DurationUnit = 'min' | 'h';
export type Duration = { amount: number | ''; unit: DurationUnit };

export function toDuration(minutes: number | undefined): Duration {
  if (minutes === undefined) return { amount: '', unit: 'h' };
  return minutes % 60 === 0 ? { amount: minutes / 60, unit: 'h' } : { amount: minutes, unit: 'min' };
}

/** Whole minutes, or undefined for "no target"; a fraction of an hour rounds to the minute. */
export function toMinutes(duration: Duration): number | undefined {
  if (duration.amount === '' || duration.amount <= 0) return undefined;
  return Math.round(duration.unit === 'h' ? duration.amount * 60 : duration.amount);
}

/** "4 h", "1 h 30 min", "45 min" — business time, so no days. */
export function formatMinutes(minutes: number | undefined): string {
  if (minutes === undefined) return '—';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('slaPolicies.minutes', { count: rest });
  if (rest === 0) return t('slaPolicies.hours', { count: hours });
  return t('slaPolicies.hoursMinutes', { hours, minutes: rest });
}
