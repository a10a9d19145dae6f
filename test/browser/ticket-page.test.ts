import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './support/browser.js';
import { choose, expectAccessible, type Person, signIn } from './support/journey.js';
import { screenshot } from './support/pages.js';
import { apiAs, type BrowserSession, openBrowserSession, screenshotIfFailed } from './support/session.js';

/**
 * The agent's ticket page, on a desk seeded through the API: a reply and an internal note (which
 * looks different), attachments (one over the limit), escalation with a reason (and the words for
 * "no team of that tier"), an edit that meets someone else's change (412 → conflict panel), the SLA
 * panel and its explanation, the r/n/e keys, and axe in light and dark mode.
 */
const admin: Person = { name: 'Ada Admin', email: 'ada@tend.example', password: 'correct horse battery' };
const agent: Person = { name: 'Alan Agent', email: 'alan@tend.example', password: 'agent password 123' };
type Created = { id: string };
type Ticket = { id: string; number: string; version: number; subject: string };

/** Mail with hostile HTML (scripts, trackers, javascript: links), sent by the requester to the mailbox. */
async function mailFromRita(session: BrowserSession, token: string): Promise<string> {
  const fixture = new URL('../fixtures/mail/multipart-alternative-hostile-html.eml', import.meta.url);
  const raw = readFileSync(fixture, 'latin1')
    .replaceAll('jane@acme.example', 'rita@globex.example')
    .replaceAll('Jane Doe', 'Rita Requester');
  const response = await session.page.request.post(
    `${session.url}/api/v1/channels/email/inbound?mailbox=support%40tend.test`,
    { headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'message/rfc822' }, data: raw },
  );
  expect(response.status(), await response.text()).toBe(202);
  return (await response.json()).ticketId as string;
}

async function seedDesk(
  session: BrowserSession,
): Promise<{ ticket: Ticket; requesterId: string; mailTicketId: string }> {
  const { page, url } = session;
  const setup = await page.request.post(`${url}/api/v1/setup`, {
    data: { organisationName: 'Tend Support Co', ...admin },
  });
  expect(setup.status()).toBe(201);
  const providerId = (await setup.json()).organisation.id as string;
  const api = await apiAs(page, url);
  const globex = await api.post<Created>('/organisations', { name: 'Globex Corporation', domains: [] });
  const alan = await api.post<Created>('/users', { organisationId: providerId, role: 'agent', ...agent });
  const rita = await api.post<Created>('/users', {
    organisationId: globex.id,
    role: 'requester',
    name: 'Rita Requester',
    email: 'rita@globex.example',
    password: 'requester pass 789',
  });
  const [firstLine] = [
    await api.post<Created>('/teams', {
      name: 'First line',
      tier: 'L1',
      servedOrganisationIds: [globex.id],
      memberIds: [alan.id],
    }),
    await api.post<Created>('/teams', {
      name: 'Application support',
      tier: 'L2',
      servedOrganisationIds: [globex.id],
      memberIds: [alan.id],
    }),
  ];
  await api.post('/channels/email/mailboxes', {
    address: 'support@tend.test',
    name: 'Support',
    organisationId: globex.id,
    teamId: firstLine!.id,
  });
  const token = await api.post<{ secret: string }>('/auth/tokens', {
    name: 'inbound',
    scopes: ['email:inbound'],
  });
  const calendar = await api.post<Created>('/calendars', { name: 'Always', preset: '24/7', timezone: 'UTC' });
  await api.post('/sla/policies', {
    name: 'Standard',
    calendarId: calendar.id,
    targets: { P3: { firstResponse: 240, resolution: 2880 } },
    isDefault: true,
  });
  const ticket = await api.post<Ticket>('/tickets', {
    subject: 'Invoices cannot be printed',
    description: 'Since this morning the **print** button does nothing.\n\n- Chrome\n- Firefox',
    requesterId: rita.id,
  });
  return { ticket, requesterId: rita.id, mailTicketId: await mailFromRita(session, token.secret) };
}

