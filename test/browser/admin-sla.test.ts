import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { browserAvailable } from './support/browser.js';
import { choose, expectAccessible, openFromNav, type Person, signIn } from './support/journey.js';
import { apiAs, type BrowserSession, openBrowserSession, screenshotIfFailed } from './support/session.js';

/**
 * The administrator's service-level and integration pages: a business calendar (hours, a holiday by
 * hand and by .ics import, a bad time refused on its day, the due-time preview), an SLA policy made
 * the default and given to an organisation, a rule in the escalation matrix, a webhook (secret shown
 * once, a test delivery that fails, is sent again and arrives), a mailbox, the received-mail list and
 * the audit log naming its actors. Every page is checked with axe in light and dark mode.
 */
const admin: Person = { name: 'Ada Admin', email: 'ada@tend.example', password: 'correct horse battery' };

const HOLIDAYS_ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Tend tests//EN',
  'BEGIN:VEVENT',
  'UID:xmas-1@tend.test',
  'DTSTART;VALUE=DATE:20261225',
  'SUMMARY:Christmas Day',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:xmas-2@tend.test',
  'DTSTART;VALUE=DATE:20261226',
  'SUMMARY:Boxing Day',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

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

describe.skipIf(!browserAvailable())('admin: service levels and integrations', { timeout: 120_000 }, () => {
  let session: BrowserSession;
  let url: string;
  let page: BrowserSession['page'];
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // The first delivery fails, every later one arrives.
    receiver.respondWith((_request, index) =>
      index === 0 ? { status: 500, body: 'boom' } : { status: 200 },
    );
    session = await openBrowserSession('admin-sla', { worker: true });
    ({ url, page } = session);
    const setup = await page.request.post(`${url}/api/v1/setup`, {
      data: { organisationName: 'Tend Support Co', ...admin },
    });
    expect(setup.status()).toBe(201);
    await (await apiAs(page, url)).post('/organisations', { name: 'Globex Corporation', domains: [] });
    await session.context.clearCookies();
    await signIn(page, url, admin);
    await page.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` }).waitFor();
  }, 180_000);

  afterEach(async (context) => screenshotIfFailed(session, 'admin-sla', context.task));
  afterAll(async () => {
    await session?.close();
    await receiver?.close();
  });

  it('creates a business calendar from a preset', async () => {
    await openFromNav(page, 'Business calendars');
    await page.getByRole('heading', { name: 'No business calendars yet' }).waitFor();
    await expectAccessibleBothThemes(page, 'admin-calendars-empty');
    await page.getByRole('button', { name: 'New calendar' }).click();
    const dialog = page.getByRole('dialog', { name: 'New calendar' });
    await dialog.getByLabel('Name').fill('Berlin office');
    await choose(page, dialog.getByRole('textbox', { name: 'Time zone' }), 'Europe/Berlin', 'Berlin');
    await expectAccessible(page, 'admin-calendar-new');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name: 'Berlin office' }).waitFor();
    await expect(page.getByLabel('Mon, interval 1: opens at').inputValue()).resolves.toBe('09:00');
  });

  it('edits hours (a bad time is refused on its day) and holidays, by hand and from an .ics feed', async () => {
    await page.getByLabel('Mon, interval 1: closes at').fill('25:00');
    await page.getByRole('button', { name: 'Add hours on Sat' }).click();
    await page.getByLabel('Sat, interval 1: opens at').fill('10:00');
    await page.getByLabel('Sat, interval 1: closes at').fill('14:00');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page
      .getByText(/must be a time/i)
      .first()
      .waitFor();
    await expectAccessible(page, 'admin-calendar-error');

    await page.getByLabel('Mon, interval 1: closes at').fill('17:00');
    await page.getByLabel('Date').fill('2026-12-25');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Version 2', { exact: false }).waitFor();
    await expect(page.getByLabel('Sat, interval 1: closes at').inputValue()).resolves.toBe('14:00');

    await page.locator('input[type="file"]').setInputFiles({
      name: 'holidays.ics',
      mimeType: 'text/calendar',
      buffer: Buffer.from(HOLIDAYS_ICS),
    });
    await page.getByText('1 holidays added; 1 were already there').waitFor();
    const holidays = page.getByRole('list', { name: 'Holidays' }).getByRole('listitem');
    await expect.poll(() => holidays.count()).toBe(2);
  });

  it('previews a due time on the calendar as edited', async () => {
    // Sunday noon: closed in Berlin, so one business hour ends Monday at 10:00 Berlin time.
    await page.getByLabel('Start (your local time)').fill('2026-03-29T12:00');
    await page.getByLabel('Business minutes').fill('60');
    await page.getByRole('button', { name: 'Calculate' }).click();
    const due = page.getByTestId('preview-due');
    await expect.poll(() => due.textContent()).toMatch(/Monday.*10:00.*Europe\/Berlin/);
    await expectAccessibleBothThemes(page, 'admin-calendar');
  });

  it('creates the default SLA policy and gives it to an organisation', async () => {
    await openFromNav(page, 'SLA policies');
    await page.getByRole('heading', { name: 'No SLA policies yet' }).waitFor();
    await page.getByRole('button', { name: 'New policy' }).click();
    const dialog = page.getByRole('dialog', { name: 'New policy' });
    await dialog.getByLabel('Name').fill('Standard');
    await choose(
      page,
      dialog.getByRole('textbox', { name: 'Business calendar' }),
      'Berlin office (Europe/Berlin)',
    );
    await dialog.getByLabel('P1 First response', { exact: true }).fill('30');
    await dialog.getByLabel('Unit for P1 First response').selectOption('min');
    await dialog.getByLabel('P1 Resolution', { exact: true }).fill('4');
    await dialog.getByLabel('P3 First response', { exact: true }).fill('8');
    await dialog.getByLabel('Default policy').check();
    await expectAccessible(page, 'admin-policy-form');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: /Standard/ });
    await row.getByText('Default').waitFor();
    await row.getByText(/P1 30 min \/ — \/ 4 h/).waitFor();
    await row.getByText(/P3 8 h/).waitFor();

    const globex = page.getByRole('textbox', { name: 'Policy for Globex Corporation' });
    await expect(globex.inputValue()).resolves.toBe('The default (Standard)');
    await globex.click();
    await page.getByRole('option', { name: 'Standard', exact: true }).click();
    await page.getByText('Policy of Globex Corporation changed').waitFor();
    await page.reload();
    await expect.poll(() => globex.inputValue()).toBe('Standard');
    await expectAccessibleBothThemes(page, 'admin-policies');
  });

  it('adds a rule to the escalation matrix', async () => {
    await openFromNav(page, 'Escalation matrix');
    await page.getByRole('button', { name: 'Add a rule for P1 at Warning' }).click();
    const dialog = page.getByRole('dialog', { name: 'P1 at Warning' });
    await dialog.getByRole('checkbox', { name: 'Service managers' }).check();
    await choose(page, dialog.getByRole('textbox', { name: 'Move to tier' }), 'L2 · Application support');
    await expectAccessible(page, 'admin-escalation-rule');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const cell = page.getByTestId('cell-P1-warning');
    await cell.getByText('Notifies The assignee, Service managers').waitFor();
    await cell.getByText('Moves to L2').waitFor();
    await page.getByRole('button', { name: 'Edit the rule for P1 at Warning' }).waitFor();
    await expectAccessibleBothThemes(page, 'admin-escalation');
  });

  it('creates a webhook, shows its secret once, and sends a failed test delivery again', async () => {
    await openFromNav(page, 'Webhooks');
    await page.getByRole('heading', { name: 'No webhooks' }).waitFor();
    await page.getByRole('button', { name: 'New webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'New webhook' });
    await dialog.getByLabel('Name').fill('Chat relay');
    await dialog.getByLabel('URL').fill(`${receiver.url}/hooks/tend`);
    const events = dialog.getByRole('textbox', { name: 'Events' });
    await events.fill('ticket.sla_breached');
    await events.press('Enter');
    await dialog.getByRole('heading', { name: 'New webhook' }).click(); // closes the suggestions
    await expectAccessible(page, 'admin-webhook-form');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const secretDialog = page.getByRole('dialog', { name: 'Copy the signing secret' });
    const secret = secretDialog.getByLabel('Signing secret');
    await expect.poll(async () => (await secret.inputValue()).length).toBeGreaterThan(16);
    await expectAccessible(page, 'admin-webhook-secret');
    await secretDialog.getByRole('button', { name: 'I have copied it' }).click();
    const row = page.getByRole('row', { name: /Chat relay/ });
    await row.getByText('ticket.sla_breached').waitFor();
    await expectAccessibleBothThemes(page, 'admin-webhooks');

    await row.getByRole('link', { name: 'Chat relay' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chat relay' }).waitFor();
    await page.getByRole('button', { name: 'Send test' }).click();
    const deliveries = page.getByRole('table', { name: 'Delivery log' });
    await deliveries.getByText('Failed, will retry').waitFor();
    await deliveries.getByRole('button', { name: /Show attempts of delivery/ }).click();
    await deliveries
      .getByRole('table', { name: /Attempts of delivery/ })
      .getByText('500')
      .waitFor();
    await deliveries.getByRole('button', { name: /Send again: delivery/ }).click();
    await deliveries.getByText('Delivered').waitFor();
    await receiver.waitForRequests(2);
    expect(receiver.requests[1]?.headers['x-tend-event']).toBe('webhook.test');
    await expectAccessibleBothThemes(page, 'admin-webhook');

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page
      .getByRole('dialog', { name: 'Replace the signing secret?' })
      .getByRole('button', { name: 'Rotate secret' })
      .click();
    const rotated = page.getByRole('dialog', { name: 'Copy the signing secret' });
    await expect
      .poll(async () => (await rotated.getByLabel('Signing secret').inputValue()).length)
      .toBeGreaterThan(16);
    await rotated.getByRole('button', { name: 'I have copied it' }).click();
    await rotated.waitFor({ state: 'detached' });
  });

  it('adds a mailbox and reads the received-mail list', async () => {
    await openFromNav(page, 'Mailboxes');
    await page.getByRole('heading', { name: 'No mailboxes' }).waitFor();
    await page.getByRole('button', { name: 'New mailbox' }).click();
    const dialog = page.getByRole('dialog', { name: 'New mailbox' });
    await dialog.getByRole('textbox', { name: /^Address/ }).fill('support@tend.example');
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('Support');
    await choose(
      page,
      dialog.getByRole('textbox', { name: 'Organisation for unknown senders' }),
      'Globex Corporation',
      'Glob',
    );
    await expectAccessible(page, 'admin-mailbox-form');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /support@tend\.example.*Globex Corporation/ }).waitFor();
    await expectAccessibleBothThemes(page, 'admin-mailboxes');

    await openFromNav(page, 'Received mail');
    await page.getByRole('heading', { name: 'Nothing waits for review' }).waitFor();
    await expectAccessibleBothThemes(page, 'admin-inbound-mail');
  });

  it('the audit log names who made each change', async () => {
    await openFromNav(page, 'Audit log');
    await page.getByRole('search').getByLabel('Action').fill('webhook.created');
    await page.getByRole('row', { name: /Ada Admin.*webhook\.created/ }).waitFor();
  });

  it('no page threw or logged an error along the way', () => {
    expect(session.errors).toEqual([]);
  });
});
