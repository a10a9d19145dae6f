import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueMaintenanceNotice, scanMaintenanceNotices } from '../../src/features/maintenance/index.js';
import { enqueueJob } from '../../src/jobs/queue.js';
import { fixedClock } from '../../src/platform/clock.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { givenUser } from '../support/factories.js';
import { call } from '../support/http.js';
import { type Mta, type ReceivedMail, startMta } from '../support/mta.js';
import { settle } from '../support/webhooks.js';

/**
 * Notices of upcoming maintenance, through the worker's mail job and nodemailer to a receiving MTA
 * on loopback: to the organisation's active customer managers and the service's owners, once per
 * occurrence however many workers scan at once, with the occurrence as an .ics (METHOD:PUBLISH).
 */
const NOW = '2026-03-26T12:00:00Z'; // a Thursday; the next Sunday is the spring clock change
let mta: Mta;
let server: TestServer;
let desk: Desk;
let managerB: { id: string; email: string };
let inactiveManager: { id: string; email: string };
let windowId: string;

beforeAll(async () => {
  mta = await startMta();
  server = await startTestServer({
    worker: true,
    clock: fixedClock(NOW),
    env: { TEND_SMTP_URL: mta.url, TEND_MAIL_FROM: 'Tend <ops@tend.test>' },
  });
  desk = await givenDesk(server);
  const db = server.database.db;
  managerB = await givenUser(db, 'customer_manager', desk.b.id);
  inactiveManager = await givenUser(db, 'customer_manager', desk.a.id);
  await server.database.pool.query('update users set active = false where id = $1', [inactiveManager.id]);
  const admin = desk.callers.admin;
  const shop = (
    await call(server.app, admin, 'POST', '/api/v1/services', { organisationId: desk.a.id, name: 'Shop' })
  ).body;
  const production = (
    await call(server.app, admin, 'POST', `/api/v1/services/${shop.id}/environments`, {
      name: 'production',
      kind: 'production',
    })
  ).body;
  await call(server.app, admin, 'POST', `/api/v1/services/${shop.id}/owners`, {
    userId: desk.agent2.id,
    role: 'technical',
  });
  windowId = (
    await call(server.app, admin, 'POST', '/api/v1/maintenance/windows', {
      serviceId: shop.id,
      environmentId: production.id,
      title: 'Sunday patching',
      description: 'Operating system updates.',
      rrule: 'FREQ=WEEKLY;BYDAY=SU',
      dtstart: '2026-01-04T02:00:00',
      timezone: 'Europe/Berlin',
      durationMinutes: 240,
    })
  ).body.id;
  // B's service gives only 24 hours' notice: its Sunday window is not due yet on Thursday.
  const billing = (
    await call(server.app, admin, 'POST', '/api/v1/services', {
      organisationId: desk.b.id,
      name: 'Billing',
      noticeLeadHours: 24,
    })
  ).body;
  await call(server.app, admin, 'POST', '/api/v1/maintenance/windows', {
    serviceId: billing.id,
    title: 'Billing upgrade',
    dtstart: '2026-03-29T20:00:00',
    timezone: 'Europe/Berlin',
    durationMinutes: 60,
  });
  // A retired service's windows are not announced.
  const old = (
    await call(server.app, admin, 'POST', '/api/v1/services', { organisationId: desk.a.id, name: 'Old' })
  ).body;
  await call(server.app, admin, 'POST', '/api/v1/maintenance/windows', {
    serviceId: old.id,
    title: 'Old window',
    dtstart: '2026-03-27T20:00:00',
    timezone: 'Europe/Berlin',
    durationMinutes: 60,
  });
  await call(server.app, admin, 'PATCH', `/api/v1/services/${old.id}`, { status: 'retired' });
});
afterAll(async () => {
  await server?.close();
  await mta?.close();
});

const calendarOf = (mail: ReceivedMail) => {
  const attachment = mail.parsed.attachments.find((file) => file.contentType === 'text/calendar');
  expect(attachment, 'an .ics attachment').toBeDefined();
  return attachment!.content.toString('utf8');
};

