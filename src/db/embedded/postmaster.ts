import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessAlive } from './lock.js';

/** What `postmaster.pid` tells about a running server (see PostgreSQL's miscadmin.h LOCK_FILE_LINE_*). */
export interface PostmasterInfo {
  pid: number;
  port: number;
  socketDir: string;
  listenAddress: string;
  status: string;
}

export function readPostmasterPid(pgData: string): PostmasterInfo | null {
  let text: string;
  try {
    text = readFileSync(join(pgData, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(pid)) return null;
  return {
    pid,
    port: Number.parseInt(lines[3] ?? '', 10),
    socketDir: (lines[4] ?? '').trim(),
    listenAddress: (lines[5] ?? '').trim(),
    status: (lines[7] ?? '').trim(),
  };
}

export async function waitUntilReady(
  pgData: string,
  isChildAlive: () => boolean,
  timeoutMs: number,
): Promise<PostmasterInfo> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const info = readPostmasterPid(pgData);
    if (info?.status === 'ready') return info;
    if (!isChildAlive()) throw new Error('PostgreSQL exited during start-up');
    await sleep(50);
  }
  throw new Error(`PostgreSQL was not ready after ${timeoutMs} ms`);
}

/** Fast shutdown (SIGINT), escalating to immediate (SIGQUIT) if it takes too long. */
export async function stopPostmaster(pid: number, timeoutMs = 30_000): Promise<void> {
  if (!isProcessAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      await sleep(1000);
      return;
    }
    await sleep(50);
  }
}
