/** Dates and times in the browser's locale and time zone. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(instant: string | null | undefined, fallback = ''): string {
  if (!instant) return fallback;
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? fallback : dateTime.format(date);
}

export function formatDate(instant: string | null | undefined, fallback = ''): string {
  if (!instant) return fallback;
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? fallback : dateOnly.format(date);
}
