import type { AuditEntry } from '../../../../contracts/audit.js';
import type { QueryParams } from '../../../app/api';
import { useCursorList } from '../../../ui/lists';

export function useAuditList(filters: QueryParams) {
  return useCursorList<AuditEntry>(['audit', 'list'], '/audit', filters);
}

/** A local date (YYYY-MM-DD from a date input) as the instant where that day starts or ends. */
export function dayBoundary(date: string, edge: 'start' | 'end'): string | undefined {
  if (!date) return undefined;
  const local = new Date(`${date}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`);
  return Number.isNaN(local.getTime()) ? undefined : local.toISOString();
}
