import { type SQL, sql } from 'drizzle-orm';
import type { LiveResync } from '../../contracts/live.js';
import type { Db } from '../../db/client.js';
import { liveNoticeJson } from '../outbox/index.js';
import type { LiveNotice } from './notice.js';

/** Replay covers at most this long a gap and this many events; beyond, the client resyncs. */
export const REPLAY_MAX_AGE_MS = 60 * 60_000;
export const REPLAY_MAX_EVENTS = 500;
/**
 * Event ids are taken when written but announced on commit, so an event with a lower id can
 * commit after one with a higher id. Replay therefore also resends the events written shortly
 * before the client's position (they may have committed after it left); a client ignores the
 * ones it already has. Covers transactions up to this long (the longest a request runs).
 */
const REPLAY_OVERLAP = { ms: 30_000, events: 1_000 };

export type Replay =
  | { kind: 'events'; notices: LiveNotice[] }
  | { kind: 'resync'; reason: LiveResync['reason'] };

/** Where a stream starts: its position, and what it missed before (null: nothing asked). */
export interface StartingPoint {
  position: number;
  replay: Replay | null;
}

/** The newest event id: where a fresh stream stands (what a reconnect replays from). */
export async function latestEventId(db: Db): Promise<number> {
  const { rows } = await db.execute<{ id: number | null }>(sql`select max(id) as id from outbox_events`);
  return Number(rows[0]?.id ?? 0);
}

/** Events after `lastId` (plus the overlap), as notices in id order — or why they cannot be. */
export async function replayAfter(db: Db, lastId: number, now: Date): Promise<Replay> {
  const anchor = await db.execute<{ at: string }>(sql`select at from outbox_events where id = ${lastId}`);
  const anchorAt = anchor.rows[0] ? new Date(anchor.rows[0].at) : null;
  if (!anchorAt) return { kind: 'resync', reason: 'replay_unknown_position' };
  if (now.getTime() - anchorAt.getTime() > REPLAY_MAX_AGE_MS)
    return { kind: 'resync', reason: 'replay_too_long' };
  const missed = await noticesWhere(db, sql`e.id > ${lastId}`, REPLAY_MAX_EVENTS + 1);
  if (missed.length > REPLAY_MAX_EVENTS) return { kind: 'resync', reason: 'replay_too_long' };
  const overlap = await noticesWhere(
    db,
    sql`e.id > ${lastId - REPLAY_OVERLAP.events} and e.id < ${lastId} and e.at >= ${new Date(anchorAt.getTime() - REPLAY_OVERLAP.ms)}`,
    REPLAY_OVERLAP.events,
  );
  return { kind: 'events', notices: [...overlap, ...missed] };
}

async function noticesWhere(db: Db, condition: SQL, limit: number): Promise<LiveNotice[]> {
  const { rows } = await db.execute<{ notice: string }>(
    sql`select ${liveNoticeJson(sql`e`)} as notice from outbox_events e where ${condition} order by e.id limit ${limit}`,
  );
  return rows.map((row) => JSON.parse(row.notice) as LiveNotice);
}
