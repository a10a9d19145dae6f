import type pg from 'pg';
import { listen } from '../../db/listen.js';
import type { ResolvedCaller } from '../../http/auth-hooks.js';
import type { Logger } from '../../platform/logger.js';

/** The channel the database notifies on when sessions, tokens, users or teams change (see the migration auth_change_notifications). */
export const AUTH_CHANGED_CHANNEL = 'tend_auth_changed';

/**
 * Who a session cookie or an API token stands for, remembered for a short while so that a request
 * needs no query to authenticate. Correct because it is forgotten whenever it may be wrong:
 * - the database notifies every process (trigger → NOTIFY tend_auth_changed) when a token is
 *   revoked or changed, a session ends, a user's role, activity or organisation changes, or team
 *   membership or coverage changes — by any process, command or hand-written SQL;
 * - a process forgets at once after each write request it served (its own changes are seen by the
 *   very next request, without waiting for the notification);
 * - while the LISTEN connection is down nothing is remembered;
 * - an entry never outlives its session's or token's expiry, nor `ttlMs`.
 * A request that started reading before a change must not store what it read: every forget moves
 * the generation on, and only a lookup begun in the current generation is stored.
 */
export class CallerCache {
  private entries = new Map<string, { caller: ResolvedCaller; validUntil: number }>();
  private generationCounter = 0;
  enabled = false;

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get generation(): number {
    return this.generationCounter;
  }

  get(key: string, nowMs: number): ResolvedCaller | null {
    if (!this.enabled) return null;
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.validUntil <= nowMs) {
      this.entries.delete(key);
      return null;
    }
    return entry.caller;
  }

  set(key: string, caller: ResolvedCaller, validUntil: number, generation: number): void {
    if (!this.enabled || this.ttlMs <= 0 || generation !== this.generationCounter) return;
    if (this.entries.size >= this.maxEntries) {
      // Oldest first (Map keeps insertion order).
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { caller, validUntil });
  }

  forget(): void {
    this.generationCounter++;
    if (this.entries.size) this.entries = new Map();
  }
}

/**
 * A cache that listens: remembering starts once LISTEN is up, and everything is forgotten on each
 * notification and whenever the connection drops (until it is back). `ttlMs` 0: no cache at all.
 */
export function startCallerCache(options: { connection: pg.PoolConfig; ttlMs: number; log: Logger }): {
  cache: CallerCache | undefined;
  close(): Promise<void>;
} {
  if (options.ttlMs <= 0) return { cache: undefined, close: async () => undefined };
  const cache = new CallerCache(options.ttlMs);
  const listener = listen({
    connection: options.connection,
    channel: AUTH_CHANGED_CHANNEL,
    log: options.log,
    onNotify: () => cache.forget(),
    onGap: () => {
      cache.enabled = false;
      cache.forget();
    },
    onListening: () => {
      cache.forget();
      cache.enabled = true;
    },
  });
  return { cache, close: () => listener.close() };
}
