import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { startWorker } from '../../jobs/worker.js';
import { type Context, SYSTEM_ACTOR } from '../../platform/actor.js';
import { silentLogger } from '../../platform/logger.js';
import { dispatchOutbox, type EventSubscriber, type OutboxEvent, outboxJobs } from './dispatcher.js';
import { publishEvent } from './outbox.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const ctx = (): Context => ({ actor: SYSTEM_ACTOR, requestId: 'req-1', now: new Date() });
const event = (id: string) => ({
  type: 'thing.happened',
  aggregateType: 'thing',
  aggregateId: id,
  payload: { id },
});

function collector(fail: (event: OutboxEvent) => boolean = () => false) {
  const seen: string[] = [];
  const subscriber: EventSubscriber = {
    name: 'collector',
    types: ['thing.happened'],
    async handle(received) {
      if (fail(received)) throw new Error(`cannot handle ${received.aggregateId}`);
      seen.push(received.aggregateId);
    },
  };
  return { seen, subscriber };
}

describe('transactional outbox', () => {
  it('keeps an event only if its transaction commits, and wakes the dispatcher in that transaction', async () => {
    await database.db.transaction(async (tx) => publishEvent(tx, ctx(), event('committed')));
    await database.db
      .transaction(async (tx) => {
        await publishEvent(tx, ctx(), event('rolled-back'));
        throw new Error('no');
      })
      .catch(() => undefined);
    const { rows } = await database.pool.query('select aggregate_id, payload from outbox_events');
    expect(rows.map((row) => row.aggregate_id)).toEqual(['committed']);
    expect(rows[0].payload.requestId).toBe('req-1');
    const jobs = await database.pool.query(
      `select count(*)::int as n from graphile_worker.jobs where task_identifier = 'outbox.dispatch'`,
    );
    expect(jobs.rows[0].n).toBe(1);
  });

  it('delivers each event once, in order, and marks it published', async () => {
    await database.db.transaction(async (tx) => {
      await publishEvent(tx, ctx(), event('a'));
      await publishEvent(tx, ctx(), event('b'));
    });
    const { seen, subscriber } = collector();
    const first = await dispatchOutbox(database.db, [subscriber], silentLogger(), () => new Date());
    const second = await dispatchOutbox(database.db, [subscriber], silentLogger(), () => new Date());
    expect(seen).toEqual(['committed', 'a', 'b']);
    expect(first).toEqual({ published: 3, failed: 0 });
    expect(second).toEqual({ published: 0, failed: 0 });
  });

  it('retries a failed delivery later without blocking the others, recording the error', async () => {
    await database.db.transaction(async (tx) => {
      await publishEvent(tx, ctx(), event('poison'));
      await publishEvent(tx, ctx(), event('fine'));
    });
    let broken = true;
    const { seen, subscriber } = collector((received) => broken && received.aggregateId === 'poison');
    const result = await dispatchOutbox(database.db, [subscriber], silentLogger(), () => new Date());
    expect(result).toEqual({ published: 1, failed: 1 });
    const { rows } = await database.pool.query(
      `select attempts, last_error from outbox_events where aggregate_id = 'poison'`,
    );
    expect(rows[0]).toEqual({ attempts: 1, last_error: 'collector: cannot handle poison' });
    broken = false;
    await dispatchOutbox(database.db, [subscriber], silentLogger(), () => new Date());
    expect(seen).toEqual(['fine', 'poison']);
  });

  it('hands subscribers the event as published: time as a Date, id, organisation, payload', async () => {
    const at = new Date('2030-05-06T07:08:09.123Z');
    const id = await database.db.transaction(async (tx) =>
      publishEvent(tx, { ...ctx(), now: at }, { ...event('timed'), organisationId: null }),
    );
    const received: OutboxEvent[] = [];
    const subscriber: EventSubscriber = {
      name: 'recorder',
      types: '*',
      async handle(seen) {
        received.push(seen);
      },
    };
    await dispatchOutbox(database.db, [subscriber], silentLogger(), () => new Date());
    expect(received).toHaveLength(1);
    expect(received[0]!.at).toBeInstanceOf(Date);
    expect(received[0]).toMatchObject({
      id,
      at,
      type: 'thing.happened',
      aggregateId: 'timed',
      organisationId: null,
    });
    expect(received[0]!.payload).toEqual({ id: 'timed', actorId: null, requestId: 'req-1' });
  });

  it('wakes a running worker for every burst of events, even while a dispatch is starting', async () => {
    // No cron safety net here: an event whose wake-up was lost would never be published.
    const worker = await startWorker({
      pool: database.pool,
      log: silentLogger(),
      concurrency: 2,
      jobs: outboxJobs(database.db, [], () => new Date()),
      schedules: [],
      // Polling is far slower than the deadline below: only a wake-up can publish in time.
      pollIntervalMs: 60_000,
    });
    try {
      for (let round = 0; round < 40; round++) {
        let last = 0;
        for (let n = 0; n < 3; n++)
          last = await database.db.transaction(async (tx) =>
            publishEvent(tx, ctx(), event(`burst-${round}`)),
          );
        // Generous for a loaded machine, yet far below the polling interval.
        const deadline = Date.now() + 10_000;
        for (;;) {
          const { rows } = await database.pool.query(
            'select count(*)::int as n from outbox_events where published_at is null and id <= $1',
            [last],
          );
          if (rows[0].n === 0) break;
          if (Date.now() > deadline) throw new Error(`round ${round}: ${rows[0].n} events never dispatched`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
    } finally {
      await worker.stop();
    }
  });
});

describe('live notices', () => {
  it('announces an event on tend_live when its transaction commits, never when it rolls back', async () => {
    const listener = new pg.Client(database.settings);
    await listener.connect();
    const heard: Record<string, unknown>[] = [];
    listener.on('notification', (message) => heard.push(JSON.parse(message.payload ?? '{}')));
    await listener.query('listen tend_live');
    try {
      let inside = 0;
      const id = await database.db.transaction(async (tx) => {
        const published = await publishEvent(tx, ctx(), event('announced'));
        // Still uncommitted: nobody has heard of it.
        await new Promise((resolve) => setTimeout(resolve, 100));
        inside = heard.length;
        return published;
      });
      await database.db
        .transaction(async (tx) => {
          await publishEvent(tx, ctx(), event('never-announced'));
          throw new Error('no');
        })
        .catch(() => undefined);
      await database.db.transaction(async (tx) => publishEvent(tx, ctx(), event('later')));
      for (let waited = 0; heard.length < 2 && waited < 5000; waited += 20)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(inside).toBe(0);
      expect(heard.map((notice) => notice.entityId)).toEqual(['announced', 'later']);
      expect(heard[0]).toMatchObject({
        id,
        type: 'thing.happened',
        kind: 'thing',
        entityId: 'announced',
        organisationId: null,
        internal: false,
        ticket: null,
      });
    } finally {
      await listener.end();
    }
  });
});
