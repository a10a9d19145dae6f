import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { expectErrorShape, expectFieldError } from '../support/errors.js';
import { givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';

/**
 * The service registry: administrators and service managers keep it; everyone reads the services
 * of the organisations they reach (customers their own, read-only); another tenant's service is
 * a 404 everywhere; every change audited.
 */
let server: TestServer;
let desk: Desk;
let manager: Caller;
const UNKNOWN = '01900000-0000-7000-8000-000000000000';

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenDesk(server);
  const sm = await givenUser(server.database.db, 'service_manager', desk.providerId);
  manager = await login(server.app, sm.email, PASSWORD);
});
afterAll(async () => server?.close());

async function createService(body: Record<string, unknown> = {}, caller: Caller = desk.callers.admin) {
  const response = await call(server.app, caller, 'POST', '/api/v1/services', {
    organisationId: desk.a.id,
    name: `Web shop ${Math.random().toString(36).slice(2, 8)}`,
    ...body,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('services', () => {
  it('registers a service with defaults, for a customer organisation, audited', async () => {
    const service = await createService({ name: 'Web shop', description: 'The B2C shop' });
    expect(service).toMatchObject({
      organisationId: desk.a.id,
      name: 'Web shop',
      description: 'The B2C shop',
      status: 'active',
      noticeLeadHours: 72,
      requiresCustomerApproval: false,
      version: 1,
      environments: [],
      components: [],
      owners: [],
    });
    const audit = await call(server.app, desk.callers.admin, 'GET', `/api/v1/audit?entityId=${service.id}`);
    expect(audit.body.items.map((entry: any) => entry.action)).toEqual(['service.created']);
  });

  it('rejects bad input naming the field, unknown fields, a duplicate name and a provider org', async () => {
    const post = (body: unknown) => call(server.app, desk.callers.admin, 'POST', '/api/v1/services', body);
    expectFieldError(await post({ organisationId: desk.a.id, name: '' }), 'body.name');
    expectFieldError(
      await post({ organisationId: desk.a.id, name: 'x', noticeLeadHours: -1 }),
      'body.noticeLeadHours',
    );
    expectFieldError(await post({ organisationId: desk.a.id, name: 'x', colour: 'red' }), 'body.colour');
    expectFieldError(await post({ organisationId: desk.providerId, name: 'x' }), 'body.organisationId');
    expectFieldError(await post({ organisationId: UNKNOWN, name: 'x' }), 'body.organisationId');
    await createService({ name: 'Payroll' });
    const duplicate = await post({ organisationId: desk.a.id, name: 'PAYROLL' });
    expect(duplicate.status).toBe(409);
    expectErrorShape(duplicate.body);
    expect(duplicate.body.error.code).toBe('services.name_taken');
    // Another organisation may use the name.
    await createService({ organisationId: desk.b.id, name: 'Payroll' });
  });

  it('lets service managers manage and everyone else only read what they reach', async () => {
    const service = await createService({}, manager);
    const patched = await call(server.app, manager, 'PATCH', `/api/v1/services/${service.id}`, {
      noticeLeadHours: 24,
      requiresCustomerApproval: true,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ noticeLeadHours: 24, requiresCustomerApproval: true, version: 2 });
    for (const who of ['agent1', 'manager', 'requester'] as const) {
      const seen = await call(server.app, desk.callers[who], 'GET', `/api/v1/services/${service.id}`);
      expect(seen.status, who).toBe(200);
      const write = await call(server.app, desk.callers[who], 'PATCH', `/api/v1/services/${service.id}`, {
        name: 'mine',
      });
      expect(write.status, who).toBe(403);
    }
  });

  it('hides another tenant’s service: 404 to read, change or extend, absent from lists', async () => {
    const service = await createService();
    for (const who of ['requesterB', 'outsider'] as const) {
      const caller = desk.callers[who];
      expect((await call(server.app, caller, 'GET', `/api/v1/services/${service.id}`)).status).toBe(404);
      const list = await call(server.app, caller, 'GET', '/api/v1/services?limit=100');
      expect(list.body.items.map((item: any) => item.id)).not.toContain(service.id);
    }
    const b = await createService({ organisationId: desk.b.id });
    const agentList = await call(server.app, desk.callers.agent1, 'GET', '/api/v1/services?limit=100');
    expect(agentList.body.items.map((item: any) => item.id)).not.toContain(b.id);
    expect(agentList.body.items.every((item: any) => item.organisationId === desk.a.id)).toBe(true);
  });

  it('lists by name with a filter and pages with a cursor', async () => {
    const list = await call(
      server.app,
      desk.callers.admin,
      'GET',
      `/api/v1/services?organisationId=${desk.a.id}&limit=2`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const next = await call(
      server.app,
      desk.callers.admin,
      'GET',
      `/api/v1/services?organisationId=${desk.a.id}&limit=100&cursor=${list.body.nextCursor}`,
    );
    const names = [...list.body.items, ...next.body.items].map((item: any) => item.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    const found = await call(server.app, desk.callers.admin, 'GET', '/api/v1/services?q=payr');
    expect(found.body.items.map((item: any) => item.name)).toEqual(['Payroll', 'Payroll']);
  });
});

describe('environments, components and owners', () => {
  it('adds, changes and removes them; the detail shows them', async () => {
    const service = await createService();
    const base = `/api/v1/services/${service.id}`;
    const admin = desk.callers.admin;
    const prod = await call(server.app, admin, 'POST', `${base}/environments`, {
      name: 'production',
      kind: 'production',
    });
    expect(prod.status).toBe(201);
    const staging = await call(server.app, admin, 'POST', `${base}/environments`, {
      name: 'staging',
      kind: 'staging',
    });
    const dup = await call(server.app, admin, 'POST', `${base}/environments`, {
      name: 'Production',
      kind: 'test',
    });
    expect(dup.status).toBe(409);
    expectFieldError(
      await call(server.app, admin, 'POST', `${base}/environments`, { name: 'x', kind: 'qa' }),
      'body.kind',
    );

    const app = await call(server.app, admin, 'POST', `${base}/components`, {
      name: 'shop-api',
      version: '2.3.1',
      environmentId: prod.body.id,
    });
    expect(app.status).toBe(201);
    expectFieldError(
      await call(server.app, admin, 'POST', `${base}/components`, { name: 'db', environmentId: UNKNOWN }),
      'body.environmentId',
    );
    const bumped = await call(server.app, admin, 'PATCH', `${base}/components/${app.body.id}`, {
      version: '2.4.0',
    });
    expect(bumped.body.version).toBe('2.4.0');

    const owners = await call(server.app, admin, 'POST', `${base}/owners`, {
      userId: desk.agent2.id,
      role: 'technical',
    });
    expect(owners.status).toBe(200);
    await call(server.app, admin, 'POST', `${base}/owners`, { userId: desk.manager.id, role: 'business' });
    expectFieldError(
      await call(server.app, admin, 'POST', `${base}/owners`, { userId: desk.manager.id, role: 'technical' }),
      'body.userId',
    );
    expectFieldError(
      await call(server.app, admin, 'POST', `${base}/owners`, {
        userId: desk.requesterB.id,
        role: 'business',
      }),
      'body.userId',
    );

    const detail = await call(server.app, desk.callers.manager, 'GET', base);
    expect(detail.body.environments.map((env: any) => env.name)).toEqual(['production', 'staging']);
    expect(detail.body.components).toMatchObject([
      { name: 'shop-api', version: '2.4.0', environmentId: prod.body.id },
    ]);
    expect(detail.body.owners.map((owner: any) => [owner.role, owner.userId])).toEqual([
      ['business', desk.manager.id],
      ['technical', desk.agent2.id],
    ]);

    // Removing an environment takes its components with it.
    expect((await call(server.app, admin, 'DELETE', `${base}/environments/${prod.body.id}`)).status).toBe(
      204,
    );
    expect(
      (await call(server.app, admin, 'DELETE', `${base}/owners/${desk.manager.id}/business`)).status,
    ).toBe(204);
    const after = await call(server.app, admin, 'GET', base);
    expect(after.body.environments.map((env: any) => env.id)).toEqual([staging.body.id]);
    expect(after.body.components).toEqual([]);
    expect(after.body.owners).toHaveLength(1);
    const audit = await call(
      server.app,
      admin,
      'GET',
      `/api/v1/audit?organisationId=${desk.a.id}&entityType=service_component&limit=100`,
    );
    expect(audit.body.items.map((entry: any) => entry.action)).toContain('service.component_updated');
  });

  it('answers 404 for a part of another tenant’s service and for a part of another service', async () => {
    const mine = await createService();
    const theirs = await createService({ organisationId: desk.b.id });
    const env = await call(
      server.app,
      desk.callers.admin,
      'POST',
      `/api/v1/services/${theirs.id}/environments`,
      {
        name: 'production',
        kind: 'production',
      },
    );
    const wrongService = await call(
      server.app,
      desk.callers.admin,
      'PATCH',
      `/api/v1/services/${mine.id}/environments/${env.body.id}`,
      { name: 'x' },
    );
    expect(wrongService.status).toBe(404);
    const otherTenant = await call(server.app, desk.callers.agent1, 'GET', `/api/v1/services/${theirs.id}`);
    expect(otherTenant.status).toBe(404);
  });

  it('deletes an unused service, 404 afterwards', async () => {
    const service = await createService();
    expect((await call(server.app, manager, 'DELETE', `/api/v1/services/${service.id}`)).status).toBe(204);
    expect((await call(server.app, manager, 'GET', `/api/v1/services/${service.id}`)).status).toBe(404);
  });
});

describe('tickets name a service of their organisation', () => {
  it('accepts its own organisation’s service, refuses another’s (400 naming the field), keeps the service', async () => {
    const mine = await createService();
    const theirs = await createService({ organisationId: desk.b.id });
    const open = (serviceId: string) =>
      call(server.app, desk.callers.requester, 'POST', '/api/v1/tickets', {
        type: 'incident',
        subject: 'Shop down',
        description: 'The shop shows a 502.',
        impact: 'high',
        urgency: 'high',
        serviceId,
      });
    expectFieldError(await open(theirs.id), 'body.serviceId');
    expectFieldError(await open(UNKNOWN), 'body.serviceId');
    const ticket = await open(mine.id);
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    expect(ticket.body.serviceId).toBe(mine.id);
    const moved = await call(
      server.app,
      desk.callers.agent1,
      'PATCH',
      `/api/v1/tickets/${ticket.body.id}`,
      { serviceId: theirs.id },
      { 'if-match': `"${ticket.body.version}"` },
    );
    expectFieldError(moved, 'body.serviceId');
    const deleted = await call(server.app, desk.callers.admin, 'DELETE', `/api/v1/services/${mine.id}`);
    expect(deleted.status).toBe(409);
    expect(deleted.body.error.code).toBe('services.in_use');
  });
});
