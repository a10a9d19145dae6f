/** The calendar page's periods, in the browser's local time: a month, or a week from Monday. */
export type PeriodKind = 'month' | 'week';

export interface Period {
  kind: PeriodKind;
  start: Date;
  end: Date;
}

export function periodContaining(kind: PeriodKind, at: Date): Period {
  if (kind === 'month') {
    const start = new Date(at.getFullYear(), at.getMonth(), 1);
    return { kind, start, end: new Date(at.getFullYear(), at.getMonth() + 1, 1) };
  }
  const monday = new Date(at.getFullYear(), at.getMonth(), at.getDate() - ((at.getDay() + 6) % 7));
  return {
    kind,
    start: monday,
    end: new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7),
  };
}

/** The period before (-1) or after (+1). */
export function shiftPeriod(period: Period, step: -1 | 1): Period {
  const { start } = period;
  const at =
    period.kind === 'month'
      ? new Date(start.getFullYear(), start.getMonth() + step, 1)
      : new Date(start.getFullYear(), start.getMonth(), start.getDate() + 7 * step);
  return periodContaining(period.kind, at);
}

/** Local calendar day key, e.g. 2026-03-29, for grouping. */
export function dayKey(instant: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

/** Occurrences grouped by the local day they start on, days in order. */
export function byDay<T extends { start: string }>(items: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = dayKey(new Date(item.start));
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}
