#!/usr/bin/env node
// The `tend` command. Runs the compiled program in dist/ (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/server/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('tend: the program is not built yet; run "npm run build" (npm install does it too)\n');
  process.exit(1);
}
await import(entry.href);
