import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { packageVersion } from '../platform/paths.js';
import { schemaVersion } from './migrate.js';
import { tablesInDependencyOrder } from './tables.js';

/**
 * A portable backup: gzip'd JSON lines — a header, then per table a `["table", name]` line and one line per
 * row (`to_jsonb(row)` as PostgreSQL renders it). Rows go back in with jsonb_populate_recordset,
 * so every value round-trips exactly (no JS number or date parsing), across PostgreSQL versions.
 * Covers Tend's data (schema public). The job queue is transient and not included.
 */
const FORMAT = 'tend-backup';
const FORMAT_VERSION = 1;
const FETCH = 2000;

interface Header {
  format: string;
  formatVersion: number;
  tendVersion: string;
  schemaVersion: number | null;
  createdAt: string;
  tables: { name: string; rows: number }[];
}

async function writeLine(stream: NodeJS.WritableStream, line: string): Promise<void> {
  if (!stream.write(`${line}\n`)) await once(stream, 'drain');
}

export async function backupDatabase(pool: pg.Pool, file: string): Promise<string> {
  const client = await pool.connect();
  const gzip = createGzip();
  const output = createWriteStream(file, { mode: 0o600 });
  gzip.pipe(output);
  try {
    // One snapshot for every table: the backup is consistent even while Tend keeps running.
    await client.query('begin isolation level repeatable read read only');
    const tables = await tablesInDependencyOrder(client);
    const counts = [];
    for (const table of tables) {
      const { rows } = await client.query<{ count: number }>(
        `select count(*)::int as count from ${client.escapeIdentifier(table)}`,
      );
      counts.push({ name: table, rows: rows[0]?.count ?? 0 });
    }
    const header: Header = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      tendVersion: packageVersion(),
      schemaVersion: await schemaVersion(pool),
      createdAt: new Date().toISOString(),
      tables: counts,
    };
    await writeLine(gzip, JSON.stringify(header));
    for (const table of tables) await dumpTable(client, gzip, table);
    await client.query('commit');
    gzip.end();
    await once(output, 'finish');
    const total = counts.reduce((sum, table) => sum + table.rows, 0);
    return `backup written to ${file}: ${tables.length} tables, ${total} rows`;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    gzip.destroy();
    output.destroy();
    throw error;
  } finally {
    client.release();
  }
}

async function dumpTable(client: pg.PoolClient, gzip: NodeJS.WritableStream, table: string): Promise<void> {
  // Rows are JSON objects; a table marker is an array, so the two can never be confused.
  await writeLine(gzip, JSON.stringify(['table', table]));
  const name = client.escapeIdentifier(table);
  await client.query(
    `declare backup_cursor no scroll cursor for select to_jsonb(t)::text as row from ${name} t`,
  );
  for (;;) {
    const { rows } = await client.query<{ row: string }>(`fetch ${FETCH} from backup_cursor`);
    for (const row of rows) await writeLine(gzip, row.row);
    if (rows.length < FETCH) break;
  }
  await client.query('close backup_cursor');
}

/** Tables that migrations fill with defaults (e.g. the priority matrix): the backup's rows replace them. */
const REFERENCE_TABLES = new Set(['priority_matrix']);

async function checkEmpty(client: pg.PoolClient, tables: string[]): Promise<void> {
  for (const table of tables) {
    const name = client.escapeIdentifier(table);
    if (REFERENCE_TABLES.has(table)) {
      await client.query(`delete from ${name}`);
      continue;
    }
    const { rowCount } = await client.query(`select 1 from ${name} limit 1`);
    if (rowCount) throw new Error(`restore needs an empty database, but table ${table} has rows`);
  }
}

/** Columns the database computes itself (generated) cannot be inserted; they recompute. */
async function insertableColumns(client: pg.PoolClient, table: string): Promise<string> {
  const { rows } = await client.query<{ column_name: string }>(
    `select column_name from information_schema.columns
      where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
    [table],
  );
  return rows.map((row) => client.escapeIdentifier(row.column_name)).join(', ');
}

async function insertBatch(client: pg.PoolClient, table: string, rows: string[]): Promise<void> {
  if (rows.length === 0) return;
  const name = client.escapeIdentifier(table);
  const columns = await insertableColumns(client, table);
  await client.query(
    `insert into ${name} (${columns}) overriding system value
       select ${columns} from jsonb_populate_recordset(null::${name}, $1::jsonb)`,
    [`[${rows.join(',')}]`],
  );
}

/** Identity columns and columns defaulting to nextval() continue after the restored rows. */
async function resetSequences(client: pg.PoolClient, table: string): Promise<void> {
  const { rows } = await client.query<{ column_name: string; sequence: string }>(
    `select a.attname as column_name,
            coalesce(pg_get_serial_sequence($1, a.attname), substring(pg_get_expr(d.adbin, d.adrelid) from 'nextval\\(''([^'']+)''')) as sequence
       from pg_attribute a
       left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
        and (a.attidentity <> '' or pg_get_expr(d.adbin, d.adrelid) like 'nextval(%')`,
    [table],
  );
  for (const { column_name: column, sequence } of rows) {
    if (!sequence) continue;
    const max = `(select max(${client.escapeIdentifier(column)}) from ${client.escapeIdentifier(table)})`;
    await client.query(
      `select setval($1::regclass, coalesce(${max}, 0) + 1, false) where ${max} is not null`,
      [sequence],
    );
  }
}

export async function restoreDatabase(pool: pg.Pool, file: string): Promise<string> {
  const lines = readLines(createReadStream(file).pipe(createGunzip()));
  const client = await pool.connect();
  try {
    await client.query('begin');
    let header: Header | null = null;
    let table: string | null = null;
    let batch: string[] = [];
    let restored = 0;
    for await (const line of lines) {
      if (header === null) {
        header = await readHeader(pool, client, line);
        continue;
      }
      if (line.startsWith('[')) {
        if (table) await insertBatch(client, table, batch);
        batch = [];
        table = (JSON.parse(line) as [string, string])[1];
        continue;
      }
      batch.push(line);
      restored++;
      if (batch.length >= FETCH && table) {
        await insertBatch(client, table, batch);
        batch = [];
      }
    }
    if (!header) throw new Error(`${file} is empty`);
    if (table) await insertBatch(client, table, batch);
    for (const entry of header.tables) await resetSequences(client, entry.name);
    await client.query('commit');
    return `restored ${restored} rows in ${header.tables.length} tables from ${file}`;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Lines of a stream, pulled one chunk at a time (the consumer's awaits pace the reading).
 * node:readline is not used: its async iterator stalled here when the loop body awaited queries.
 */
async function* readLines(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of stream) {
    const text = rest + chunk.toString('utf8');
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) yield part;
  }
  if (rest !== '') yield rest;
}

async function readHeader(pool: pg.Pool, client: pg.PoolClient, line: string): Promise<Header> {
  let header: Header;
  try {
    header = JSON.parse(line) as Header;
  } catch {
    throw new Error('not a Tend backup (unreadable header)');
  }
  if (header.format !== FORMAT || header.formatVersion !== FORMAT_VERSION)
    throw new Error('not a Tend backup (unknown format)');
  const ours = await schemaVersion(pool);
  if (header.schemaVersion !== ours) {
    throw new Error(
      `the backup's schema (${header.schemaVersion}) differs from this database's (${ours}); restore it with Tend ${header.tendVersion}, then upgrade`,
    );
  }
  await checkEmpty(client, await tablesInDependencyOrder(client));
  return header;
}
