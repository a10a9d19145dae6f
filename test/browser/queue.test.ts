import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './support/browser.js';
import { choose, expectAccessible, type Person, signIn } from './support/journey.js';
import { apiAs, type BrowserSession, openBrowserSession, screenshotIfFailed } from './support/session.js';

/**
 * The agent's queue on a desk seeded through the API: views with live counts, filters in the URL,
 * the SLA countdown (one ticket overdue, one due within the warning hour), the keyboard (j/k/x/Enter,
 * g q, ?), the command palette, bulk assignment with a ticket that fails, and axe in light and dark.
 */
const admin: Person = { name: 'Ada Admin', email: 'ada@tend.example', password: 'correct horse battery' };
const alan: Person = { name: 'Alan Agent', email: 'alan@tend.example', password: 'agent password 123' };
const bea: Person = { name: 'Bea Agent', email: 'bea@tend.example', password: 'agent password 456' };
type Created = { id: string };
type Ticket = { id: string; number: string; subject: string };

/** The server's clock can run behind, so that a ticket is opened "two hours ago" (and is overdue now). */
const clock = { behindMs: 0, now: () => new Date(Date.now() - clock.behindMs) };

async function seedDesk(session: BrowserSession) {
  const { page, url } = session;
  const setup = await page.request.post(`${url}/api/v1/setup`, {
    data: { organisationName: 'Tend Support Co', ...admin },
  });
  expect(setup.status()).toBe(201);
  const providerId = (await setup.json()).organisation.id as string;
  const api = await apiAs(page, url);
  const globex = await api.post<Created>('/organisations', { name: 'Globex Corporation', domains: [] });
  const initech = await api.post<Created>('/organisations', { name: 'Initech', domains: [] });
  const staff = { organisationId: providerId, role: 'agent' };
  const alanId = (await api.post<Created>('/users', { ...staff, ...alan })).id;
  const beaId = (await api.post<Created>('/users', { ...staff, ...bea })).id;
  const requester = (organisationId: string, name: string) =>
    api.post<Created>('/users', { organisationId, role: 'requester', name, email: `${name}@x.example` });
  const [rita, ivan] = [await requester(globex.id, 'rita'), await requester(initech.id, 'ivan')];
  const served = [globex.id, initech.id];
  const firstLine = await api.post<Created>('/teams', {
    name: 'First line',
    tier: 'L1',
    servedOrganisationIds: served,
    memberIds: [alanId, beaId],
  });
  const apps = await api.post<Created>('/teams', {
    name: 'Application support',
    tier: 'L2',
    servedOrganisationIds: served,
    memberIds: [alanId],
  });
  const calendar = await api.post<Created>('/calendars', { name: 'Always', preset: '24/7', timezone: 'UTC' });
  await api.post('/sla/policies', {
    name: 'Standard',
    calendarId: calendar.id,
    targets: { P1: { firstResponse: 30 }, P3: { firstResponse: 480 }, P4: { firstResponse: 2880 } },
    isDefault: true,
  });
  const open = (body: object) => api.post<Ticket>('/tickets', { description: 'Details follow.', ...body });
  const urgent = { impact: 'high', urgency: 'high' };
  clock.behindMs = 2 * 3600_000;
  const fire = await open({
    subject: 'Printer on fire',
    requesterId: rita.id,
    ...urgent,
    assigneeId: alanId,
  });
  clock.behindMs = 0;
  const vpn = await open({
    subject: 'VPN drops every hour',
    requesterId: rita.id,
    ...urgent,
    assigneeId: alanId,
  });
  const laptop = await open({ subject: 'New laptop', requesterId: ivan.id, type: 'service_request' });
  const password = await open({
    subject: 'Password reset',
    requesterId: ivan.id,
    impact: 'low',
    urgency: 'low',
  });
  const invoice = await open({ subject: 'Invoice question', requesterId: rita.id, tags: ['billing'] });
  const database = await open({ subject: 'Database slow', requesterId: rita.id, teamId: apps.id });
  await session.context.clearCookies(); // setup signed the admin in; the journey is Alan's
  await signIn(page, url, alan);
  await page.getByRole('heading', { level: 1, name: `Welcome, ${alan.name}` }).waitFor();
  const mine = await apiAs(page, url);
  await mine.post('/views', { name: 'Billing', filters: { tag: 'billing' } });
  await mine.post('/views', {
    name: 'Urgent for the team',
    filters: { priority: 'P1' },
    teamId: firstLine.id,
  });
  return { fire, vpn, laptop, password, invoice, database };
}

