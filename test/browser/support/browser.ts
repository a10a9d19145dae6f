import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * Real Chromium for browser journeys. Where it is missing, the browser tests skip with a message, so
 * `npm test` still passes on a machine with only Node; under CI=true a missing Chromium is a failure.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const isCi = (): boolean => process.env.CI === 'true' || process.env.CI === '1';

/**
 * Call at the top of a browser test file: true when Chromium is there. Otherwise warns and returns
 * false (use with `describe.skipIf`), or throws under CI so the run fails instead of passing silently.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get update && apt-get install -y chromium".`;
  if (isCi()) throw new Error(`${message} Browser tests cannot be skipped under CI=true.`);
  console.warn(`[browser tests skipped] ${message}`);
  return false;
}

/** Launch headless Chromium, or null when it is not installed (see browserAvailable). */
export async function launchBrowser(): Promise<Browser | null> {
  if (!browserAvailable()) return null;
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
}
