import pg from 'pg';
import type { Logger } from '../platform/logger.js';

export interface Listener {
  /** true while the LISTEN connection is up (notifications are being received). */
  readonly connected: boolean;
  close(): Promise<void>;
}

export interface ListenOptions {
  connection: pg.PoolConfig;
  channel: string;
  log: Logger;
  onNotify(payload: string): void;
  /** Notifications may be missed from now on: before the first connection, and when it drops. */
  onGap(): void;
  /** Listening (again): from here on nothing is missed; what happened before is unknown. */
  onListening?(): void;
  /** Reconnect delays grow from 1 s to this (default 30 s). */
  maxDelayMs?: number;
}

/**
 * LISTEN on a channel of its own connection (outside any pool), reconnecting with backoff. A
 * notification is only a hint that something changed; `onGap` tells when hints may be lost.
 */
export function listen(options: ListenOptions): Listener {
  let client: pg.Client | null = null;
  let connected = false;
  let closed = false;
  let delay = 1000;
  let timer: NodeJS.Timeout | null = null;

  const gap = () => {
    connected = false;
    options.onGap();
  };
  const retry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, options.maxDelayMs ?? 30_000);
  };
  const connect = async () => {
    const next = new pg.Client({
      ...options.connection,
      application_name: 'tend-listen',
      keepAlive: true,
    } as pg.ClientConfig);
    client = next;
    next.on('notification', (message) => {
      if (message.channel === options.channel) options.onNotify(message.payload ?? '');
    });
    const lost = (error?: Error) => {
      if (client !== next) return;
      client = null;
      if (error && !closed)
        options.log.warn({ err: error, channel: options.channel }, 'LISTEN connection lost');
      gap();
      next.removeAllListeners('end');
      next.end().catch(() => undefined);
      retry();
    };
    next.on('error', lost);
    next.on('end', () => lost());
    try {
      await next.connect();
      await next.query(`listen "${options.channel.replace(/"/g, '""')}"`);
      if (closed || client !== next) return;
      delay = 1000;
      connected = true;
      options.onListening?.();
    } catch (error) {
      lost(error as Error);
    }
  };

  options.onGap();
  void connect();
  return {
    get connected() {
      return connected;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      connected = false;
      if (current) {
        current.removeAllListeners('end');
        await current.end().catch(() => undefined);
      }
    },
  };
}
