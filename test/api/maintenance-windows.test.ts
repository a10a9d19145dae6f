import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isInsideMaintenanceWindow,
  listMaintenanceOccurrences,
} from '../../src/features/maintenance/index.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { expectFieldError } from '../support/errors.js';
import { call } from '../support/http.js';

/**
 * Maintenance windows per service and environment: validated by the recurrence core (the 400
 * names the field), kept by administrators and service managers, read by everyone who reaches the
 * organisation, 404 for everyone else; expanded for a range; changes fit inside them or not.
 */
let server: TestServer;
let desk: Desk;
let service: { id: string };
let production: { id: string };
let staging: { id: string };
let serviceB: { id: string };

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenDesk(server);
  const admin = desk.callers.admin;
  service = (
    await call(server.app, admin, 'POST', '/api/v1/services', { organisationId: desk.a.id, name: 'Shop' })
  ).body;
  production = (
    await call(server.app, admin, 'POST', `/api/v1/services/${service.id}/environments`, {
      name: 'production',
      kind: 'production',
    })
  ).body;
  staging = (
    await call(server.app, admin, 'POST', `/api/v1/services/${service.id}/environments`, {
      name: 'staging',
      kind: 'staging',
    })
  ).body;
  serviceB = (
    await call(server.app, admin, 'POST', '/api/v1/services', { organisationId: desk.b.id, name: 'B' })
  ).body;
});
afterAll(async () => server?.close());

const sundays = () => ({
  serviceId: service.id,
  environmentId: production.id,
  title: 'Sunday patching',
  rrule: 'FREQ=WEEKLY;BYDAY=SU',
  dtstart: '2026-01-04T02:00',
  timezone: 'europe/berlin',
  durationMinutes: 240,
});

