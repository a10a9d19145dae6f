import { useQueries } from '@tanstack/react-query';
import type { AuditEntry } from '../../../../contracts/audit.js';
import type { QueryParams } from '../../../app/api';
import { useCursorList } from '../../../ui/lists';
import { userQuery } from '../users/api';

export function useAuditList(filters: QueryParams) {
  return useCursorList<AuditEntry>(['audit', 'list'], '/audit', filters);
}

/** Names for the people who appear as actors on the loaded entries (one cached request each). */
export function useActorNames(entries: AuditEntry[]): Map<string, string> {
  const ids = [
    ...new Set(
      entries.flatMap((entry) => (entry.actorType === 'user' && entry.actorId ? [entry.actorId] : [])),
    ),
  ];
  const results = useQueries({
    queries: ids.map(userQuery),
  });
  const names = new Map<string, string>();
  results.forEach((result, index) => {
    const id = ids[index];
    if (id && result.data) names.set(id, result.data.name);
  });
  return names;
}

/** A local date (YYYY-MM-DD from a date input) as the instant where that day starts or ends. */
export function dayBoundary(date: string, edge: 'start' | 'end'): string | undefined {
  if (!date) return undefined;
  const local = new Date(`${date}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`);
  return Number.isNaN(local.getTime()) ? undefined : local.toISOString();
}
