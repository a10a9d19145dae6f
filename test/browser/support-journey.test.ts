import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './support/browser.js';
import { choose, expectAccessible, mainNav, type Person, signIn } from './support/journey.js';
import { settle } from './support/pages.js';
import { apiAs, type BrowserSession, openBrowserSession, screenshotIfFailed } from './support/session.js';

/**
 * The whole support journey across three people, each in a browser of their own (issue #5): a
 * requester opens a ticket in the portal; the L1 agent, watching the queue, sees it appear live (the
 * page never reloads), opens it with the keyboard (j, Enter), replies (r, Ctrl+Enter), adds an
 * internal note and escalates to L2; the L2 agent resolves it while the L1 agent's page follows live;
 * the requester sees the reply but never the note — not on screen, not in the DOM — and rates it,
 * and the rating is read back through the API. Every page is checked with axe in light and dark.
 */
const admin: Person = { name: 'Ada Admin', email: 'ada@tend.example', password: 'correct horse battery' };
const alan: Person = { name: 'Alan Agent', email: 'alan@tend.example', password: 'agent password 123' };
const lena: Person = { name: 'Lena Level-Two', email: 'lena@tend.example', password: 'agent password 456' };
const rita: Person = { name: 'Rita Requester', email: 'rita@globex.example', password: 'requester pass 789' };
type Created = { id: string };

const SUBJECT = 'Payroll export stops halfway';
const REPLY = 'Thanks Rita, we can reproduce it and are looking into the export.';
const NOTE = 'Internal: export worker OOM on node pay-07, likely the 2 GB heap cap.';
const NOTE_MARK = 'pay-07';
const REASON = 'Needs the application team: heap settings of the export worker.';

/** A provider with an L1 team (Alan) and an L2 team (Lena) serving Globex, and Rita at Globex. */
async function seedDesk(session: BrowserSession): Promise<void> {
  const { page, url } = session;
  const setup = await page.request.post(`${url}/api/v1/setup`, {
    data: { organisationName: 'Tend Support Co', ...admin },
  });
  expect(setup.status()).toBe(201);
  const providerId = (await setup.json()).organisation.id as string;
  const api = await apiAs(page, url);
  const globex = await api.post<Created>('/organisations', { name: 'Globex Corporation', domains: [] });
  const staff = { organisationId: providerId, role: 'agent' };
  const alanId = (await api.post<Created>('/users', { ...staff, ...alan })).id;
  const lenaId = (await api.post<Created>('/users', { ...staff, ...lena })).id;
  await api.post('/users', { organisationId: globex.id, role: 'requester', ...rita });
  const team = (name: string, tier: string, memberId: string) =>
    api.post('/teams', { name, tier, servedOrganisationIds: [globex.id], memberIds: [memberId] });
  await team('First line', 'L1', alanId);
  await team('Application support', 'L2', lenaId);
  await session.context.clearCookies(); // setup signed the admin in; the journey is the others'
}

/** A browser context of its own for one person, recording uncaught errors like the session's page. */
async function personPage(session: BrowserSession, errors: string[]): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  return page;
}

const scheme = (page: Page) =>
  page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));

/** axe in light mode, then dark, then back to light; a screenshot of each. */
async function expectAccessibleBothThemes(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await page.getByTestId('theme-toggle').click();
  await expect.poll(() => scheme(page)).toBe('dark');
  await expectAccessible(page, `${name}-dark`);
  await page.getByTestId('theme-toggle').click();
  await expect.poll(() => scheme(page)).toBe('light');
}

/** A mark on the window: still there later means the page was never reloaded in between. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { __tendNoReload: true }));
const stillMarked = (page: Page) => page.evaluate(() => '__tendNoReload' in window);

/** Keys go to the page, not to whatever field or button had focus. */
async function pressOnPage(page: Page, ...keys: string[]): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const key of keys) await page.keyboard.press(key);
}

/** Wait until the page's live stream (SSE, GET /api/v1/live) is open, so no event is missed. */
async function liveConnected(page: Page): Promise<void> {
  await page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/live');
}

/** The bodies of the page's API answers from now on (the live stream aside: it never ends). */
function apiBodies(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (!path.startsWith('/api/v1/') || path === '/api/v1/live') return;
    void response.text().then(
      (body) => bodies.push(body),
      () => undefined,
    );
  });
  return bodies;
}

const queueRow = (page: Page, subject: string) =>
  page.getByRole('table', { name: 'Tickets' }).getByRole('row', { name: new RegExp(subject) });
