import type { Db } from './client.js';

/**
 * One statement at a time for what many concurrent requests of a process want sent after their
 * commits (announcements, job wake-ups): items added while a flush runs go into the next flush,
 * which starts after it — so after their callers' commits too. Each caller returns once a flush
 * holding its items has finished. Under load, many requests share one statement instead of each
 * sending its own (and queueing on the same job row). A failed flush is swallowed: these are
 * nudges with safety nets behind them (scheduled scans), never the change itself.
 */
export class Coalescer<T> {
  private pending: T[] = [];
  private waiters: (() => void)[] = [];
  private running = false;

  constructor(private readonly flush: (items: T[]) => Promise<void>) {}

  add(items: T[]): Promise<void> {
    this.pending.push(...items);
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    if (!this.running) void this.run();
    return done;
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.pending.length > 0) {
      const [items, waiters] = [this.pending, this.waiters];
      [this.pending, this.waiters] = [[], []];
      await this.flush(items).catch(() => undefined);
      for (const resolve of waiters) resolve();
    }
    this.running = false;
  }
}

const coalescers = new WeakMap<Db, Map<string, Coalescer<unknown>>>();

/** The coalescer of `name` for a database handle (tests run several databases in one process). */
export function coalescerFor<T>(db: Db, name: string, flush: (db: Db, items: T[]) => Promise<void>) {
  let byName = coalescers.get(db);
  if (!byName) {
    byName = new Map();
    coalescers.set(db, byName);
  }
  let coalescer = byName.get(name) as Coalescer<T> | undefined;
  if (!coalescer) {
    coalescer = new Coalescer<T>((items) => flush(db, items));
    byName.set(name, coalescer as Coalescer<unknown>);
  }
  return coalescer;
}
