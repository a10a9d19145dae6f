import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './support/browser.js';
import { expectAccessible, mainNav, openFromNav, type Person, signIn, signOut } from './support/journey.js';
import { screenshot } from './support/pages.js';
import { apiAs, type BrowserSession, openBrowserSession, screenshotIfFailed } from './support/session.js';

/**
 * The frame around the pages, with a directory seeded through the API: cursor pagination, every admin
 * page in dark mode, the end of a session, the customer portal frame, and a phone-sized screen.
 */
const admin: Person = { name: 'Ada Admin', email: 'ada@tend.example', password: 'correct horse battery' };
const manager: Person = {
  name: 'Carla Customer',
  email: 'carla@globex.example',
  password: 'customer pass 456',
};
type Created = { id: string };

describe.skipIf(!browserAvailable())('web frames', { timeout: 90_000 }, () => {
  let session: BrowserSession;
  let url: string;
  let page: BrowserSession['page'];

  beforeAll(async () => {
    session = await openBrowserSession('frames');
    ({ url, page } = session);
    const setup = await page.request.post(`${url}/api/v1/setup`, {
      data: { organisationName: 'Tend Support Co', ...admin },
    });
    expect(setup.status()).toBe(201);
    const api = await apiAs(page, url);
    const globex = await api.post<Created>('/organisations', {
      name: 'Globex Corporation',
      domains: ['globex.example'],
    });
    for (let index = 1; index <= 26; index++) {
      await api.post('/organisations', {
        name: `Zeta customer ${String(index).padStart(2, '0')}`,
        domains: [],
      });
    }
    const staff = { organisationId: (await setup.json()).organisation.id, role: 'agent' };
    const alan = await api.post<Created>('/users', {
      ...staff,
      name: 'Alan Agent',
      email: 'alan@tend.example',
    });
    await api.post('/users', { organisationId: globex.id, role: 'customer_manager', ...manager });
    await api.post('/teams', {
      name: 'First line',
      tier: 'L1',
      description: 'Answers the phone and the inbox.',
      roundRobin: true,
      servedOrganisationIds: [globex.id],
      memberIds: [alan.id],
    });
  }, 180_000);

  afterEach(async (context) => screenshotIfFailed(session, 'frames', context.task));
  afterAll(async () => session?.close());

  it('the organisations list pages with "Load more"', async () => {
    await page.goto(`${url}/admin/organisations`);
    const rows = page.getByRole('table', { name: 'Organisations' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(26);
    await page.getByText('Showing 25 — more available').waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows.count()).toBe(29);
    await page.getByText('Showing 28', { exact: true }).waitFor();
    await expect(page.getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0);
  });

  it('in dark mode every admin page stays accessible', async () => {
    await page.getByTestId('theme-toggle').click();
    await openFromNav(page, 'Home', `Welcome, ${admin.name}`);
    await expectAccessible(page, 'home-dark');
    await openFromNav(page, 'Organisations');
    await expectAccessible(page, 'organisations-dark');
    await openFromNav(page, 'Users');
    await page.getByRole('row', { name: /Carla Customer/ }).waitFor();
    await expectAccessible(page, 'users-dark');
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByRole('dialog', { name: 'New user' }).getByLabel('Name').waitFor();
    await expectAccessible(page, 'user-form-dark');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await openFromNav(page, 'Teams');
    await page.getByRole('button', { name: 'Edit First line' }).click();
    await page.getByRole('dialog', { name: 'Edit team' }).getByLabel('Name').waitFor();
    await expectAccessible(page, 'team-edit-dark');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await openFromNav(page, 'Audit log');
    await page
      .getByRole('button', { name: /Show changes for team\.created/ })
      .first()
      .click();
    await expectAccessible(page, 'audit-dark');
    await openFromNav(page, 'Profile & password', 'Your account');
    await expectAccessible(page, 'account-dark');
    await openFromNav(page, 'API tokens');
    await expectAccessible(page, 'tokens-dark');
  });

  it('when the session ends under them, the next request leads back to sign-in', async () => {
    await session.context.clearCookies();
    await openFromNav(page, 'Users');
    await page.getByRole('search').getByLabel('Search').fill('carla');
    await page.waitForURL(/\/login\?.*expired=true/);
    await page.getByText('Your session has ended. Sign in again to continue.').waitFor();
    await expectAccessible(page, 'login-expired-dark');
  });

  it('a customer manager gets the portal frame without staff navigation', async () => {
    await signIn(page, url, manager);
    await page.getByRole('heading', { level: 1, name: `Welcome, ${manager.name}` }).waitFor();
    await expect(mainNav(page).count()).resolves.toBe(0);
    await expectAccessible(page, 'portal-home-dark');
    await page.getByTestId('theme-toggle').click();
    await expectAccessible(page, 'portal-home');
    await page.goto(`${url}/admin/users`);
    await page.getByRole('heading', { level: 1, name: 'No access' }).waitFor();
  });

  it('on a phone the navigation folds behind a menu button', async () => {
    await page.goto(`${url}/`);
    await signOut(page);
    await signIn(page, url, admin);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` }).waitFor();
    await expectAccessible(page, 'home-mobile');
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await mainNav(page).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await screenshot(page, 'users-mobile');
  });

  it('no page threw or logged an error along the way', () => {
    expect(session.errors).toEqual([]);
  });
});
