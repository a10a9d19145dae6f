import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './support/browser.js';
import { choose, expectAccessible, type Person, signIn, signOut } from './support/journey.js';
import { screenshot } from './support/pages.js';
import { apiAs, type BrowserSession, openBrowserSession, screenshotIfFailed } from './support/session.js';

/**
 * The customer portal, on a desk seeded through the API: a requester opens a ticket with a file,
 * finds it in the list, replies; the desk answers, adds an internal note and resolves (through the
 * API); the requester sees the answer but never the note, rates the resolution, reopens and withdraws
 * it; the same pages on a 375-px phone; a customer manager sees the organisation's tickets. Every
 * page is checked with axe in light and dark mode and photographed.
 */
const admin: Person = { name: 'Ada Admin', email: 'ada@tend.example', password: 'correct horse battery' };
const agent: Person = { name: 'Alan Agent', email: 'alan@tend.example', password: 'agent password 123' };
const rita: Person = { name: 'Rita Requester', email: 'rita@globex.example', password: 'requester pass 789' };
const rob: Person = { name: 'Rob Requester', email: 'rob@globex.example', password: 'requester pass 790' };
const carla: Person = {
  name: 'Carla Customer',
  email: 'carla@globex.example',
  password: 'customer pass 456',
};
type Created = { id: string };
type Ticket = { id: string; number: string };

const SUBJECT = 'Invoices cannot be printed';
const STAFF_REPLY = 'Please try again now: the print queue was stuck and has been cleared.';
const INTERNAL_NOTE = 'Internal: the spooler on PRN-04 crashed again, hardware ticket pending.';

/** The API as another person, in a browser context of their own (the page keeps its session). */
async function apiFor(session: BrowserSession, person: Person) {
  const context = await session.browser.newContext();
  const page = await context.newPage();
  const login = await page.request.post(`${session.url}/api/v1/auth/login`, {
    data: { email: person.email, password: person.password },
  });
  expect(login.status()).toBe(200);
  return { api: await apiAs(page, session.url), close: () => context.close() };
}

async function seedDesk(session: BrowserSession): Promise<void> {
  const { page, url } = session;
  const setup = await page.request.post(`${url}/api/v1/setup`, {
    data: { organisationName: 'Tend Support Co', ...admin },
  });
  expect(setup.status()).toBe(201);
  const providerId = (await setup.json()).organisation.id as string;
  const api = await apiAs(page, url);
  const globex = await api.post<Created>('/organisations', { name: 'Globex Corporation', domains: [] });
  const alan = await api.post<Created>('/users', { organisationId: providerId, role: 'agent', ...agent });
  for (const person of [rita, rob])
    await api.post('/users', { organisationId: globex.id, role: 'requester', ...person });
  await api.post('/users', { organisationId: globex.id, role: 'customer_manager', ...carla });
  await api.post('/teams', {
    name: 'First line',
    tier: 'L1',
    servedOrganisationIds: [globex.id],
    memberIds: [alan.id],
  });
  await session.context.clearCookies();
}

const scheme = (page: Page) =>
  page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));

/** axe in light mode, then in dark mode, then back to light; a screenshot of each. */
async function expectAccessibleBothThemes(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await page.getByTestId('theme-toggle').click();
  await expect.poll(() => scheme(page)).toBe('dark');
  await expectAccessible(page, `${name}-dark`);
  await page.getByTestId('theme-toggle').click();
  await expect.poll(() => scheme(page)).toBe('light');
}

const portalNav = (page: Page) => page.getByRole('navigation', { name: 'Portal navigation' });

