import { z } from 'zod';

/**
 * GET /api/v1/live — Server-Sent Events. Each event is a hint that something changed (refetch it),
 * never the change itself: what the caller may read is always fetched through the scoped API.
 *
 * Events on the stream (`event:` name → `data:` JSON):
 * - `ready`  — subscribed; from here on nothing is missed (`id:` carries the replay position).
 * - `change` — a domain event the caller may know of ({@link liveEvent}); `id:` is its outbox id
 *   (or a higher one already sent: the stream's position only moves forward).
 * - `resync` — events may have been missed (a gap too long to replay, the server's database
 *   notifications were interrupted): refetch everything shown.
 * Reconnecting with `Last-Event-ID` replays what was missed (up to an hour, 500 events) or resyncs.
 */
export const liveEvent = z.object({
  /** The outbox event id: increasing in write order, a client may see one twice (replay overlap). */
  id: z.number().int(),
  /** The domain event type, e.g. `ticket.created`, `ticket.replied`, `change.approved`. */
  type: z.string(),
  at: z.string(),
  entity: z.object({
    /** `ticket`, `change`, `maintenance_task`, … (the event's aggregate type). */
    kind: z.string(),
    id: z.string(),
    /** Tickets: the display number, e.g. `T-10001`. */
    number: z.string().nullable(),
  }),
  /** The caller made this change themselves (in this tab or another). */
  byYou: z.boolean(),
});
export type LiveEvent = z.infer<typeof liveEvent>;

export const liveReady = z.object({
  /** false while the server cannot hear the database: a `resync` follows when it can again. */
  listening: z.boolean(),
  /** How many missed events were replayed after `Last-Event-ID` (0 without one). */
  replayed: z.number().int(),
});
export type LiveReady = z.infer<typeof liveReady>;

export const liveResync = z.object({
  reason: z.enum(['gap', 'replay_too_long', 'replay_unknown_position', 'not_listening']),
});
export type LiveResync = z.infer<typeof liveResync>;

/** Open streams per user and server process; one more is refused (429). */
export const LIVE_MAX_CONNECTIONS_PER_USER = 10;