async function createWindow(body: Record<string, unknown>) {
  const response = await call(server.app, desk.callers.admin, 'POST', '/api/v1/maintenance/windows', body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('maintenance windows', () => {
  it('creates a recurring window, stored in one spelling, audited', async () => {
    const window = await createWindow(sundays());
    expect(window).toMatchObject({
      organisationId: desk.a.id,
      serviceId: service.id,
      environmentId: production.id,
      dtstart: '2026-01-04T02:00:00',
      timezone: 'Europe/Berlin',
      rrule: 'FREQ=WEEKLY;BYDAY=SU',
      exdates: [],
      sequence: 0,
    });
    const audit = await call(server.app, desk.callers.admin, 'GET', `/api/v1/audit?entityId=${window.id}`);
    expect(audit.body.items.map((entry: any) => entry.action)).toEqual(['maintenance_window.created']);
  });

  it('names the bad field: rule, start, zone, duration, exceptions, references, unknown fields', async () => {
    const post = (body: Record<string, unknown>) =>
      call(server.app, desk.callers.admin, 'POST', '/api/v1/maintenance/windows', { ...sundays(), ...body });
    expectFieldError(await post({ rrule: 'FREQ=FORTNIGHTLY' }), 'body.rrule');
    expectFieldError(await post({ rrule: 'FREQ=WEEKLY;BYDAY=XX' }), 'body.rrule');
    expectFieldError(await post({ dtstart: '2026-01-04T02:00:00+01:00' }), 'body.dtstart');
    expectFieldError(await post({ timezone: 'Mars/Olympus_Mons' }), 'body.timezone');
    expectFieldError(await post({ durationMinutes: 0 }), 'body.durationMinutes');
    expectFieldError(await post({ exdates: ['next tuesday'] }), 'body.exdates');
    expectFieldError(await post({ rrule: null, exdates: ['2026-01-11'] }), 'body.exdates');
    expectFieldError(await post({ serviceId: '01900000-0000-7000-8000-000000000000' }), 'body.serviceId');
    // An environment of another service is not one of this service.
    expectFieldError(await post({ serviceId: serviceB.id }), 'body.environmentId');
    expectFieldError(
      await post({ environmentId: '01900000-0000-7000-8000-000000000000' }),
      'body.environmentId',
    );
    expectFieldError(await post({ colour: 'red' }), 'body.colour');
  });

  it('bumps the sequence on every change and skips dates or occurrences', async () => {
    const window = await createWindow(sundays());
    const url = `/api/v1/maintenance/windows/${window.id}`;
    const moved = await call(server.app, desk.callers.admin, 'PATCH', url, {
      dtstart: '2026-01-04T03:00:00',
    });
    expect(moved.body).toMatchObject({ dtstart: '2026-01-04T03:00:00', sequence: 1 });
    const skipped = await call(server.app, desk.callers.admin, 'POST', `${url}/exceptions`, {
      exdate: '2026-03-29',
    });
    expect(skipped.body).toMatchObject({ exdates: ['2026-03-29'], sequence: 2 });
    const again = await call(server.app, desk.callers.admin, 'POST', `${url}/exceptions`, {
      exdate: '2026-03-29',
    });
    expect(again.body.sequence).toBe(2);
    expectFieldError(
      await call(server.app, desk.callers.admin, 'POST', `${url}/exceptions`, { exdate: 'soon' }),
      'body.exdate',
    );
    expectFieldError(
      await call(server.app, desk.callers.admin, 'PATCH', url, { rrule: 'FREQ=DAILY;COUNT=0' }),
      'body.rrule',
    );
    const oneOff = await call(server.app, desk.callers.admin, 'PATCH', url, { rrule: null });
    expect(oneOff.body).toMatchObject({ rrule: null, exdates: [] });
    expect((await call(server.app, desk.callers.admin, 'DELETE', url)).status).toBe(204);
    expect((await call(server.app, desk.callers.admin, 'GET', url)).status).toBe(404);
  });

  it('lets customers and agents of the organisation read, not write; others get 404', async () => {
    const window = await createWindow(sundays());
    const url = `/api/v1/maintenance/windows/${window.id}`;
    for (const who of ['manager', 'requester', 'agent1'] as const) {
      expect((await call(server.app, desk.callers[who], 'GET', url)).status, who).toBe(200);
      expect((await call(server.app, desk.callers[who], 'PATCH', url, { title: 'x' })).status, who).toBe(403);
      expect(
        (await call(server.app, desk.callers[who], 'POST', '/api/v1/maintenance/windows', sundays())).status,
        who,
      ).toBe(403);
    }
    for (const who of ['requesterB', 'outsider'] as const) {
      expect((await call(server.app, desk.callers[who], 'GET', url)).status, who).toBe(404);
      const list = await call(server.app, desk.callers[who], 'GET', '/api/v1/maintenance/windows?limit=100');
      expect(list.body.items.map((item: any) => item.id)).not.toContain(window.id);
    }
    // A service manager's 404 for a window of another organisation is out of reach only by scope:
    // an admin sees every organisation, so check a write on an unknown id instead.
    const unknown = await call(
      server.app,
      desk.callers.admin,
      'PATCH',
      '/api/v1/maintenance/windows/01900000-0000-7000-8000-000000000000',
      { title: 'x' },
    );
    expect(unknown.status).toBe(404);
  });

  it('filters windows by service and environment (whole-service windows count for every environment)', async () => {
    const whole = await createWindow({
      ...sundays(),
      environmentId: null,
      title: 'Whole service',
      rrule: null,
      dtstart: '2026-06-01T20:00',
    });
    const onStaging = await createWindow({
      ...sundays(),
      environmentId: staging.id,
      title: 'Staging nightly',
      rrule: 'FREQ=DAILY',
    });
    const list = await call(
      server.app,
      desk.callers.manager,
      'GET',
      `/api/v1/maintenance/windows?environmentId=${production.id}&limit=100`,
    );
    const ids = list.body.items.map((item: any) => item.id);
    expect(ids).toContain(whole.id);
    expect(ids).not.toContain(onStaging.id);
  });
});

describe('occurrences and containment', () => {
  it('expands the windows of a service for a range, across the spring clock change', async () => {
    const response = await call(
      server.app,
      desk.callers.manager,
      'GET',
      `/api/v1/maintenance/occurrences?serviceId=${service.id}&environmentId=${production.id}&from=2026-03-21T00:00:00Z&until=2026-04-06T00:00:00Z`,
    );
    expect(response.status).toBe(200);
    const sundayStarts = response.body.items
      .filter((item: any) => item.title === 'Sunday patching')
      .map((item: any) => [item.start, item.end]);
    // Every Sunday patching window of this file starts at 02:00 Berlin; CET then CEST (the gap day: 03:00 CEST).
    expect(new Set(sundayStarts.map((pair: string[]) => pair.join('/')))).toEqual(
      new Set([
        '2026-03-22T01:00:00.000Z/2026-03-22T05:00:00.000Z',
        '2026-03-29T01:00:00.000Z/2026-03-29T05:00:00.000Z',
        '2026-04-05T00:00:00.000Z/2026-04-05T04:00:00.000Z',
      ]),
    );
    expect(response.body.items.every((item: any) => item.environmentId !== staging.id)).toBe(true);
    expect(response.body.truncated).toBe(false);
  });

  it('refuses a reversed or overlong range, naming the field', async () => {
    const get = (query: string) =>
      call(server.app, desk.callers.manager, 'GET', `/api/v1/maintenance/occurrences?${query}`);
    expectFieldError(await get('from=2026-04-01T00:00:00Z&until=2026-03-01T00:00:00Z'), 'query.until');
    expectFieldError(await get('from=2026-01-01T00:00:00Z&until=2027-06-01T00:00:00Z'), 'query.until');
    expectFieldError(await get('from=yesterday&until=2027-06-01T00:00:00Z'), 'query.from');
  });

  it('shows another tenant nothing', async () => {
    const response = await call(
      server.app,
      desk.callers.requesterB,
      'GET',
      `/api/v1/maintenance/occurrences?serviceId=${service.id}&from=2026-03-01T00:00:00Z&until=2026-04-01T00:00:00Z`,
    );
    expect(response.body.items).toEqual([]);
  });

  it('tells the changes feature whether an interval fits inside a window of the environment', async () => {
    const db = server.database.db;
    const ask = (environmentId: string | null, start: string, end: string) =>
      isInsideMaintenanceWindow(db, {
        serviceId: service.id,
        environmentId,
        start: new Date(start),
        end: new Date(end),
      });
    const inside = await ask(production.id, '2026-03-29T01:30:00Z', '2026-03-29T04:30:00Z');
    expect(inside).toMatchObject({
      title: 'Sunday patching',
      start: new Date('2026-03-29T01:00:00Z'),
      end: new Date('2026-03-29T05:00:00Z'),
    });
    expect(await ask(production.id, '2026-03-29T04:30:00Z', '2026-03-29T05:30:00Z')).toBeNull();
    expect(await ask(production.id, '2026-03-25T01:00:00Z', '2026-03-25T02:00:00Z')).toBeNull();
    // The staging nightly window holds staging only; the one-off whole-service window every environment.
    expect(await ask(staging.id, '2026-03-25T01:00:00Z', '2026-03-25T02:00:00Z')).not.toBeNull();
    expect(await ask(production.id, '2026-06-01T18:30:00Z', '2026-06-01T21:00:00Z')).not.toBeNull();
    expect(await ask(null, '2026-06-01T18:30:00Z', '2026-06-01T21:00:00Z')).not.toBeNull();
    expect(await ask(null, '2026-03-29T01:30:00Z', '2026-03-29T04:30:00Z')).toBeNull();
  });

  it('lists occurrences overlapping a range for monitoring, already open ones included', async () => {
    const { items } = await listMaintenanceOccurrences(server.database.db, {
      serviceId: service.id,
      environmentId: production.id,
      from: new Date('2026-03-29T03:00:00Z'),
      until: new Date('2026-03-29T03:00:01Z'),
    });
    expect(items.map((item) => item.title)).toContain('Sunday patching');
  });
});
