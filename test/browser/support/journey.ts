import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot, seriousA11yViolations, settle } from './pages.js';

/** Small, readable steps for browser journeys on the Tend web app. */

export type Person = { name: string; email: string; password: string };

/** No serious or critical axe violations on the page as it is now; then a screenshot for people. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await settle(page);
  const violations = await seriousA11yViolations(page);
  expect(violations, `axe violations on ${name}`).toEqual([]);
  await screenshot(page, name);
}

export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main navigation' });
}

export async function openFromNav(page: Page, link: string, heading = link): Promise<void> {
  await mainNav(page).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Pick an option in a Mantine Select/MultiSelect: type to filter, then click the option. */
export async function choose(page: Page, field: Locator, option: string, search?: string): Promise<void> {
  await field.click();
  if (search !== undefined) await field.fill(search);
  await page.getByRole('option', { name: option }).first().click();
  await field.blur(); // a MultiSelect keeps its list open, covering the fields below
}

export async function signIn(
  page: Page,
  baseUrl: string,
  person: Pick<Person, 'email' | 'password'>,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
}

/** Fill and submit the "New user" dialog on the Users page. */
export async function createUser(
  page: Page,
  user: { organisation: string; name: string; email: string; role: string; password?: string },
): Promise<void> {
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog', { name: 'New user' });
  await choose(page, dialog.getByLabel('Organisation'), user.organisation, user.organisation.slice(0, 4));
  await dialog.getByLabel('Name').fill(user.name);
  await dialog.getByLabel('Email').fill(user.email);
  await choose(page, dialog.getByLabel('Role'), user.role);
  if (user.password) await dialog.getByLabel('Password (optional)').fill(user.password);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('row', { name: new RegExp(user.email) }).waitFor();
}