describe.skipIf(!browserAvailable())('ticket page', { timeout: 90_000 }, () => {
  let session: BrowserSession;
  let url: string;
  let page: BrowserSession['page'];
  let ticket: Ticket;
  let requesterId: string;
  let mailTicketId: string;

  beforeAll(async () => {
    session = await openBrowserSession('ticket-page', { env: { TEND_ATTACHMENT_MAX_MB: '1' } });
    ({ url, page } = session);
    ({ ticket, requesterId, mailTicketId } = await seedDesk(session));
    await session.context.clearCookies(); // the admin's session from seeding; the agent signs in
    await signIn(page, url, agent);
    await page.getByRole('heading', { level: 1, name: `Welcome, ${agent.name}` }).waitFor();
  }, 180_000);

  afterEach(async (context) => screenshotIfFailed(session, 'ticket-page', context.task));
  afterAll(async () => session?.close());

  const composer = () => page.getByTestId('composer');
  const blur = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  it('shows the ticket, its SLA with a live countdown and the explanation of each due time', async () => {
    await page.goto(`${url}/tickets/${ticket.number}`);
    await page.getByRole('heading', { level: 1, name: ticket.subject }).waitFor();
    await page
      .getByRole('article', { name: /Message by Rita Requester/ })
      .getByText('print')
      .waitFor();
    const sla = page.getByRole('region', { name: 'SLA' });
    await sla.getByText('Policy "Standard", targets of P3').waitFor();
    const countdown = sla.getByTestId('sla-countdown-first_response');
    await expect.poll(() => countdown.textContent()).toMatch(/^Due in 3h 5\dm$/);
    await sla.getByRole('button', { name: 'Explain these times' }).click();
    const timeline = sla.getByRole('list', { name: 'What moved the clocks' });
    await timeline.getByText(/Clock started — ticket created at P3 under policy "Standard"/).waitFor();
    await sla
      .getByText(/First response:.*4 h 00 min of business time on the calendar "Always" \(UTC\)/)
      .waitFor();
    await expectAccessible(page, 'ticket-page');
  });

  it('r opens a reply; it is sent with Ctrl+Enter and sets the status asked for', async () => {
    await blur();
    await page.keyboard.press('r');
    const reply = composer().getByLabel('Your reply');
    await expect.poll(() => reply.evaluate((element) => element === document.activeElement)).toBe(true);
    await reply.fill('Thanks Rita, could you send a screenshot of the ');
    await composer().getByRole('button', { name: 'Bold' }).click();
    await choose(page, composer().getByLabel('Then set status'), 'Pending customer');
    await reply.press('Control+Enter');
    const sent = page.getByRole('article', { name: /^Message by Alan Agent/ });
    await sent.getByText('bold text').waitFor();
    expect(await sent.locator('strong').textContent()).toBe('bold text');
    await page.getByRole('button', { name: /^Status: Pending customer/ }).waitFor();
  });

  it('n opens an internal note, which looks different from a reply (label, icon, tint, border)', async () => {
    await blur();
    await page.keyboard.press('n');
    const note = composer().getByLabel('Your note');
    await expect.poll(() => note.evaluate((element) => element === document.activeElement)).toBe(true);
    await composer().getByText('Only staff see internal notes').waitFor();
    await note.fill(
      'Customer is on the old printer driver; check with L2. <img src=x onerror=alert(1)> [run](javascript:alert(2)) [driver notes](https://example.com/driver)',
    );
    await composer().getByRole('button', { name: 'Add note' }).click();
    const added = page.getByRole('article', { name: /^Internal note by Alan Agent/ });
    await added.getByText('Customer is on the old printer driver').waitFor();
    await added.getByText('Internal note', { exact: true }).waitFor();
    // Markdown, never markup: the tag stays text, only the http(s) link is a link.
    await added.getByText('<img src=x onerror=alert(1)>', { exact: false }).waitFor();
    expect(await added.locator('img').count()).toBe(0);
    expect(await added.getByRole('link').count()).toBe(1);
    expect(await added.getByRole('link', { name: 'driver notes' }).getAttribute('href')).toBe(
      'https://example.com/driver',
    );
    const reply = page.getByRole('article', { name: /^Message by Alan Agent/ });
    const look = (article: typeof added) =>
      article.evaluate((element) => {
        const style = getComputedStyle(element);
        return { background: style.backgroundColor, border: style.borderTopStyle };
      });
    const [noteLook, replyLook] = [await look(added), await look(reply)];
    expect(noteLook.background).not.toBe(replyLook.background);
    expect(noteLook.border).toBe('dashed');
    await expectAccessible(page, 'ticket-page-note');
  });

  it('attachments: one over the limit is refused with the limit in words, a dropped one is sent', async () => {
    await blur();
    await page.keyboard.press('r');
    await composer().getByLabel('Your reply').fill('Here is the driver.');
    const big = {
      name: 'dump.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(1_200_000, 1),
    };
    await composer().locator('input[type="file"]').setInputFiles(big);
    await composer().getByRole('button', { name: 'Send reply' }).click();
    await expect
      .poll(() => composer().getByTestId('upload-problem').textContent())
      .toBe('dump.bin was not sent: it is larger than the limit of 1.0 MB.');
    await composer().getByRole('button', { name: 'Remove dump.bin' }).click();
    const dropped = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['driver 4.2'], 'driver.txt', { type: 'text/plain' }));
      return transfer;
    });
    await composer().dispatchEvent('drop', { dataTransfer: dropped });
    await composer().getByText('driver.txt').waitFor();
    await composer().getByRole('button', { name: 'Send reply' }).click();
    const sent = page
      .getByRole('article', { name: /^Message by Alan Agent/ })
      .filter({ hasText: 'Here is the driver.' });
    await sent.getByRole('link', { name: 'driver.txt' }).waitFor();
  });

  it('e escalates with a reason; a tier no team serves is explained in words; Esc closes the dialog', async () => {
    await blur();
    await page.keyboard.press('e');
    const dialog = page.getByRole('dialog', { name: 'Escalate ticket' });
    await dialog.getByLabel('Reason').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.keyboard.press('e');
    await dialog.getByRole('button', { name: 'Escalate' }).click();
    await expect.poll(() => dialog.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Reason').fill('Needs the application team: driver bug.');
    await choose(page, dialog.getByLabel('To tier'), 'L3 · Development support');
    await dialog.getByRole('button', { name: 'Escalate' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/No active L3 team serves this organisation/)
      .waitFor();
    await expectAccessible(page, 'ticket-escalate-no-team');

    await choose(page, dialog.getByLabel('To tier'), 'L2 · Application support');
    await dialog.getByRole('button', { name: 'Escalate' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Tier L2', { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    await page
      .getByTestId('history')
      .getByText(/escalated it from L1 to L2 \(Application support\): Needs the application team/)
      .waitFor();
  });

  it('an edit that meets a change made meanwhile shows the conflict instead of overwriting', async () => {
    await page.getByRole('button', { name: 'Edit subject' }).click();
    const subject = page.getByRole('textbox', { name: /^Subject/ });
    await subject.fill('Printing fails for every invoice');
    // Typing "e" or "r" in a field is typing, not a shortcut.
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);

    // Someone else (the admin, in a browser of her own) renames the ticket meanwhile.
    const other = await session.browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, url, admin);
    await otherPage.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` }).waitFor();
    const api = await apiAs(otherPage, url);
    const now = await api.get<Ticket>(`/tickets/${ticket.number}`);
    await api.patch(
      `/tickets/${ticket.number}`,
      { subject: 'Invoices do not print' },
      { 'If-Match': `"${now.version}"` },
    );
    await other.close();
    // Live updates tell the agent calmly, and the edit in progress keeps the version it began from.
    await page
      .getByTestId('live-notice')
      .getByText(/Someone else changed this ticket/)
      .waitFor();
    await expect.poll(() => subject.inputValue()).toBe('Printing fails for every invoice');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    const panel = page.getByTestId('conflict-panel');
    await panel
      .getByRole('heading', { name: 'Someone else changed this ticket while you were editing' })
      .waitFor();
    const row = panel.getByRole('row', { name: /Subject/ });
    await row.getByText('Printing fails for every invoice').waitFor();
    await row.getByText('Invoices do not print').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Invoices do not print' }).waitFor();
    await expectAccessible(page, 'ticket-conflict');

    await panel.getByRole('button', { name: 'Keep mine' }).click();
    await panel.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'Printing fails for every invoice' }).waitFor();
  });

  it('time entries add up; a link is added; a duplicate is merged after saying what moves', async () => {
    await page.getByRole('tab', { name: 'Time' }).click();
    const addTime = page.getByRole('form', { name: 'Add a time entry' });
    await addTime.getByLabel('Minutes').fill('45');
    await addTime.getByRole('button', { name: 'Add time' }).click();
    await page.getByTestId('time-totals').getByText('Total 45 min · billable 45 min').waitFor();
    await addTime.getByLabel('Minutes').fill('30');
    await addTime.getByLabel('Billable').uncheck();
    await addTime.getByRole('button', { name: 'Add time' }).click();
    await page.getByTestId('time-totals').getByText('Total 1 h 15 min · billable 45 min').waitFor();

    const api = await apiAs(page, url);
    const duplicate = await api.post<Ticket>('/tickets', {
      subject: 'Printer says no',
      description: 'Same trouble on the second floor.',
      requesterId,
    });
    await api.post(`/tickets/${duplicate.number}/messages`, { body: 'Asked for the printer model.' });
    await page.goto(`${url}/tickets/${duplicate.number}`);
    await page.getByRole('heading', { level: 1, name: 'Printer says no' }).waitFor();
    await page.getByRole('tab', { name: 'Links' }).click();
    const addLink = page.getByRole('form', { name: 'Link another ticket' });
    await addLink.getByLabel('Ticket').fill(ticket.number);
    await addLink.getByRole('button', { name: 'Add link' }).click();
    await page
      .getByRole('table', { name: 'Linked tickets' })
      .getByRole('link', { name: ticket.number })
      .waitFor();

    await page.getByRole('button', { name: 'Merge into another ticket' }).click();
    const dialog = page.getByRole('dialog', { name: `Merge ${duplicate.number} into another ticket` });
    await dialog.getByLabel('Ticket that stays').fill(ticket.number);
    await dialog.getByRole('button', { name: 'Look up' }).click();
    await dialog
      .getByText(`${duplicate.number} is closed and linked as a duplicate of ${ticket.number}.`)
      .waitFor();
    await expectAccessible(page, 'ticket-merge');
    await dialog.getByRole('button', { name: `Merge into ${ticket.number}` }).click();
    await page.waitForURL(`**/tickets/${ticket.number}`);
    const moved = page.getByRole('article').filter({ hasText: 'Asked for the printer model.' });
    await moved.getByText('From a merged ticket').waitFor();
  });

  it('mail is shown as text; its sanitised HTML opens in a sandboxed frame, without scripts', async () => {
    await page.goto(`${url}/tickets/${mailTicketId}`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard shows no data' }).waitFor();
    const request = page.getByRole('article', { name: /^Message by Rita Requester/ });
    await request.getByText('via email').waitFor();
    await request.getByText(/The sales dashboard shows "No data"/).waitFor();
    await request.getByRole('button', { name: 'Show the original email' }).click();
    const frame = request.locator('iframe');
    expect(await frame.getAttribute('sandbox')).not.toContain('allow-scripts');
    const inside = request.frameLocator('iframe');
    expect(await inside.locator('b').textContent()).toBe('dashboard');
    await inside.getByRole('link', { name: 'status page' }).waitFor();
    expect(await inside.locator('script, iframe, form, [onerror], [onload]').count()).toBe(0);
    await screenshot(page, 'ticket-mail-original');
    // The frame holds the sender's markup, not ours: axe checks the page around it. (A srcdoc frame
    // keeps Playwright from ever seeing the network idle, hence the fresh load first.)
    await page.reload();
    await request.getByText(/The sales dashboard shows "No data"/).waitFor();
    await expectAccessible(page, 'ticket-mail');
  });

  it('stays accessible in dark mode, with the SLA explanation and the conversation shown', async () => {
    await page.getByTestId('theme-toggle').click();
    await page.goto(`${url}/tickets/${ticket.number}`);
    await page.getByRole('heading', { level: 1, name: 'Printing fails for every invoice' }).waitFor();
    await page
      .getByRole('region', { name: 'SLA' })
      .getByRole('button', { name: 'Explain these times' })
      .click();
    await page.getByRole('list', { name: 'What moved the clocks' }).waitFor();
    await expectAccessible(page, 'ticket-page-dark');
    await page.getByTestId('theme-toggle').click();
    expect(session.errors).toEqual([]);
  });
});
