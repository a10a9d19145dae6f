import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeTickets } from '../../src/features/sla/index.js';
import { createTestDatabase, type TestDatabase, urlFor } from '../support/db.js';
import { runTend } from './run-tend.js';

/** `tend seed --scale N`: the benchmark data generator, through the command as users run it. */
let database: TestDatabase;
const on = () => ({ DATABASE_URL: urlFor(database.settings) });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe('tend seed --scale', () => {
  it('wants exactly one of --demo and --scale', async () => {
    const neither = await runTend(['seed'], on());
    expect(neither.code).not.toBe(0);
    expect(neither.stderr).toContain('--demo or --scale');
    const bad = await runTend(['seed', '--scale', 'lots'], on());
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('whole number');
  });

  it('generates a help desk of N tickets whose SLA timers are exactly what the engine computes', async () => {
    const seeded = await runTend(['seed', '--scale', '600', '--password', 'scale password 123'], on());
    expect(seeded.stderr).toContain('600 tickets');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('generated 600 tickets');
    const one = async (sql: string) => (await database.pool.query(sql)).rows[0];
    expect(await one('select count(*)::int as n from tickets')).toEqual({ n: 600 });
    expect(await one('select count(*)::int as n from ticket_sla')).toEqual({ n: 600 });
    const shape = await one(`select
        (select count(*)::int from organisations where kind = 'customer') as customers,
        (select count(distinct tier)::int from teams) as tiers,
        (select count(*)::int from ticket_messages) > 600 as conversations,
        (select count(*)::int from ticket_history) > 1200 as history,
        (select count(*)::int from time_entries) > 0 as time,
        (select count(*)::int from tickets where cardinality(tags) > 0) > 0 as tags,
        (select count(*)::int from tickets where status not in ('resolved', 'closed')) > 0 as open,
        (select max(created_at) - min(created_at) from tickets) > interval '600 days' as two_years,
        (select count(*)::int from tickets t where not exists (select 1 from sla_timers s where s.ticket_id = t.id)) as without_timers`);
    expect(shape).toEqual({
      customers: 5,
      tiers: 3,
      conversations: true,
      history: true,
      time: true,
      tags: true,
      open: true,
      two_years: true,
      without_timers: 0,
    });
    // Every index is back after the fast load.
    const indexes = await one(`select count(*)::int as n from pg_indexes where tablename = 'tickets'`);
    expect(indexes.n).toBeGreaterThan(15);
    // The engine, run again over every ticket, finds nothing to change.
    const snapshot = async () =>
      (
        await database.pool.query(
          `select t.id, t.sla_due_at, (select json_agg(s order by s.target) from sla_timers s where s.ticket_id = t.id) as timers
             from tickets t order by t.id`,
        )
      ).rows;
    const before = await snapshot();
    const ids = before.map((row) => row.id as string);
    await database.db.transaction(async (tx) => {
      await recomputeTickets(tx, ids, new Date());
    });
    expect(await snapshot()).toEqual(before);
    // Sign-in works with the password given.
    const admin = await one(`select email from users where role = 'admin'`);
    expect(admin.email).toBe('admin@northwind-support.example');
  }, 120_000);
});
