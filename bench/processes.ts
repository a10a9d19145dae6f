import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A process the benchmark started: its address, its memory, and a clean stop. */
export interface Child {
  name: string;
  pid: number;
  url: string;
  /** Resident set size in MB, from /proc (Linux) or ps. */
  rssMb(): number;
  /** Lines it wrote (for error reports). */
  output(): string;
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return Number.NaN;
  const match = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(readFileSync(status, 'utf8'));
  return match ? Math.round(Number(match[1]) / 102.4) / 10 : Number.NaN;
}

/** Resident set size now, in MB (Linux /proc). */
export const rssMbOf = (pid: number) => statusMb(pid, 'VmRSS');
/** The highest resident set size the process has had, in MB. */
export const peakRssMbOf = (pid: number) => statusMb(pid, 'VmHWM');

/**
 * Start a process and wait until it prints `ready` (a regular expression on its output);
 * the captured group 1, if any, is its URL.
 */
export async function startChild(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 120_000,
): Promise<Child> {
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in time:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ?? '');
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    name,
    pid: child.pid!,
    url,
    rssMb: () => rssMbOf(child.pid!),
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

/** `tend serve` from the build in dist/ (what `npm start` runs), on the benchmark database. */
export async function startTendServe(
  databaseUrl: string,
  env: Record<string, string> = {},
  name = 'tend serve',
): Promise<Child> {
  const port = await freePort();
  return await startChild(
    name,
    process.execPath,
    [join(ROOT, 'bin', 'tend.mjs'), 'serve'],
    {
      DATABASE_URL: databaseUrl,
      TEND_HOST: '127.0.0.1',
      TEND_PORT: String(port),
      TEND_LOG_LEVEL: 'warn',
      TEND_SERVE_WORKER: 'true',
      ...env,
    },
    /Tend is running at (http:\/\/\S+)/,
  );
}

export async function startTendWorker(
  databaseUrl: string,
  env: Record<string, string> = {},
  name = 'tend worker',
) {
  return await startChild(
    name,
    process.execPath,
    [join(ROOT, 'bin', 'tend.mjs'), 'worker'],
    { DATABASE_URL: databaseUrl, TEND_LOG_LEVEL: 'warn', ...env },
    /Tend worker is running/,
  );
}

/** The baseline server: bare Fastify, one route, nothing else. */
export async function startBareFastify(): Promise<Child> {
  const port = await freePort();
  return await startChild(
    'bare Fastify',
    process.execPath,
    [join(ROOT, 'bench', 'bare-fastify.mjs')],
    { PORT: String(port) },
    /listening at (http:\/\/\S+)/,
  );
}
