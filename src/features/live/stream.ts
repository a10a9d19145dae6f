import type { ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import type { LiveReady, LiveResync } from '../../contracts/live.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { Logger } from '../../platform/logger.js';
import type { LiveHub, LiveSubscriber } from './hub.js';
import { audience, type LiveNotice, toLiveEvent } from './notice.js';
import type { StartingPoint } from './replay.js';

/** A stream whose client reads slower than this much is pending is dropped (it will reconnect). */
const MAX_PENDING_BYTES = 1024 * 1024;

export interface StreamOptions {
  db: Db;
  hub: LiveHub;
  log: Logger;
  res: ServerResponse;
  actor: Actor;
  /** The caller again (null: signed out, token revoked…), asked at every heartbeat. */
  reauthenticate(): Promise<Actor | null>;
  heartbeatMs: number;
}

/**
 * One client's Server-Sent Events stream: notices the caller may hear, in the order this process
 * heard them; a heartbeat comment (which also re-checks who the caller is, so a revoked session
 * or a narrowed scope takes effect within one beat); `id:` = the highest event id sent, which the
 * browser sends back as Last-Event-ID when it reconnects.
 */
export class LiveStream implements LiveSubscriber {
  private position = 0;
  /** Notices heard while the replay was read; sent after it (once each). */
  private pending: LiveNotice[] | null = [];
  private replayed = new Set<number>();
  private heartbeat: NodeJS.Timeout | null = null;
  private unsubscribe: () => void = () => undefined;
  private ended = false;
  private onEnd: () => void = () => undefined;

  constructor(private readonly options: StreamOptions) {}

  /** Subscribe first, then replay, so that nothing committed in between falls through. */
  async start(replay: () => Promise<StartingPoint>, onEnd: () => void) {
    this.onEnd = onEnd;
    const { res } = this.options;
    res.on('close', () => this.end());
    this.unsubscribe = this.options.hub.subscribe(this);
    this.write('retry: 5000\n\n');
    const started = await replay().catch((error: unknown) => {
      this.options.log.warn({ err: error }, 'live stream: could not read missed events');
      return { position: 0, replay: { kind: 'resync', reason: 'gap' } } satisfies StartingPoint;
    });
    this.position = started.position;
    let replayedCount = 0;
    if (started.replay?.kind === 'resync') this.resync(started.replay.reason);
    else if (started.replay)
      for (const notice of started.replay.notices) {
        this.replayed.add(notice.id);
        if (await this.send(notice)) replayedCount++;
      }
    const ready: LiveReady = { listening: this.options.hub.listening, replayed: replayedCount };
    this.write(`event: ready\nid: ${this.position}\ndata: ${JSON.stringify(ready)}\n\n`);
    const heard = this.pending ?? [];
    this.pending = null;
    for (const notice of heard) if (!this.replayed.has(notice.id)) await this.send(notice);
    this.replayed.clear();
    if (this.ended) return;
    this.heartbeat = setInterval(() => void this.beat(), this.options.heartbeatMs);
  }

  notice(notice: LiveNotice): void {
    if (this.ended) return;
    if (this.pending) this.pending.push(notice);
    else void this.send(notice);
  }

  resync(reason: LiveResync['reason'] = 'gap'): void {
    this.write(`event: resync\ndata: ${JSON.stringify({ reason } satisfies LiveResync)}\n\n`);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.unsubscribe();
    this.onEnd();
    this.options.res.end();
  }

  private async send(notice: LiveNotice): Promise<boolean> {
    const actor = this.options.actor;
    let verdict = audience(actor, notice);
    if (verdict === 'check') verdict = (await this.watches(notice.entityId, actor.userId)) ? 'yes' : 'no';
    if (verdict === 'no' || this.ended) return false;
    this.position = Math.max(this.position, notice.id);
    const data = JSON.stringify(toLiveEvent(actor, notice));
    this.write(`event: change\nid: ${this.position}\ndata: ${data}\n\n`);
    return true;
  }

  private async watches(ticketId: string, userId: string | null): Promise<boolean> {
    if (!userId) return false;
    const { rows } = await this.options.db.execute(
      sql`select 1 from ticket_watchers where ticket_id = ${ticketId}::uuid and user_id = ${userId}`,
    );
    return rows.length > 0;
  }

  private async beat(): Promise<void> {
    this.write(': heartbeat\n\n');
    try {
      const actor = await this.options.reauthenticate();
      if (!actor) this.end();
      else this.options.actor = actor;
    } catch (error) {
      // The database may be briefly away: keep the stream and the caller we know, ask again next beat.
      this.options.log.warn({ err: error }, 'live stream: could not re-check the caller');
    }
  }

  private write(chunk: string): void {
    if (this.ended) return;
    const { res } = this.options;
    if (res.writableLength > MAX_PENDING_BYTES) {
      this.end();
      return;
    }
    res.write(chunk);
  }
}