const table = (page: Page) => page.getByRole('table', { name: 'Tickets' });
const bodyRows = (page: Page) => table(page).locator('tbody tr');
const rowOf = (page: Page, subject: string) => table(page).getByRole('row', { name: new RegExp(subject) });
const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });

async function subjects(page: Page): Promise<string[]> {
  return bodyRows(page).evaluateAll((rows) =>
    rows.map((row) => (row.querySelectorAll('td')[2]?.textContent ?? '').trim()),
  );
}

/** Keys go to the page, not to whatever field had focus. */
async function pressOnPage(page: Page, ...keys: string[]): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const key of keys) await page.keyboard.press(key);
}

describe.skipIf(!browserAvailable())('agent queue', { timeout: 90_000 }, () => {
  let session: BrowserSession;
  let url: string;
  let page: Page;
  let tickets: Awaited<ReturnType<typeof seedDesk>>;

  beforeAll(async () => {
    session = await openBrowserSession('queue', { clock });
    ({ url, page } = session);
    tickets = await seedDesk(session);
  }, 180_000);

  afterEach(async (context) => screenshotIfFailed(session, 'queue', context.task));
  afterAll(async () => session?.close());

  it('opens on my open tickets, soonest SLA first, with a live countdown and view counts', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Tickets' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'My open tickets' }).waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('builtin:mine');
    await expect.poll(() => subjects(page)).toEqual(['Printer on fire', 'VPN drops every hour']);

    const sla = (subject: string) => rowOf(page, subject).locator('[data-sla-state]');
    const shown = (subject: string) => sla(subject).locator('span[aria-hidden="true"]');
    expect(await sla('Printer on fire').getAttribute('data-sla-state')).toBe('breached');
    expect(await shown('Printer on fire').textContent()).toMatch(/^1h 3\dm overdue$/);
    expect(await sla('VPN drops every hour').getAttribute('data-sla-state')).toBe('warning');
    const soon = shown('VPN drops every hour');
    const first = await soon.textContent();
    expect(first).toMatch(/^in 2\dm \d\ds$/);
    await expect.poll(() => soon.textContent(), { timeout: 3_000 }).not.toBe(first); // it ticks

    await views(page)
      .getByRole('link', { name: /Billing\s*1 tickets/ })
      .waitFor();
    await page.getByRole('heading', { name: 'Shared with First line' }).waitFor();
    await views(page)
      .getByRole('link', { name: /Urgent for the team\s*2 tickets/ })
      .waitFor();
    await expectAccessible(page, 'queue');
  });

  it('filters by view, words, ticket number and priority, and saves the filters as a view', async () => {
    await views(page).getByRole('link', { name: 'All open' }).click();
    await page.getByRole('heading', { level: 1, name: 'All open' }).waitFor();
    await expect.poll(() => bodyRows(page).count()).toBe(6);

    const search = page.getByRole('search').getByLabel('Search');
    await search.fill('vpn');
    await expect.poll(() => subjects(page)).toEqual(['VPN drops every hour']);
    await search.fill(tickets.password.number);
    await expect.poll(() => subjects(page)).toEqual(['Password reset']);
    expect(new URL(page.url()).searchParams.get('q')).toBe(tickets.password.number);
    await search.fill('');
    await expect.poll(() => bodyRows(page).count()).toBe(6);

    await choose(page, page.getByRole('search').getByLabel('Priority'), 'P1');
    await expect.poll(() => bodyRows(page).count()).toBe(2);
    await page.getByText('Filters changed').waitFor();

    await page.getByRole('button', { name: 'Save as view' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save as view' });
    await dialog.getByLabel('Name').fill('P1 everywhere');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'P1 everywhere' }).waitFor();
    await views(page)
      .getByRole('link', { name: /P1 everywhere\s*2 tickets/ })
      .waitFor();
  });

  it('j/k move through the list, x selects, Enter opens the ticket, g q comes back', async () => {
    await views(page).getByRole('link', { name: 'All open' }).click();
    await expect.poll(() => bodyRows(page).count()).toBe(6);
    const order = await subjects(page);
    const active = () => table(page).locator('tbody tr[data-active]').locator('td').nth(2).textContent();

    await pressOnPage(page, 'j');
    await expect.poll(active).toBe(order[0]);
    await pressOnPage(page, 'j', 'j');
    await expect.poll(active).toBe(order[2]);
    await pressOnPage(page, 'k');
    await expect.poll(active).toBe(order[1]);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TR');

    await page.keyboard.press('x');
    await page.getByText('1 selected').waitFor();
    await page.keyboard.press('x');
    await expect.poll(() => page.getByText('1 selected').count()).toBe(0);

    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tickets\/T-\d+$/);
    await page.getByRole('heading', { level: 1, name: order[1] }).waitFor();

    await pressOnPage(page, 'g', 'q');
    await page.getByRole('heading', { level: 1, name: 'My open tickets' }).waitFor();
  });

  it('the keys do nothing while typing in a field; ? lists every shortcut', async () => {
    const search = page.getByRole('search').getByLabel('Search');
    await pressOnPage(page, '/');
    await expect.poll(() => search.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('jjx');
    expect(await search.inputValue()).toBe('jjx');
    expect(await table(page).locator('tbody tr[data-active]').count()).toBe(0);
    await search.fill('');

    await pressOnPage(page, '?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const text of [
      'Open the command palette',
      'Next ticket in the list',
      'Reply to the requester',
      'Escalate',
    ])
      await help.getByText(text).waitFor();
    await expectAccessible(page, 'queue-shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('the command palette jumps to a ticket by number and to a saved view', async () => {
    await pressOnPage(page, 'Control+k');
    const palette = page.getByRole('dialog');
    const input = palette.getByPlaceholder('Jump to a ticket number, view or page…');
    await input.fill(tickets.laptop.number.replace('T-', ''));
    await palette.getByRole('button', { name: `Open ticket ${tickets.laptop.number}` }).waitFor();
    await expectAccessible(page, 'queue-palette');
    await input.press('Enter');
    await page.waitForURL(`**/tickets/${tickets.laptop.number}`);
    await page.getByRole('heading', { level: 1, name: 'New laptop' }).waitFor();

    await page.getByTestId('palette-button').click();
    await page.getByPlaceholder('Jump to a ticket number, view or page…').fill('billing');
    await page.getByRole('dialog').getByRole('button', { name: 'Billing' }).click();
    await page.getByRole('heading', { level: 1, name: 'Billing' }).waitFor();
    await expect.poll(() => subjects(page)).toEqual(['Invoice question']);
  });

  it('bulk-assigns the selected tickets and says which one could not be assigned', async () => {
    await page.goto(`${url}/tickets`);
    await views(page).getByRole('link', { name: 'All open' }).click();
    await expect.poll(() => bodyRows(page).count()).toBe(6);
    for (const subject of ['New laptop', 'Password reset', 'Database slow'])
      await rowOf(page, subject).getByRole('checkbox').check();
    await page.getByText('3 selected').waitFor();
    await page.getByRole('region', { name: '3 selected' }).getByRole('button', { name: 'Assign' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assign 3 tickets' });
    await choose(page, dialog.getByLabel('Assignee'), bea.name);
    await dialog.getByRole('button', { name: 'Apply to 3 tickets' }).click();

    const results = page.getByRole('dialog', { name: 'Results per ticket' });
    await results.getByText('Bulk change: 2 done, 1 failed').waitFor();
    const list = results.getByTestId('bulk-results');
    await list
      .getByRole('listitem')
      .filter({ hasText: tickets.database.number })
      .getByText(/not a member/)
      .waitFor();
    expect(await list.getByText('Changed', { exact: true }).count()).toBe(2);
    await expectAccessible(page, 'queue-bulk-results');
    await results.getByRole('button', { name: 'Done' }).click();

    await expect.poll(() => rowOf(page, 'New laptop').textContent()).toContain(bea.name);
    await expect.poll(() => rowOf(page, 'Password reset').textContent()).toContain(bea.name);
    await page.getByText('1 selected').waitFor(); // the one that failed stays selected
    expect(await rowOf(page, 'Database slow').getByRole('checkbox').isChecked()).toBe(true);
  });

  it('opens a ticket on behalf of a requester', async () => {
    await page.getByRole('button', { name: 'New ticket' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New ticket on behalf of a requester' });
    await choose(page, dialog.getByLabel('Organisation'), 'Initech');
    await choose(page, dialog.getByLabel('Requester'), 'ivan · ivan@x.example');
    await dialog.getByLabel('Subject').fill('Monitor flickers');
    await dialog.getByLabel('Description').fill('Since the move to the third floor.');
    await dialog.getByRole('button', { name: 'Open ticket' }).click();
    await page.getByRole('heading', { level: 1, name: 'Monitor flickers' }).waitFor();
  });

  it('stays accessible in dark mode', async () => {
    await page.goto(`${url}/tickets`);
    await page.getByTestId('theme-toggle').click();
    await page.getByRole('heading', { level: 1, name: 'My open tickets' }).waitFor();
    await expect.poll(() => bodyRows(page).count()).toBe(2);
    await expectAccessible(page, 'queue-dark');
  });

  it('no page threw or logged an error along the way', () => {
    expect(session.errors).toEqual([]);
  });
});