const facts = (page: Page) => page.getByRole('group', { name: 'Ticket summary' });
const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });

describe.skipIf(!browserAvailable())('support journey: requester, L1 and L2', { timeout: 120_000 }, () => {
  let session: BrowserSession;
  let url: string;
  let agent: Page; // Alan, L1 — the session's own page
  let requester: Page; // Rita, in a context of her own
  let second: Page; // Lena, L2, in a context of her own
  let number: string;
  const errors: string[] = [];

  beforeAll(async () => {
    session = await openBrowserSession('support-journey');
    ({ url, page: agent } = session);
    await seedDesk(session);
    requester = await personPage(session, errors);
    second = await personPage(session, errors);
  }, 180_000);

  afterEach(async (context) => {
    await screenshotIfFailed(session, 'support-journey', context.task);
    if (context.task.result?.state !== 'fail' || !requester) return;
    for (const [who, page] of [
      ['requester', requester],
      ['l2', second],
    ] as const)
      await screenshotIfFailed({ ...session, page }, `support-journey-${who}`, context.task);
  });
  afterAll(async () => session?.close());

  it('the L1 agent watches the unassigned tickets of the first line', async () => {
    const connected = liveConnected(agent);
    await signIn(agent, url, alan);
    await agent.getByRole('heading', { level: 1, name: `Welcome, ${alan.name}` }).waitFor();
    await connected;
    await mainNav(agent).getByRole('link', { name: 'Tickets', exact: true }).click();
    await views(agent).getByRole('link', { name: 'Unassigned in First line' }).click();
    await agent.getByRole('heading', { level: 1, name: 'Unassigned in First line' }).waitFor();
    await expectAccessibleBothThemes(agent, 'support-queue-empty');
    await markPage(agent);
  });

  it('the requester opens a ticket in the portal and it appears in the open queue without a reload', async () => {
    const requesterConnected = liveConnected(requester);
    await signIn(requester, url, rita);
    await requester.getByRole('heading', { level: 1, name: `Welcome, ${rita.name}` }).waitFor();
    await requesterConnected; // her page follows the desk's answers live later on
    const portalNav = requester.getByRole('navigation', { name: 'Portal navigation' });
    await portalNav.getByRole('link', { name: 'New ticket' }).click();
    await requester.getByRole('heading', { level: 1, name: 'Open a ticket' }).waitFor();
    await requester.getByRole('radio', { name: 'Something is broken' }).check();
    await requester.getByLabel('Subject').fill(SUBJECT);
    await requester.getByLabel('Description').fill('The payroll export ends after about 400 rows.');
    await choose(
      requester,
      requester.getByRole('textbox', { name: 'How urgent is it?' }),
      'Work has stopped',
    );
    await expectAccessibleBothThemes(requester, 'support-portal-new-ticket');
    expect(await queueRow(agent, SUBJECT).count()).toBe(0);

    await requester.getByRole('button', { name: 'Open ticket' }).click();
    await requester.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    number = String(
      await requester
        .getByText(/^T-\d+$/)
        .first()
        .textContent(),
    );

    await queueRow(agent, SUBJECT).waitFor({ timeout: 10_000 });
    expect(await stillMarked(agent), 'the queue page was reloaded').toBe(true);
    await expectAccessibleBothThemes(agent, 'support-queue-live-row');
  });

  it('the L1 agent opens it with j and Enter, replies with r and Ctrl+Enter, and adds a note', async () => {
    await pressOnPage(agent, 'j');
    const active = agent.getByRole('table', { name: 'Tickets' }).locator('tbody tr[data-active]');
    await expect.poll(() => active.textContent()).toContain(SUBJECT);
    await agent.keyboard.press('Enter');
    await agent.waitForURL(`**/tickets/${number}`);
    await agent.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();

    await pressOnPage(agent, 'r');
    const reply = agent.getByTestId('composer').getByLabel('Your reply');
    await expect.poll(() => reply.evaluate((element) => element === document.activeElement)).toBe(true);
    await agent.keyboard.type(REPLY);
    await agent.keyboard.press('Control+Enter');
    await agent
      .getByRole('article', { name: /^Message by Alan Agent/ })
      .getByText(REPLY)
      .waitFor();

    await pressOnPage(agent, 'n');
    const note = agent.getByTestId('composer').getByLabel('Your note');
    await expect.poll(() => note.evaluate((element) => element === document.activeElement)).toBe(true);
    await agent.keyboard.type(NOTE);
    await agent.keyboard.press('Control+Enter');
    await agent
      .getByRole('article', { name: /^Internal note by Alan Agent/ })
      .getByText(NOTE)
      .waitFor();
    await expectAccessibleBothThemes(agent, 'support-ticket-replied');
  });

  it('the L1 agent escalates to L2 with a reason', async () => {
    await pressOnPage(agent, 'e');
    const dialog = agent.getByRole('dialog', { name: 'Escalate ticket' });
    await dialog.getByLabel('Reason').fill(REASON);
    expect(await dialog.getByLabel('To tier').inputValue()).toBe('L2 · Application support');
    await expectAccessible(agent, 'support-escalate');
    await dialog.getByRole('button', { name: 'Escalate' }).click();
    await dialog.waitFor({ state: 'detached' });
    await facts(agent).getByText('Tier L2', { exact: true }).waitFor();
    await markPage(agent);
  });

  it('the L2 agent resolves it from the queue; the L1 agent’s page follows without a reload', async () => {
    const connected = liveConnected(second);
    await signIn(second, url, lena);
    await second.getByRole('heading', { level: 1, name: `Welcome, ${lena.name}` }).waitFor();
    await connected;
    await mainNav(second).getByRole('link', { name: 'Tickets', exact: true }).click();
    await views(second).getByRole('link', { name: 'Unassigned in Application support' }).click();
    await second.getByRole('heading', { level: 1, name: 'Unassigned in Application support' }).waitFor();
    await expectAccessibleBothThemes(second, 'support-l2-queue');
    await queueRow(second, SUBJECT).getByRole('link', { name: SUBJECT }).click();
    await second.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    await second
      .getByRole('article', { name: /^Internal note by Alan Agent/ })
      .getByText(NOTE)
      .waitFor();
    await expectAccessibleBothThemes(second, 'support-l2-ticket');

    await second.getByRole('button', { name: /^Status: .*Change status$/ }).click();
    await second.getByRole('menuitem', { name: 'Resolved' }).click();
    await second.getByRole('button', { name: 'Status: Resolved. Change status' }).waitFor();

    await agent.getByRole('button', { name: 'Status: Resolved. Change status' }).waitFor({ timeout: 10_000 });
    await facts(agent).getByText('Resolved', { exact: true }).waitFor();
    await agent.getByTestId('live-notice').waitFor();
    expect(await stillMarked(agent), 'the L1 ticket page was reloaded').toBe(true);
    await expectAccessibleBothThemes(agent, 'support-ticket-resolved-live');
  });

  it('the requester sees the reply but not the note, and rates the resolution', async () => {
    await requester.getByText(REPLY).waitFor({ timeout: 10_000 });
    await requester.getByText('Resolved', { exact: true }).first().waitFor();
    expect(await requester.getByText(NOTE).count()).toBe(0);
    expect(await requester.content()).not.toContain(NOTE_MARK);
    // Not only the screen: nothing the API sent her after a fresh load holds the note either.
    const fetched = apiBodies(requester);
    await requester.reload();
    await requester.getByText(REPLY).waitFor();
    await settle(requester);
    expect(fetched.length).toBeGreaterThan(0);
    for (const body of fetched) expect(body).not.toContain(NOTE_MARK);
    expect(await requester.content()).not.toContain(NOTE_MARK);
    await requester.getByRole('heading', { name: 'How did we do?' }).waitFor();
    await expectAccessibleBothThemes(requester, 'support-portal-resolved');

    // The radio is visually hidden under its star; a person clicks the star (its label).
    const fiveStars = await requester.getByRole('radio', { name: '5 of 5' }).getAttribute('id');
    await requester.locator(`label[for="${fiveStars}"]`).click();
    await requester.getByLabel('Comment (optional)').fill('Fixed within the hour, thank you.');
    await requester.getByRole('button', { name: 'Send rating' }).click();
    await requester.getByRole('heading', { name: 'Your rating' }).waitFor();
    expect(await requester.content()).not.toContain(NOTE_MARK);
    await expectAccessibleBothThemes(requester, 'support-portal-rated');

    const desk = await apiAs(agent, url);
    const ratings = await desk.get<{ items: { score: number; comment: string }[] }>(
      `/tickets/${number}/ratings`,
    );
    expect(ratings.items.map(({ score, comment }) => ({ score, comment }))).toEqual([
      { score: 5, comment: 'Fixed within the hour, thank you.' },
    ]);
  });

  it('no page threw or logged an error along the way', () => {
    expect([...session.errors, ...errors]).toEqual([]);
  });
});
