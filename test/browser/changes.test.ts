import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './support/browser.js';
import { choose, expectAccessible, openFromNav, type Person, signIn } from './support/journey.js';
import { apiAs, type BrowserSession, openBrowserSession, screenshotIfFailed } from './support/session.js';

/**
 * Change requests in the browser: the list from the navigation, approving a change as a CAB member
 * with a comment, raising a change through the form, the calendar's month and list views with a
 * conflict, the backlog and KPIs — axe-clean in light and dark.
 */
const admin: Person = { name: 'Ada Admin', email: 'ada@tend.example', password: 'correct horse battery' };
const alan: Person = { name: 'Alan Agent', email: 'alan@tend.example', password: 'agent password 123' };
type Created = { id: string };
type Change = { id: string; number: string };

const now = new Date();
const day10 = (hour: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 10, hour)).toISOString();

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
  const production = await api.post<Created>(`/services/${service.id}/environments`, {
    name: 'Production',
    kind: 'production',
  });
  await api.post('/approver-groups', { name: 'CAB', rule: 'quorum', quorum: 1, memberIds: [alanId] });
  const change = (title: string, type: string, extra: object = {}) =>
    api.post<Change>('/changes', {
      organisationId: globex.id,
      type,
      title,
      description: `${title}, described.`,
      kind: 'adaptive',
      implementationPlan: 'deploy',
      backoutPlan: 'redeploy the previous version',
      affected: [{ serviceId: service.id, environmentId: production.id }],
      ...extra,
    });
  const upgrade = await change('Upgrade the billing database', 'normal');
  await api.post(`/changes/${upgrade.number}/transition`, { state: 'submitted' });
  await api.post(`/changes/${upgrade.number}/transition`, { state: 'assessment' });
  for (const [title, start, end] of [
    ['Rotate certificates', day10(1), day10(3)],
    ['Patch the web servers', day10(2), day10(4)],
  ] as const) {
    const standard = await change(title, 'standard');
    await api.post(`/changes/${standard.number}/transition`, { state: 'submitted' });
    await api.post(`/changes/${standard.number}/transition`, {
      state: 'scheduled',
      plannedStart: start,
      plannedEnd: end,
    });
  }
  return { upgrade };
}

describe.skipIf(!browserAvailable())('change requests in the browser', () => {
  let session: BrowserSession;
  let page: Page;
  let url: string;
  let upgrade: Change;

  beforeAll(async () => {
    session = await openBrowserSession('changes');
    ({ page, url } = session);
    ({ upgrade } = await seed(session));
    await page.context().clearCookies();
    await signIn(page, url, alan);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  });
  afterEach(async (context) => screenshotIfFailed(session, 'changes', context.task));
  afterAll(async () => session?.close());

  it('lists open changes from the navigation', async () => {
    await openFromNav(page, 'Changes', 'Change requests');
    const table = page.getByRole('table', { name: 'Change requests' });
    await table.getByRole('link', { name: 'Upgrade the billing database' }).waitFor();
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    await expectAccessible(page, 'changes-list');
  });

  it('approves a change with a comment as a CAB member', async () => {
    await page.getByRole('link', { name: 'Upgrade the billing database' }).click();
    await page
      .getByRole('heading', { level: 1, name: `${upgrade.number} · Upgrade the billing database` })
      .waitFor();
    await expectAccessible(page, 'change-detail');
    await page.getByLabel('Your comment (required to reject)').fill('Go ahead on Sunday');
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText('Go ahead on Sunday').waitFor();
    await page.getByRole('button', { name: 'Move to Scheduled' }).waitFor();
  });

  it('raises a change through the form', async () => {
    await page.goto(`${url}/changes/new`);
    await page.getByRole('heading', { level: 1, name: 'New change request' }).waitFor();
    await choose(page, page.getByRole('textbox', { name: 'Organisation' }), 'Globex Corporation');
    await page.getByLabel('Title').fill('Upgrade the PDF renderer');
    await page.getByLabel('What and why').fill('The old one leaks memory.');
    await choose(page, page.getByRole('textbox', { name: 'Affected services' }), 'Billing');
    await page.getByRole('checkbox', { name: 'Production' }).check();
    await expectAccessible(page, 'change-new');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { level: 1, name: /Upgrade the PDF renderer/ }).waitFor();
    await page.getByRole('button', { name: 'Move to Submitted' }).waitFor();
  });

  it('shows the conflict in the calendar, as a month and as a list', async () => {
    await page.goto(`${url}/changes/calendar`);
    await page.getByRole('heading', { level: 1, name: 'Change calendar' }).waitFor();
    await page.getByRole('heading', { name: 'Conflicts' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /conflict/ }).count()).toBe(2);
    await expectAccessible(page, 'changes-calendar');
    await page.getByText('List', { exact: true }).click();
    await expect.poll(() => page.getByText('Conflict', { exact: true }).count()).toBe(2);
  });

  it('reports the backlog and the KPIs', async () => {
    await page.goto(`${url}/changes/backlog`);
    await page.getByRole('heading', { level: 1, name: 'Backlog and KPIs' }).waitFor();
    await page.getByRole('table', { name: 'Open changes by state' }).waitFor();
    await page.getByText('Change failure rate').waitFor();
    await expectAccessible(page, 'changes-backlog');
  });

  it('stays accessible in dark mode', async () => {
    await page.goto(`${url}/changes/calendar`);
    await page.getByTestId('theme-toggle').click();
    await page.getByRole('heading', { name: 'Conflicts' }).waitFor();
    await expectAccessible(page, 'changes-calendar-dark');
  });

  it('no page threw or logged an error along the way', () => {
    expect(session.errors).toEqual([]);
  });
});
