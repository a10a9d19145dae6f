import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One Tend installation per data directory: the owner writes its pid into `tend.lock`.
 * A lock whose pid is no longer alive is stale (a killed run) and is taken over.
 */
export interface DataDirLock {
  readonly path: string;
  release(): void;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(`another Tend process (pid ${ownerPid}) is running on the data directory ${dataDir}`);
    this.name = 'DataDirLockedError';
  }
}

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLockOwner(dataDir: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(join(dataDir, 'tend.lock'), 'utf8').trim(), 10);
    return Number.isInteger(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** The pid of a live process holding the lock, or null when the lock is free or stale. */
export function liveLockOwner(dataDir: string): number | null {
  const owner = readLockOwner(dataDir);
  return owner !== null && owner !== process.pid && isProcessAlive(owner) ? owner : null;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, 'tend.lock');
  try {
    writeFileSync(path, `${process.pid}\n`, { flag: 'wx', mode: 0o644 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = liveLockOwner(dataDir);
    if (owner !== null) throw new DataDirLockedError(dataDir, owner);
    // Stale lock from a killed run: replace it atomically.
    const temp = `${path}.${process.pid}`;
    writeFileSync(temp, `${process.pid}\n`, { mode: 0o644 });
    renameSync(temp, path);
  }
  return {
    path,
    release() {
      if (readLockOwner(dataDir) === process.pid) writeFileSync(path, '', { flag: 'w' });
    },
  };
}