describe('maintenance notices', () => {
  it('announces each occurrence inside the lead time once, however many scans run at once', async () => {
    const db = server.database.db;
    const options = { now: new Date(NOW), publicUrl: 'http://127.0.0.1' };
    const counts = await Promise.all([
      scanMaintenanceNotices(db, options),
      scanMaintenanceNotices(db, options),
      scanMaintenanceNotices(db, options),
    ]);
    // The scheduled job, run by the worker with the server's clock, finds nothing new either.
    await enqueueJob(db, 'maintenance.notices', {});
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1);
    const [mail] = await mta.waitFor(desk.manager.email);
    await mta.waitFor(desk.agent2.email);
    await settle(1500);
    const rows = await server.database.pool.query(
      'select dedupe_key, recipient_count from maintenance_notices',
    );
    expect(rows.rows).toEqual([
      { dedupe_key: `window:${windowId}:2026-03-29T01:00:00.000Z`, recipient_count: 2 },
    ]);
    expect(mta.received.flatMap((received) => received.to).sort()).toEqual(
      [desk.manager.email, desk.agent2.email].sort(),
    );
    expect(mail!.parsed.subject).toBe('Planned maintenance: Shop (production), 29 Mar 2026, 03:00');
    expect(mail!.parsed.text).toContain('Operating system updates.');
    expect(mail!.parsed.text).toContain('(2026-03-29T01:00:00Z)');
    expect(mail!.header('auto-submitted')).toBe('auto-generated');
  });

  it('attaches the occurrence as an iCalendar event (METHOD:PUBLISH) that ical.js reads', async () => {
    const [mail] = mta.received.filter((received) => received.to.includes(desk.manager.email));
    const text = calendarOf(mail!);
    expect(text).toContain('\r\nMETHOD:PUBLISH\r\n');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-29T05:00:00.000Z');
    expect(event.uid).toBe(`maintenance-window-${windowId}-20260329T010000Z@127.0.0.1`);
    expect(event.summary).toBe('Sunday patching — Shop (production)');
  });

  it('announces B’s window when it enters B’s shorter lead time, to B only', async () => {
    const queued = await scanMaintenanceNotices(server.database.db, {
      now: new Date('2026-03-28T20:30:00Z'),
      publicUrl: 'http://127.0.0.1',
    });
    expect(queued).toBe(1);
    const [mail] = await mta.waitFor(managerB.email);
    expect(mail!.parsed.subject).toBe('Planned maintenance: Billing, 29 Mar 2026, 20:00');
    await settle(700);
    expect(mta.received.filter((received) => received.to.includes(desk.manager.email))).toHaveLength(1);
    expect(mta.received.some((received) => received.to.includes(inactiveManager.email))).toBe(false);
    expect(mta.received.some((received) => received.to.includes(desk.requester.email))).toBe(false);
  });

  it('queues a change’s downtime notice once per key (for the changes feature)', async () => {
    const notice = {
      organisationId: desk.a.id,
      serviceId: null,
      key: 'change:test-change:0',
      uid: 'change-test@127.0.0.1',
      subject: 'Planned downtime: database upgrade',
      summary: 'Database upgrade',
      description: 'The shop will be unavailable.',
      start: new Date('2026-04-02T20:00:00Z'),
      end: new Date('2026-04-02T21:00:00Z'),
      timezone: 'Europe/Berlin',
      now: new Date(NOW),
    };
    const db = server.database.db;
    const [first, second] = await Promise.all([
      db.transaction((tx) => queueMaintenanceNotice(tx, notice)),
      db.transaction((tx) => queueMaintenanceNotice(tx, notice)),
    ]);
    expect([first, second].filter((result) => result.queued)).toEqual([{ queued: true, recipients: 1 }]);
    const mails = await mta.waitFor(desk.manager.email, 2);
    const change = mails.find((mail) => mail.parsed.subject === 'Planned downtime: database upgrade')!;
    expect(calendarOf(change)).toContain('UID:change-test@127.0.0.1\r\n');
    await settle(700);
    expect(mta.received.filter((mail) => mail.parsed.subject === notice.subject)).toHaveLength(1);
  });
});
