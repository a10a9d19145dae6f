import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './support/browser.js';
import { choose, expectAccessible, openFromNav, type Person, signIn, signOut } from './support/journey.js';
import { apiAs, type BrowserSession, openBrowserSession, screenshotIfFailed } from './support/session.js';

/**
 * Maintenance plans in the browser: an admin defines a plan through the form (the schedule's next
 * due dates previewed as it is typed), the worker generates its tasks, and the assigned agent works
 * one from "My tasks" through its checklist to done — axe-clean in light and dark.
 */
const admin: Person = { name: 'Ada Admin', email: 'ada@tend.example', password: 'correct horse battery' };
const alan: Person = { name: 'Alan Agent', email: 'alan@tend.example', password: 'agent password 123' };
type Created = { id: string };

async function seed(session: BrowserSession) {
  const { page, url } = session;
  const setup = await page.request.post(`${url}/api/v1/setup`, {
    data: { organisationName: 'Tend Support Co', ...admin },
  });
  expect(setup.status()).toBe(201);
  const providerId = (await setup.json()).organisation.id as string;
  const api = await apiAs(page, url);
  const globex = await api.post<Created>('/organisations', { name: 'Globex Corporation', domains: [] });
  const alanId = (await api.post<Created>('/users', { organisationId: providerId, role: 'agent', ...alan }))
    .id;
  await api.post('/teams', {
    name: 'Apps',
    tier: 'L2',
    servedOrganisationIds: [globex.id],
    memberIds: [alanId],
  });
  const service = await api.post<Created>('/services', { organisationId: globex.id, name: 'Billing' });
  await api.post(`/services/${service.id}/environments`, { name: 'Production', kind: 'production' });
}

describe.skipIf(!browserAvailable())('maintenance plans in the browser', () => {
  let session: BrowserSession;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    session = await openBrowserSession('plans', { worker: true });
    ({ page, url } = session);
    await seed(session);
    await page.context().clearCookies();
    await signIn(page, url, admin);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  });
  afterEach(async (context) => screenshotIfFailed(session, 'plans', context.task));
  afterAll(async () => session?.close());

  it('opens the plans from the navigation', async () => {
    await openFromNav(page, 'Maintenance plans');
    await page.getByText('No maintenance plans match').waitFor();
    await expectAccessible(page, 'plans-empty');
  });

  it('defines a plan with a previewed schedule, a checklist and an assignee', async () => {
    await page.getByRole('link', { name: 'New plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'New maintenance plan' }).waitFor();
    await choose(page, page.getByRole('textbox', { name: 'Service' }), 'Billing');
    await page.getByLabel('Title').fill('Renew the TLS certificate');
    await choose(page, page.getByRole('textbox', { name: 'Category' }), 'Certificate renewal');
    await page.getByLabel('Recurrence rule').fill('FREQ=WEEKLY;BYDAY=MO');
    await page.getByLabel('First occurrence (local time)').fill('2026-01-05T09:00');
    await choose(page, page.getByRole('textbox', { name: 'Time zone' }), 'Europe/Berlin', 'Europe/Berlin');
    const preview = page.getByRole('list').filter({ hasText: 'Monday' });
    await expect.poll(() => preview.getByRole('listitem').count()).toBe(8);
    await choose(page, page.getByRole('textbox', { name: 'Default team' }), 'Apps');
    await choose(page, page.getByRole('textbox', { name: 'Default assignee' }), 'Alan Agent');
    await page.getByRole('button', { name: 'Add a step' }).click();
    await page.getByRole('textbox', { name: 'Step 1' }).fill('Install the new certificate');
    await expectAccessible(page, 'plan-new');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Renew the TLS certificate' }).waitFor();
    // A long form and a zone list of ~400 options: slow on a busy machine.
  }, 90_000);

  it('lets the assignee work a generated task through its checklist to done', async () => {
    await signOut(page);
    await signIn(page, url, alan);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await openFromNav(page, 'Maintenance tasks');
    const table = page.getByRole('table', { name: 'Maintenance tasks' });
    // The worker generates two weeks ahead: two Mondays.
    await expect
      .poll(async () => table.getByRole('link', { name: 'Renew the TLS certificate' }).count(), {
        timeout: 15_000,
      })
      .toBe(2);
    await expectAccessible(page, 'tasks-mine');
    await table.getByRole('link', { name: 'Renew the TLS certificate' }).first().click();
    await page.getByRole('heading', { level: 1, name: /^M-\d+ · Renew the TLS certificate$/ }).waitFor();
    await expectAccessible(page, 'task-detail');
    await page.getByRole('button', { name: 'Move to In progress' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Move to In progress' }).click();
    await page.getByRole('button', { name: 'Move to Done' }).waitFor();
    await page.getByRole('checkbox', { name: 'Install the new certificate (required)' }).click();
    await page.getByText(/^Done by Alan Agent/).waitFor();
    await page.getByRole('button', { name: 'Move to Done' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Outcome notes').fill('Renewed until next year');
    await dialog.getByRole('button', { name: 'Move to Done' }).click();
    await page.getByText('The task is now Done').waitFor();
    await page.getByRole('button', { name: 'Move to In progress' }).waitFor();
  });

  it('stays accessible in dark mode', async () => {
    await page.getByTestId('theme-toggle').click();
    await page.getByRole('heading', { name: 'Checklist' }).waitFor();
    await expectAccessible(page, 'task-detail-dark');
  });

  it('no page threw or logged an error along the way', () => {
    expect(session.errors).toEqual([]);
  });
});
