import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type EmbeddedServer, startEmbedded } from '../../src/db/embedded/index.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { silentLogger } from '../../src/platform/logger.js';
import { settingsFor } from './db.js';

/**
 * One PostgreSQL for the whole run: the server named by TEST_DATABASE_URL, or an embedded one in a
 * temporary directory. A template database is migrated once; every test file clones it (fast).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { admin: pg.ClientConfig; template: string; runId: string; kind: 'embedded' | 'url' };
  }
}

function adminConfigFromUrl(url: string): pg.ClientConfig {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return { connectionString: parsed.toString() };
}

async function dropRunDatabases(admin: pg.ClientConfig, runId: string): Promise<void> {
  const client = new pg.Client(admin);
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like $1`,
      [`tend_t_${runId}%`],
    );
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  let embedded: EmbeddedServer | null = null;
  let admin: pg.ClientConfig;
  const url = process.env.TEST_DATABASE_URL;
  const dataDir = join(process.cwd(), '.tmp', `test-pg-${runId}`);
  if (url) {
    admin = adminConfigFromUrl(url);
  } else {
    embedded = await startEmbedded({ dataDir, log: silentLogger(), allowAttach: false });
    admin = { ...embedded.connection, database: 'postgres' };
  }
  const template = `tend_t_${runId}_template`;
  const client = new pg.Client(admin);
  await client.connect();
  await client.query(`create database "${template}"`);
  await client.end();
  const pool = new pg.Pool({ ...settingsFor(admin, template), max: 2 });
  pool.on('error', () => undefined);
  await migrateDatabase(pool);
  await pool.end();
  project.provide('testDatabase', { admin, template, runId, kind: url ? 'url' : 'embedded' });
  return async () => {
    await dropRunDatabases(admin, runId).catch(() => undefined);
    if (embedded) {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}
