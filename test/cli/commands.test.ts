import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, urlFor } from '../support/db.js';
import { runTend } from './run-tend.js';

let source: TestDatabase;
let target: TestDatabase;
const workDir = mkdtempSync(join(tmpdir(), 'tend-cli-'));

beforeAll(async () => {
  [source, target] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([source?.drop(), target?.drop()]);
  rmSync(workDir, { recursive: true, force: true });
});

const on = (database: TestDatabase) => ({ DATABASE_URL: urlFor(database.settings) });

/** Every row of every Tend table, as PostgreSQL renders it, in a stable order. */
async function snapshot(database: TestDatabase): Promise<Record<string, string[]>> {
  const { rows: tables } = await database.pool.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by 1`,
  );
  const result: Record<string, string[]> = {};
  for (const { name } of tables) {
    const { rows } = await database.pool.query<{ row: string }>(
      `select to_jsonb(t)::text as row from "${name}" t order by 1`,
    );
    result[name] = rows.map((row) => row.row);
  }
  return result;
}

describe('tend command line', { timeout: 120_000 }, () => {
  it('prints help for every command and its version', async () => {
    const help = await runTend(['--help'], {});
    expect(help.code).toBe(0);
    for (const command of ['serve', 'worker', 'migrate', 'admin', 'seed', 'backup', 'restore', 'version'])
      expect(help.stdout).toContain(command);
    const adminHelp = await runTend(['admin', 'create', '--help'], {});
    expect(adminHelp.stdout).toContain('--password-stdin');
    const version = await runTend(['version'], {});
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('stops on invalid configuration with a message naming the variable', async () => {
    const badPort = await runTend(['version'], { TEND_PORT: 'eighty' });
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('TEND_PORT');
    const badUrl = await runTend(['migrate'], { DATABASE_URL: 'mysql://localhost/tend' });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('DATABASE_URL');
    const badLevel = await runTend(['version'], { TEND_LOG_LEVEL: 'loud' });
    expect(badLevel.stderr).toContain('TEND_LOG_LEVEL');
  });

  it('reports an unreachable database without a stack trace', async () => {
    const result = await runTend(['migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tend: /);
    expect(result.stderr).not.toContain('    at ');
  });

  it('creates an administrator from a password on standard input, and refuses a duplicate', async () => {
    const args = [
      'admin',
      'create',
      '--email',
      'Root@Example.test',
      '--name',
      'Root',
      '--organisation',
      'Provider',
      '--password-stdin',
    ];
    const created = await runTend(args, on(source), 'a very long password\n');
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('root@example.test');
    const again = await runTend(args, on(source), 'a very long password\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const short = await runTend(
      ['admin', 'create', '--email', 'x@example.test', '--name', 'X', '--password-stdin'],
      on(source),
      'short\n',
    );
    expect(short.stderr).toContain('at least 10');
  });

  it('seeds a realistic demo: provider, 3 customers, L1–L3 teams, agents and requesters', async () => {
    const seeded = await runTend(['seed', '--demo', '--password', 'demo password 123'], on(source));
    expect(seeded.code).toBe(0);
    const { rows } = await source.pool.query(
      `select kind, count(*)::int as n from organisations group by kind order by kind`,
    );
    expect(rows).toEqual([
      { kind: 'customer', n: 3 },
      { kind: 'provider', n: 1 },
    ]);
    const tiers = await source.pool.query(`select tier from teams order by tier`);
    expect(tiers.rows.map((row) => row.tier)).toEqual(['L1', 'L2', 'L3']);
    const roles = await source.pool.query(`select distinct role from users order by role`);
    expect(roles.rows.map((row) => row.role)).toEqual([
      'admin',
      'agent',
      'customer_manager',
      'requester',
      'service_manager',
    ]);
  });

  it('backs up and restores into an empty database with identical data', async () => {
    const file = join(workDir, 'backup.tend.gz');
    const backup = await runTend(['backup', file], on(source));
    expect(backup.code).toBe(0);
    const restore = await runTend(['restore', file], on(target));
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(await snapshot(target)).toEqual(await snapshot(source));
    // Identity sequences continue after the restored rows.
    await expect(
      target.pool.query(
        `insert into audit_log (at, actor_type, action, entity_type) values (now(), 'system', 'x', 'y')`,
      ),
    ).resolves.toBeTruthy();
  });

  it('refuses to restore into a database that has data, changing nothing', async () => {
    const file = join(workDir, 'backup.tend.gz');
    const before = await snapshot(target);
    const result = await runTend(['restore', file], on(target));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('empty database');
    expect(await snapshot(target)).toEqual(before);
  });

  it('refuses a file that is not a Tend backup', async () => {
    const result = await runTend(['restore', join(import.meta.dirname, 'commands.test.ts')], on(target));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not a Tend backup|incorrect header/);
  });
});
