/** A month as weeks of local days (Monday first), for the change calendar. Pure. */
export type Day = { date: Date; inMonth: boolean; key: string };

const pad = (n: number) => String(n).padStart(2, '0');
export const dayKey = (date: Date) =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

export function monthGrid(year: number, month: number): Day[][] {
  const first = new Date(year, month, 1);
  const offset = (first.getDay() + 6) % 7;
  const start = new Date(year, month, 1 - offset);
  const weeks: Day[][] = [];
  for (let week = 0; week < 6; week++) {
    const days: Day[] = [];
    for (let day = 0; day < 7; day++) {
      const date = new Date(start.getFullYear(), start.getMonth(), start.getDate() + week * 7 + day);
      days.push({ date, inMonth: date.getMonth() === month, key: dayKey(date) });
    }
    if (week >= 4 && days.every((day) => !day.inMonth)) break;
    weeks.push(days);
  }
  return weeks;
}

/** The local days an interval [start, end) touches, as keys. */
export function daysTouched(start: Date, end: Date): string[] {
  const keys: string[] = [];
  const cursor = new Date(start.getFullYear(), start.getMonth(), start.getDate());
  const last = new Date(end.getTime() - 1);
  while (cursor.getTime() <= last.getTime() && keys.length < 62) {
    keys.push(dayKey(cursor));
    cursor.setDate(cursor.getDate() + 1);
  }
  return keys;
}
