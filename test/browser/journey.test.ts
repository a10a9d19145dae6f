import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './support/browser.js';
import {
  choose,
  createUser,
  expectAccessible,
  mainNav,
  openFromNav,
  type Person,
  signIn,
  signOut,
} from './support/journey.js';
import { type BrowserSession, openBrowserSession, screenshotIfFailed } from './support/session.js';

/**
 * What a person does on a fresh installation: set Tend up, build the directory, sign out, fail and
 * succeed at signing in, and switch to dark mode. Every main page is checked with axe (no serious or
 * critical violations) and photographed to test-artifacts/screenshots/.
 */
const admin: Person = { name: 'Ada Admin', email: 'ada@tend.example', password: 'correct horse battery' };
const agent: Person = { name: 'Alan Agent', email: 'alan@tend.example', password: 'agent password 123' };

describe.skipIf(!browserAvailable())('web journey', { timeout: 90_000 }, () => {
  let session: BrowserSession;
  let url: string;
  let page: BrowserSession['page'];

  beforeAll(async () => {
    session = await openBrowserSession('journey');
    ({ url, page } = session);
  }, 180_000);

  afterEach(async (context) => screenshotIfFailed(session, 'journey', context.task));
  afterAll(async () => session?.close());

  it('first run: setup creates the provider organisation and the admin, then signs in', async () => {
    await page.goto(`${url}/`);
    await page.waitForURL('**/setup');
    await expectAccessible(page, 'setup');
    await page.getByLabel('Your organisation').fill('Tend Support Co');
    await page.getByLabel('Your name').fill(admin.name);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Create organisation and admin' }).click();
    await page.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` }).waitFor();
    await expect.poll(() => page.getByTestId('count-organisations').textContent()).toBe('1');
    await expectAccessible(page, 'home');
  });

  it('admin creates a customer organisation; server validation lands on the field', async () => {
    await openFromNav(page, 'Organisations');
    await page.getByRole('button', { name: 'New organisation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New organisation' });
    await dialog.getByLabel('Name').fill('Globex Corporation');
    const domains = dialog.getByLabel('Mail domains');
    await domains.fill('not_a_domain');
    await domains.press('Enter');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => domains.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'organisation-form-error');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'New organisation' }).click();
    await dialog.getByLabel('Name').fill('Globex Corporation');
    await domains.fill('globex.example');
    await domains.press('Enter');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /Globex Corporation.*Customer.*globex\.example/ }).waitFor();
    await expectAccessible(page, 'organisations');
  });

  it('admin creates an agent with a password and an invited requester', async () => {
    await openFromNav(page, 'Users');
    const org = 'Tend Support Co';
    await createUser(page, {
      organisation: org,
      name: agent.name,
      email: agent.email,
      role: 'Agent',
      password: agent.password,
    });
    await createUser(page, {
      organisation: 'Globex Corporation',
      name: 'Rita Requester',
      email: 'rita@globex.example',
      role: 'Requester',
    });
    await page.getByRole('row', { name: /Rita Requester.*Requester.*Globex Corporation.*Invited/ }).waitFor();
    await expectAccessible(page, 'users');
  });

  it('admin searches users, deactivates the requester and reactivates her', async () => {
    const rows = page.getByRole('table', { name: 'Users' }).getByRole('row');
    const filters = page.getByRole('search');
    await filters.getByLabel('Search').fill('rita');
    await expect.poll(() => rows.count()).toBe(2);
    await filters.getByLabel('Search').fill('');
    await expect.poll(() => rows.count()).toBe(4);

    await page.getByRole('button', { name: 'Deactivate Rita Requester' }).click();
    const confirm = page.getByRole('dialog', { name: 'Deactivate Rita Requester?' });
    await expectAccessible(page, 'user-deactivate-confirm');
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => rows.count()).toBe(3);

    await choose(page, filters.getByLabel('Status'), 'Inactive');
    await page.getByRole('row', { name: /Rita Requester.*Inactive/ }).waitFor();
    await page.getByRole('button', { name: 'Reactivate Rita Requester' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Rita Requester/ }).count()).toBe(0);
    await choose(page, filters.getByLabel('Status'), 'Active');
    await page.getByRole('row', { name: /Rita Requester.*Active/ }).waitFor();
  });

  it('admin creates an L1 team serving the customer, with the agent as member', async () => {
    await openFromNav(page, 'Teams');
    await page.getByRole('button', { name: 'New team' }).click();
    const dialog = page.getByRole('dialog', { name: 'New team' });
    await dialog.getByLabel('Name').fill('First line');
    await choose(page, dialog.getByLabel('Tier'), 'L1 · Help desk');
    await dialog.getByLabel('Description').fill('Answers the phone and the inbox.');
    await choose(page, dialog.getByLabel('Serves organisations'), 'Globex Corporation', 'Glob');
    await choose(
      page,
      dialog.getByLabel('Members', { exact: true }),
      `${agent.name} · ${agent.email}`,
      'Alan',
    );
    await dialog.getByRole('heading', { name: 'New team' }).click();
    await expectAccessible(page, 'team-form');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /First line.*L1.*Alan Agent.*Globex Corporation/ }).waitFor();
    await expectAccessible(page, 'teams');
  });

  it('admin reads the audit log with before/after details', async () => {
    await openFromNav(page, 'Audit log');
    await page
      .getByRole('button', { name: /Show changes for team\.created/ })
      .first()
      .click();
    await page.getByRole('cell', { name: 'First line' }).first().waitFor();
    await expectAccessible(page, 'audit');
    await page.getByRole('search').getByLabel('Action').fill('user.deactivated');
    await expect
      .poll(() => page.getByRole('button', { name: /Show changes for team\.created/ }).count())
      .toBe(0);
    await page
      .getByRole('button', { name: /Show changes for user\.deactivated/ })
      .first()
      .click();
    await page.getByRole('cell', { name: 'active · changed', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('admin manages their account and creates an API token shown once', async () => {
    await openFromNav(page, 'Profile & password', 'Your account');
    await expectAccessible(page, 'account');
    await openFromNav(page, 'API tokens');
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('CI export');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const secret = dialog.getByLabel('Token', { exact: true });
    await expect.poll(async () => (await secret.inputValue()).length).toBeGreaterThan(16);
    await expectAccessible(page, 'token-secret');
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('row', { name: /CI export/ }).waitFor();
    await expectAccessible(page, 'tokens');
  });

  it('sign out; a wrong password shows an error on the sign-in page', async () => {
    await signOut(page);
    await expectAccessible(page, 'login');
    await signIn(page, url, { email: admin.email, password: 'not the password' });
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('do not match');
    await expectAccessible(page, 'login-error');
    await page.goto(`${url}/forgot-password`);
    await expectAccessible(page, 'forgot-password');
    await page.goto(`${url}/reset-password?token=abcdefghijklmnop`);
    await expectAccessible(page, 'reset-password');
  });

  it('the agent signs in with the keyboard only and sees the staff frame without admin actions', async () => {
    await page.goto(`${url}/login`);
    await page.getByLabel('Email').waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let presses = 0; presses < 6; presses++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.getAttribute('type') === 'email')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('email');
    await page.keyboard.type(agent.email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
    await page.keyboard.type(agent.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Welcome, ${agent.name}` }).waitFor();

    await expect(mainNav(page).getByRole('link', { name: 'Home' }).count()).resolves.toBe(1);
    await expect(mainNav(page).getByRole('link', { name: 'Organisations' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: /^Manage/ }).count()).resolves.toBe(0);
    await page.goto(`${url}/admin/organisations`);
    await page.getByRole('heading', { level: 1, name: 'No access' }).waitFor();
    await expect(page.getByRole('button', { name: 'New organisation' }).count()).resolves.toBe(0);
    await page.goto(`${url}/`);
    await page.getByRole('heading', { level: 1, name: `Welcome, ${agent.name}` }).waitFor();
    await expectAccessible(page, 'home-agent');
  });

  it('the theme toggle switches to dark, and the choice survives a reload', async () => {
    const scheme = () =>
      page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));
    expect(await scheme()).toBe('light');
    await page.getByTestId('theme-toggle').click();
    await expect.poll(scheme).toBe('dark');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Welcome, ${agent.name}` }).waitFor();
    expect(await scheme()).toBe('dark');
    await expectAccessible(page, 'home-agent-dark');
  });

  it('no page threw or logged an error along the way', () => {
    expect(session.errors).toEqual([]);
  });
});
