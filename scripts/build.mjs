// Builds the server (tsc → dist/server) and the web app (vite → dist/web).
// `--if-stale` skips the work when nothing under src/ (or the build config) changed since the last
// build, so `npm start` stays quick while never running stale code.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
const inputs = ['src', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'vite.config.ts'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit' });
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && existsSync(stamp)) {
  const built = statSync(stamp).mtimeMs;
  const changed = Math.max(...inputs.map((input) => newestMtime(join(root, input))));
  if (changed <= built) process.exit(0);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
process.stdout.write('building Tend (server and web app)…\n');
run(bin('tsc'), ['-p', 'tsconfig.build.json']);
if (existsSync(join(root, 'vite.config.ts'))) run(bin('vite'), ['build', '--logLevel', 'warn']);
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, new Date().toISOString());
