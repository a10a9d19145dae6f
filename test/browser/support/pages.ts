import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const screenshotDir = fileURLToPath(new URL('../../../test-artifacts/screenshots/', import.meta.url));

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: string[] };

/** Run axe-core on the page as it is now; return the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  const present = await page.evaluate(() => 'axe' in window);
  if (!present) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResult> } }
    ).axe;
    type AxeResult = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[]; html: string }[];
      }[];
    };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes
        .slice(0, 5)
        .map((node) => `${node.target.join(' ')} :: ${node.html.slice(0, 160)}`),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Save test-artifacts/screenshots/<name>.png (gitignored) for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Wait for pending requests and animations (modals, notifications) to settle before a check: a toast
 * that is fading out has partial opacity, which axe would report as low contrast.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(350);
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('.mantine-Notifications-root *')].every(
        (element) => getComputedStyle(element).opacity === '1',
      ),
    undefined,
    { timeout: 8_000, polling: 100 },
  );
}

/** Failure screenshots from an earlier run of this file would mislead; start without them. */
export function clearFailureScreenshots(file: string): void {
  mkdirSync(screenshotDir, { recursive: true });
  for (const name of readdirSync(screenshotDir)) {
    if (name.startsWith(`failed-${file}-`)) rmSync(join(screenshotDir, name));
  }
}
