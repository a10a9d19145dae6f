import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const distDir = join(repoRoot, 'dist');
const webDir = join(distDir, 'web');
const lockPath = join(distDir, '.web-build.lock');
const sources = [
  join(repoRoot, 'src', 'web'),
  join(repoRoot, 'src', 'contracts'),
  join(repoRoot, 'vite.config.ts'),
];
const STALE_LOCK_MS = 5 * 60_000;

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestChange(join(path, name))),
    stat.mtimeMs,
  );
}

function isFresh(): boolean {
  const index = join(webDir, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs > Math.max(...sources.map(newestChange));
}

/**
 * Build into a staging folder, then swap it in with renames, so a server that is serving dist/web
 * (another test file, another person's run) never sees it half-empty.
 */
function buildAndSwap(): void {
  const staging = join(distDir, `.web-staging-${process.pid}`);
  const previous = join(distDir, `.web-previous-${process.pid}`);
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', staging, '--emptyOutDir'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (existsSync(webDir)) renameSync(webDir, previous);
  renameSync(staging, webDir);
  rmSync(previous, { recursive: true, force: true });
}

async function acquireLock(): Promise<number> {
  for (;;) {
    try {
      return openSync(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lockedAt = statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? 0;
      if (Date.now() - lockedAt > STALE_LOCK_MS) rmSync(lockPath, { force: true });
      else await sleep(500);
    }
  }
}

/** Build dist/web with Vite when it is missing or older than its sources (the server serves it). */
export async function ensureWebBuilt(): Promise<void> {
  if (isFresh()) return;
  const lock = await acquireLock();
  try {
    if (!isFresh()) buildAndSwap();
  } finally {
    closeSync(lock);
    rmSync(lockPath, { force: true });
  }
}
