import { validationError } from './errors.js';

/**
 * Keyset pagination: the cursor is the sort key and id of the last row of the previous page,
 * opaque to clients (base64url JSON). Stable under inserts; no OFFSET scans.
 */
export interface CursorKey {
  /** The value of the sort column on the last row (string, number or null). */
  v: string | number | null;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorKey | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorKey;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.id !== 'string')
      throw new Error('shape');
    if (!['string', 'number'].includes(typeof parsed.v) && parsed.v !== null) throw new Error('shape');
    return parsed;
  } catch {
    throw validationError([{ path: 'query.cursor', message: 'is not a cursor this server issued' }]);
  }
}

/** Given limit+1 fetched rows, the page and the cursor for the next one. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => CursorKey,
): { items: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1] as T;
  return { items, nextCursor: encodeCursor(keyOf(last)) };
}
