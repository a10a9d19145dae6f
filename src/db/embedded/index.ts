import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import type { Logger } from '../../platform/logger.js';
import { acquireDataDirLock, type DataDirLock, liveLockOwner } from './lock.js';
import { type PostmasterInfo, readPostmasterPid, stopPostmaster, waitUntilReady } from './postmaster.js';
import { ensureReachableBy, initdbBinary, type OsUser, osUserFor, postgresBinary } from './runtime.js';

export { DataDirLockedError } from './lock.js';

export const EMBEDDED_DATABASE = 'tend';
const SUPERUSER = 'postgres';
// Unix socket paths are limited to ~107 bytes; beyond that we listen on a loopback port instead.
const MAX_SOCKET_DIR_LENGTH = 90;

export interface EmbeddedServer {
  /** Connection settings for `pg` (socket directory or loopback host). */
  connection: pg.PoolConfig;
  /** true when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

interface Secrets {
  password: string;
}

function layout(dataDir: string) {
  const root = resolve(dataDir);
  return { root, pgData: join(root, 'pg'), runDir: join(root, 'run'), secrets: join(root, 'db.json') };
}

function readOrCreateSecrets(path: string): Secrets {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as Secrets;
  const secrets = { password: randomBytes(24).toString('base64url') };
  writeFileSync(path, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

function connectionFor(info: PostmasterInfo, password: string, database: string): pg.PoolConfig {
  const useSocket = info.socketDir !== '' && (info.listenAddress === '' || info.listenAddress === '*');
  return {
    host: useSocket ? info.socketDir : '127.0.0.1',
    port: info.port,
    user: SUPERUSER,
    password,
    database,
  };
}

/** initdb as the postgres OS user when we are root; the superuser password comes from a 0600 file. */
async function initialiseCluster(
  pgData: string,
  password: string,
  owner: OsUser | null,
  log: Logger,
): Promise<void> {
  mkdirSync(pgData, { recursive: true, mode: 0o700 });
  if (owner) chownSync(pgData, owner.uid, owner.gid);
  const passwordFile = join(dirname(pgData), `.initdb-password-${process.pid}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner) chownSync(passwordFile, owner.uid, owner.gid);
  try {
    const args = [
      `--pgdata=${pgData}`,
      '--auth=scram-sha-256',
      `--username=${SUPERUSER}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ];
    const result = spawnSync(await initdbBinary(), args, {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
      ...(owner ?? {}),
    });
    log.debug({ initdb: result.stdout }, 'initdb');
    if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr || result.error?.message}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

async function freeLoopbackPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return await new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function listenArgs(runDir: string): Promise<string[]> {
  if (runDir.length <= MAX_SOCKET_DIR_LENGTH) {
    return ['-c', 'listen_addresses=', '-c', `unix_socket_directories=${runDir}`, '-p', '5432'];
  }
  const port = await freeLoopbackPort();
  return ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-p', String(port)];
}

async function startPostmaster(
  paths: ReturnType<typeof layout>,
  owner: OsUser | null,
  log: Logger,
): Promise<PostmasterInfo> {
  mkdirSync(paths.runDir, { recursive: true, mode: 0o700 });
  if (owner) chownSync(paths.runDir, owner.uid, owner.gid);
  const logFd = openSync(join(paths.root, 'postgres.log'), 'a');
  const child = spawn(
    await postgresBinary(),
    ['-D', paths.pgData, ...(await listenArgs(paths.runDir)), '-c', 'max_connections=200'],
    { detached: true, stdio: ['ignore', logFd, logFd], ...(owner ?? {}) },
  );
  closeSync(logFd);
  let alive = true;
  child.once('exit', () => {
    alive = false;
  });
  child.unref();
  try {
    return await waitUntilReady(paths.pgData, () => alive, 60_000);
  } catch (error) {
    const tail = readFileSync(join(paths.root, 'postgres.log'), 'utf8').split('\n').slice(-15).join('\n');
    log.error({ postgresLog: tail }, 'embedded PostgreSQL failed to start');
    throw error;
  }
}

async function ensureDatabase(connection: pg.PoolConfig): Promise<void> {
  const client = new pg.Client({ ...connection, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [connection.database]);
    if (found.rowCount === 0)
      await client.query(`create database ${client.escapeIdentifier(String(connection.database))}`);
  } finally {
    await client.end();
  }
}

/** Attach as a client to the server a live Tend process owns on this data directory. */
function attachToRunning(paths: ReturnType<typeof layout>): EmbeddedServer | null {
  if (liveLockOwner(paths.root) === null) return null;
  const info = readPostmasterPid(paths.pgData);
  if (info?.status !== 'ready') return null;
  const { password } = readOrCreateSecrets(paths.secrets);
  return { connection: connectionFor(info, password, EMBEDDED_DATABASE), owned: false, stop: async () => {} };
}

export interface EmbeddedOptions {
  dataDir: string;
  log: Logger;
  /** CLI commands may use the server a running `tend serve` owns instead of failing on the lock. */
  allowAttach: boolean;
}

/**
 * Start (or, for CLI commands, attach to) the PostgreSQL that Tend manages under `dataDir`.
 * A postmaster left by a killed run is stopped by its pid file and started afresh.
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const paths = layout(options.dataDir);
  mkdirSync(paths.root, { recursive: true });
  if (options.allowAttach) {
    const attached = attachToRunning(paths);
    if (attached) return attached;
  }
  const lock: DataDirLock = acquireDataDirLock(paths.root);
  try {
    const { password } = readOrCreateSecrets(paths.secrets);
    const leftover = readPostmasterPid(paths.pgData);
    if (leftover) {
      options.log.warn({ pid: leftover.pid }, 'stopping a PostgreSQL left running by a previous run');
      await stopPostmaster(leftover.pid);
    }
    const owner = await osUserFor();
    if (owner) ensureReachableBy(owner, paths.root);
    if (!existsSync(join(paths.pgData, 'PG_VERSION'))) {
      options.log.info({ dataDir: paths.root }, 'initialising embedded PostgreSQL');
      await initialiseCluster(paths.pgData, password, owner, options.log);
    }
    const info = await startPostmaster(paths, owner, options.log);
    const connection = connectionFor(info, password, EMBEDDED_DATABASE);
    await ensureDatabase(connection);
    let stopped = false;
    return {
      connection,
      owned: true,
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopPostmaster(info.pid);
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
