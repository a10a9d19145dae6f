import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './support/browser.js';
import { choose, expectAccessible, openFromNav, type Person, signIn } from './support/journey.js';
import { apiAs, type BrowserSession, openBrowserSession, screenshotIfFailed } from './support/session.js';

/**
 * Services and maintenance windows in the browser: an admin registers a customer's service, gives
 * it an environment and an owner, reserves a weekly window through the dialog (a bad rule is
 * named on its field), and finds its occurrences on the windows calendar — axe-clean in light and
 * dark.
 */
const admin: Person = { name: 'Ada Admin', email: 'ada@tend.example', password: 'correct horse battery' };

describe.skipIf(!browserAvailable())('services and maintenance windows in the browser', () => {
  let session: BrowserSession;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    session = await openBrowserSession('maintenance-windows');
    ({ page, url } = session);
    const setup = await page.request.post(`${url}/api/v1/setup`, {
      data: { organisationName: 'Tend Support Co', ...admin },
    });
    expect(setup.status()).toBe(201);
    const api = await apiAs(page, url);
    await api.post('/organisations', { name: 'Globex Corporation', domains: [] });
    await page.context().clearCookies();
    await signIn(page, url, admin);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  });
  afterEach(async (context) => screenshotIfFailed(session, 'maintenance-windows', context.task));
  afterAll(async () => session?.close());

  it('registers a service from the services page', async () => {
    await openFromNav(page, 'Services');
    await page.getByText('No services here').waitFor();
    await expectAccessible(page, 'services-empty');
    await page.getByRole('button', { name: 'New service' }).click();
    const dialog = page.getByRole('dialog', { name: 'New service' });
    await choose(page, dialog.getByRole('textbox', { name: 'Customer' }), 'Globex Corporation');
    await dialog.getByLabel('Name').fill('Web shop');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name: 'Web shop' }).waitFor();
  });

  it('adds an environment and an owner', async () => {
    await page.getByLabel('Environment').fill('production');
    await page.getByRole('button', { name: 'Add environment' }).click();
    await page.getByRole('cell', { name: 'production', exact: true }).waitFor();
    await choose(page, page.getByRole('textbox', { name: 'Person' }), 'Ada Admin · ada@tend.example');
    await page.getByRole('button', { name: 'Add owner' }).click();
    await page.getByRole('cell', { name: 'Technical owner' }).waitFor();
    await expectAccessible(page, 'service-detail');
  });

  it('reserves a weekly window; a bad rule is named on its field', async () => {
    await page.getByRole('button', { name: 'New window' }).click();
    const dialog = page.getByRole('dialog', { name: 'New maintenance window' });
    await dialog.getByLabel('Title').fill('Sunday patching');
    await dialog.getByLabel('Recurrence rule (RFC 5545)').fill('FREQ=FORTNIGHTLY');
    await dialog.getByLabel('First start').fill('2026-01-04T02:00');
    await choose(
      dialog.page(),
      dialog.getByRole('textbox', { name: 'Time zone' }),
      'Europe/Berlin',
      'Europe/Berlin',
    );
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText(/unknown frequency/i).waitFor();
    await expectAccessible(page, 'window-form-error');
    await dialog.getByLabel('Recurrence rule (RFC 5545)').fill('FREQ=WEEKLY;BYDAY=SU');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('cell', { name: 'Sunday patching', exact: true }).waitFor();
  }, 60_000);

  it('shows the occurrences on the windows calendar, a week at a time too', async () => {
    await openFromNav(page, 'Maintenance windows');
    await page.getByText('Sunday patching').first().waitFor();
    const count = await page.getByText('Sunday patching').count();
    expect(count).toBeGreaterThanOrEqual(4);
    await expectAccessible(page, 'windows-month');
    await page.getByText('Week', { exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /^Week of / }).waitFor();
    await page.getByTestId('theme-toggle').click();
    await expectAccessible(page, 'windows-week-dark');
  });

  it('no page threw or logged an error along the way', () => {
    expect(session.errors).toEqual([]);
  });
});