describe.skipIf(!browserAvailable())('customer portal', { timeout: 120_000 }, () => {
  let session: BrowserSession;
  let url: string;
  let page: BrowserSession['page'];
  let ticket: Ticket;

  beforeAll(async () => {
    session = await openBrowserSession('portal');
    ({ url, page } = session);
    await seedDesk(session);
  }, 180_000);

  afterEach(async (context) => screenshotIfFailed(session, 'portal', context.task));
  afterAll(async () => session?.close());

  it('a requester starts with friendly empty states', async () => {
    await signIn(page, url, rita);
    await page.getByRole('heading', { level: 1, name: `Welcome, ${rita.name}` }).waitFor();
    await page.getByRole('heading', { name: 'Nothing open right now' }).waitFor();
    await expectAccessibleBothThemes(page, 'portal-home-empty');
    await portalNav(page).getByRole('link', { name: 'Tickets' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your tickets' }).waitFor();
    await page.getByRole('heading', { name: 'No open tickets' }).waitFor();
    await expectAccessible(page, 'portal-tickets-empty');
  });

  it('opens a ticket with a file and lands on it', async () => {
    await portalNav(page).getByRole('link', { name: 'New ticket' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open a ticket' }).waitFor();
    await page.getByRole('button', { name: 'Open ticket' }).click();
    await expect.poll(() => page.getByLabel('Subject').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('radio', { name: 'Something is broken' }).check();
    await page.getByLabel('Subject').fill(SUBJECT);
    await page.getByLabel('Description').fill('Since this morning the print button does nothing.');
    await choose(page, page.getByRole('textbox', { name: 'How urgent is it?' }), 'Work has stopped');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'error-dialog.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Printer spooler error 0x000006BA'),
    });
    await expectAccessibleBothThemes(page, 'portal-new-ticket');
    await page.getByRole('button', { name: 'Open ticket' }).click();
    await page.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    const number = await page
      .getByText(/^T-\d+$/)
      .first()
      .textContent();
    ticket = { id: '', number: String(number) };
    expect(page.url()).toContain(`/portal/tickets/${ticket.number}`);
    await page.getByRole('link', { name: 'error-dialog.txt' }).waitFor();
    await page.getByText('Received', { exact: true }).first().waitFor();
  });

  it('finds it in the list, by status and by search', async () => {
    await portalNav(page).getByRole('link', { name: 'Tickets' }).click();
    const cards = page.getByTestId('portal-ticket');
    await expect.poll(() => cards.count()).toBe(1);
    await page.getByRole('link', { name: `${ticket.number} · ${SUBJECT}` }).waitFor();
    await page.getByRole('search').getByLabel('Search').fill('nonexistent words');
    await page.getByRole('heading', { name: 'No tickets match' }).waitFor();
    await page.getByRole('search').getByLabel('Search').fill('printed');
    await expect.poll(() => cards.count()).toBe(1);
    await choose(page, page.getByRole('search').getByRole('textbox', { name: 'Status' }), 'Closed');
    await page.getByRole('heading', { name: 'No tickets match' }).waitFor();
    await choose(page, page.getByRole('search').getByRole('textbox', { name: 'Status' }), 'Open');
    await expect.poll(() => cards.count()).toBe(1);
    await expectAccessibleBothThemes(page, 'portal-tickets');
  });

  it('replies on the ticket', async () => {
    await page.getByRole('link', { name: `${ticket.number} · ${SUBJECT}` }).click();
    await page.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    await page.getByLabel('Your message').fill('It also fails from the mobile app.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const messages = page.getByTestId('portal-message');
    await expect.poll(() => messages.count()).toBe(1);
    await messages.first().getByText('You', { exact: true }).waitFor();
  });

  it('sees the staff reply but never the internal note, and rates the resolution once', async () => {
    const desk = await apiFor(session, agent);
    const found = await desk.api.get<Ticket>(`/tickets/${ticket.number}`);
    ticket = { ...ticket, id: found.id };
    await desk.api.post(`/tickets/${ticket.number}/messages`, { body: STAFF_REPLY, visibility: 'public' });
    await desk.api.post(`/tickets/${ticket.number}/messages`, {
      body: INTERNAL_NOTE,
      visibility: 'internal',
    });
    await desk.api.post(`/tickets/${ticket.number}/transition`, {
      status: 'resolved',
      reason: 'Queue cleared',
    });
    await desk.close();

    await page.reload();
    await page.getByText(STAFF_REPLY).waitFor();
    await expect(page.getByText(INTERNAL_NOTE).count()).resolves.toBe(0);
    await expect(page.content()).resolves.not.toContain('PRN-04');
    await page
      .getByTestId('portal-message')
      .filter({ hasText: STAFF_REPLY })
      .getByText('Support team')
      .waitFor();
    await page.getByText('Resolved', { exact: true }).first().waitFor();
    await page.getByRole('heading', { name: 'How did we do?' }).waitFor();
    await expectAccessibleBothThemes(page, 'portal-ticket-resolved');

    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Choose from 1 to 5 stars').waitFor();
    // The radio itself is visually hidden under its star; a person clicks the star (its label).
    const fourStars = await page.getByRole('radio', { name: '4 of 5' }).getAttribute('id');
    await page.locator(`label[for="${fourStars}"]`).click();
    await page.getByLabel('Comment (optional)').fill('Quick and friendly.');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByRole('heading', { name: 'Your rating' }).waitFor();
    await page.getByText('Quick and friendly.').waitFor();
    await expect(page.getByRole('button', { name: 'Send rating' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'portal-ticket-rated');
  });

  it('reopens within the grace period, then withdraws the ticket', async () => {
    await page.getByRole('button', { name: 'Reopen' }).click();
    const reopen = page.getByRole('dialog', { name: 'Reopen this ticket?' });
    await reopen.getByLabel('What is still wrong? (optional)').fill('It is back since noon.');
    await expectAccessible(page, 'portal-reopen');
    await reopen.getByRole('button', { name: 'Reopen ticket' }).click();
    await reopen.waitFor({ state: 'detached' });
    await page.getByText('In progress', { exact: true }).first().waitFor();
    await expect(page.getByRole('heading', { name: 'How did we do?' }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Close ticket' }).click();
    const withdraw = page.getByRole('dialog', { name: 'Close this ticket?' });
    await withdraw.getByRole('button', { name: 'Close ticket' }).click();
    await withdraw.waitFor({ state: 'detached' });
    await page.getByText('Closed', { exact: true }).first().waitFor();
    await page.getByText('This ticket is closed. If you need more help, open a new ticket.').waitFor();
    await expect(page.getByRole('button', { name: 'Send reply' }).count()).resolves.toBe(0);
    await expectAccessibleBothThemes(page, 'portal-ticket-closed');
  });

  it('on a 375-px phone every portal page fits the screen', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    for (const [path, heading, name] of [
      ['/', `Welcome, ${rita.name}`, 'portal-home-phone'],
      ['/portal/tickets', 'Your tickets', 'portal-tickets-phone'],
      ['/portal/tickets/new', 'Open a ticket', 'portal-new-ticket-phone'],
      [`/portal/tickets/${ticket.number}`, SUBJECT, 'portal-ticket-phone'],
    ] as const) {
      await page.goto(`${url}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      if (path === '/portal/tickets') {
        await choose(page, page.getByRole('search').getByRole('textbox', { name: 'Status' }), 'All');
        await page.getByTestId('portal-ticket').first().waitFor();
      }
      expect(await overflow(), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
      await expectAccessible(page, name);
    }
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('a customer manager sees the organisation’s tickets and who opened them', async () => {
    const other = await apiFor(session, rob);
    await other.api.post('/tickets', {
      subject: 'New starter needs a laptop',
      description: 'Starts Monday.',
    });
    await other.close();
    await signOut(page);
    await signIn(page, url, carla);
    await page.getByRole('heading', { level: 1, name: `Welcome, ${carla.name}` }).waitFor();
    await portalNav(page).getByRole('link', { name: 'Tickets' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tickets of Globex Corporation' }).waitFor();
    await choose(page, page.getByRole('search').getByRole('textbox', { name: 'Status' }), 'All');
    const cards = page.getByTestId('portal-ticket');
    await expect.poll(() => cards.count()).toBe(2);
    await cards
      .filter({ hasText: 'New starter needs a laptop' })
      .getByText(/Opened by Rob Requester/)
      .waitFor();
    await cards
      .filter({ hasText: SUBJECT })
      .getByText(/Opened by Rita Requester/)
      .waitFor();
    await expectAccessibleBothThemes(page, 'portal-manager-tickets');
    await page.locator('label', { hasText: 'Opened by me' }).click();
    await page.getByRole('heading', { name: 'No tickets match' }).waitFor();
    await screenshot(page, 'portal-manager-mine');
  });

  it('no page threw or logged an error along the way', () => {
    expect(session.errors).toEqual([]);
  });
});
