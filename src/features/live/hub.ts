import type pg from 'pg';
import { LIVE_MAX_CONNECTIONS_PER_USER } from '../../contracts/live.js';
import { listen } from '../../db/listen.js';
import type { Logger } from '../../platform/logger.js';
import { LIVE_CHANNEL } from '../outbox/index.js';
import { type LiveNotice, parseNotice } from './notice.js';

/** One open stream, as the hub sees it. */
export interface LiveSubscriber {
  notice(notice: LiveNotice): void;
  /** Notices may have been lost (the LISTEN connection dropped and is back): refetch everything. */
  resync(): void;
  /** Close the stream (the server is shutting down). */
  end(): void;
}

/**
 * The process's one LISTEN connection on tend_live, fanned out to every open stream in this
 * process (each filters by its caller). While the connection is down nothing is heard; when it is
 * back every stream is told to resync, since what happened in between is unknown.
 */
export class LiveHub {
  private readonly subscribers = new Set<LiveSubscriber>();
  private readonly perUser = new Map<string, number>();
  private readonly listener;
  private isListening = false;
  private hadGap = false;

  constructor(options: { connection: pg.PoolConfig; log: Logger; maxDelayMs?: number }) {
    this.listener = listen({
      connection: options.connection,
      channel: LIVE_CHANNEL,
      log: options.log,
      maxDelayMs: options.maxDelayMs,
      onNotify: (payload) => this.fanOut(payload),
      onGap: () => {
        this.isListening = false;
        this.hadGap = true;
      },
      onListening: () => {
        this.isListening = true;
        if (!this.hadGap) return;
        this.hadGap = false;
        for (const subscriber of this.subscribers) subscriber.resync();
      },
    });
  }

  /** Notices are being heard (the LISTEN connection is up). */
  get listening(): boolean {
    return this.isListening;
  }

  get streams(): number {
    return this.subscribers.size;
  }

  subscribe(subscriber: LiveSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Count a stream against its user's limit; false when the user already has as many as allowed. */
  admit(userKey: string): boolean {
    const open = this.perUser.get(userKey) ?? 0;
    if (open >= LIVE_MAX_CONNECTIONS_PER_USER) return false;
    this.perUser.set(userKey, open + 1);
    return true;
  }

  release(userKey: string): void {
    const open = (this.perUser.get(userKey) ?? 1) - 1;
    if (open <= 0) this.perUser.delete(userKey);
    else this.perUser.set(userKey, open);
  }

  /** End every open stream: a server does not finish closing while a response is still open. */
  endStreams(): void {
    for (const subscriber of [...this.subscribers]) subscriber.end();
  }

  async close(): Promise<void> {
    this.endStreams();
    await this.listener.close();
  }

  private fanOut(payload: string): void {
    const notice = parseNotice(payload);
    if (!notice) return;
    for (const subscriber of this.subscribers) subscriber.notice(notice);
  }
}
