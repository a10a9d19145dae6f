import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServerOptions } from '../../support/app.js';
import { launchBrowser } from './browser.js';
import { clearFailureScreenshots, screenshot } from './pages.js';
import { ensureWebBuilt } from './web-build.js';

/** Everything a journey needs: a fresh Tend server, Chromium, and one page that records its errors. */
export type BrowserSession = {
  url: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors (a failed resource load, e.g. an expected 401, excepted). */
  errors: string[];
  close(): Promise<void>;
};

export async function openBrowserSession(
  name: string,
  serverOptions: TestServerOptions = {},
): Promise<BrowserSession> {
  await ensureWebBuilt();
  clearFailureScreenshots(name);
  const server = await startTestServer(serverOptions);
  const browser = await launchBrowser();
  if (!browser) throw new Error('Chromium disappeared after the availability check');
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  return {
    url: server.url,
    browser,
    context,
    page,
    errors,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** In afterEach: keep a picture of the page when a step failed (best effort; the failure stands). */
export async function screenshotIfFailed(
  session: BrowserSession | undefined,
  file: string,
  task: { name: string; result?: { state?: string } },
): Promise<void> {
  if (!session || task.result?.state !== 'fail') return;
  const name = `failed-${file}-${task.name.replace(/\W+/g, '-').slice(0, 60)}`;
  await screenshot(session.page, name).catch((error: unknown) =>
    console.warn(`no failure screenshot: ${String(error)}`),
  );
}

/** Call the API as the signed-in browser user (same cookies), with the session's CSRF token. */
export async function apiAs(page: Page, url: string) {
  const session = await (await page.request.get(`${url}/api/v1/auth/session`)).json();
  const headers = { 'X-CSRF-Token': String(session.csrfToken) };
  return {
    async post<T>(path: string, data: object): Promise<T> {
      const response = await page.request.post(`${url}/api/v1${path}`, { headers, data });
      if (!response.ok()) throw new Error(`POST ${path}: ${response.status()} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async get<T>(path: string): Promise<T> {
      const response = await page.request.get(`${url}/api/v1${path}`);
      if (!response.ok()) throw new Error(`GET ${path}: ${response.status()} ${await response.text()}`);
      return (await response.json()) as T;
    },
    /** A PATCH with extra headers (e.g. If-Match for tickets). */
    async patch<T>(path: string, data: object, extra: Record<string, string> = {}): Promise<T> {
      const response = await page.request.patch(`${url}/api/v1${path}`, {
        headers: { ...headers, ...extra },
        data,
      });
      if (!response.ok()) throw new Error(`PATCH ${path}: ${response.status()} ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}
