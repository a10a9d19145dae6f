import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/contracts/common.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenCustomer, givenProvider, givenTeam, givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';

/**
 * MSP isolation, cell by cell: each role × own organisation (A) / another (B) × read / write.
 * Another tenant's object is 404 (exactly like one that does not exist), lists never carry it,
 * a visible object the role may not change is 403, and an allowed write succeeds.
 */
type Who = Role;
type Org = 'A' | 'B';
type Expect = number | 'listed' | 'not listed' | 'only self';

let server: TestServer;
const as: Record<string, Caller> = {};
const ids = {
  provider: '',
  A: '',
  B: '',
  teamA: '',
  teamB: '',
  userA: '',
  userB: '',
  self: {} as Record<string, string>,
};
const db = () => server.database.db;

beforeAll(async () => {
  server = await startTestServer();
  const { admin, providerId } = await givenProvider(db());
  ids.provider = providerId;
  ids.A = (await givenCustomer(db(), 'Alpha Customer')).id;
  ids.B = (await givenCustomer(db(), 'Beta Customer')).id;
  const people: Record<Who, { id: string; email: string }> = {
    admin,
    service_manager: await givenUser(db(), 'service_manager', null),
    agent: await givenUser(db(), 'agent', null),
    customer_manager: await givenUser(db(), 'customer_manager', ids.A),
    requester: await givenUser(db(), 'requester', ids.A),
  };
  const agentOfB = await givenUser(db(), 'agent', null);
  ids.teamA = (await givenTeam(db(), 'L1', [ids.A], [people.agent.id])).id;
  ids.teamB = (await givenTeam(db(), 'L1', [ids.B], [agentOfB.id])).id;
  ids.userA = (await givenUser(db(), 'requester', ids.A)).id;
  ids.userB = (await givenUser(db(), 'requester', ids.B)).id;
  await givenUser(db(), 'customer_manager', ids.B);
  for (const [who, person] of Object.entries(people)) {
    as[who] = await login(server.app, person.email, PASSWORD);
    ids.self[who] = person.id;
  }
});
afterAll(async () => server?.close());

const WHO: Who[] = ['admin', 'service_manager', 'agent', 'customer_manager', 'requester'];

/** Expand one operation's expectations (per role, for A and for B) into visible table rows. */
function cells(op: string, a: Expect[], b: Expect[]): [string, Who, Org, Expect][] {
  return WHO.flatMap((who, index) => [
    [op, who, 'A', a[index]!],
    [op, who, 'B', b[index]!],
  ]);
}

/** A fresh requester to write to, so that write cells do not depend on one another. */
const freshRequester = async (org: Org) => (await givenUser(db(), 'requester', ids[org])).id;

const ops: Record<string, (caller: Caller, org: Org) => Promise<{ status: number; body: any }>> = {
  'GET organisation': (caller, org) => call(server.app, caller, 'GET', `/api/v1/organisations/${ids[org]}`),
  'PATCH organisation': (caller, org) =>
    call(server.app, caller, 'PATCH', `/api/v1/organisations/${ids[org]}`, {
      domains: [`${org.toLowerCase()}.example`],
    }),
  'GET user': (caller, org) =>
    call(server.app, caller, 'GET', `/api/v1/users/${org === 'A' ? ids.userA : ids.userB}`),
  'POST requester': (caller, org) =>
    call(server.app, caller, 'POST', '/api/v1/users', {
      organisationId: ids[org],
      name: 'New Requester',
      email: `new-${randomUUID()}@example.test`,
      role: 'requester',
      password: PASSWORD,
    }),
  'PATCH user': async (caller, org) =>
    call(server.app, caller, 'PATCH', `/api/v1/users/${await freshRequester(org)}`, { name: 'Renamed' }),
  'deactivate user': async (caller, org) =>
    call(server.app, caller, 'POST', `/api/v1/users/${await freshRequester(org)}/deactivate`),
  'GET team': (caller, org) =>
    call(server.app, caller, 'GET', `/api/v1/teams/${org === 'A' ? ids.teamA : ids.teamB}`),
  'PATCH team': (caller, org) =>
    call(server.app, caller, 'PATCH', `/api/v1/teams/${org === 'A' ? ids.teamA : ids.teamB}`, {
      description: `by ${org}`,
    }),
};

//                         admin  service_mgr agent customer_mgr requester
const matrix = [
  ...cells('GET organisation', [200, 200, 200, 200, 200], [200, 200, 404, 404, 404]),
  ...cells('PATCH organisation', [200, 403, 403, 403, 403], [200, 403, 404, 404, 404]),
  ...cells('GET user', [200, 200, 200, 200, 404], [200, 200, 404, 404, 404]),
  ...cells('POST requester', [201, 403, 403, 201, 403], [201, 403, 404, 404, 404]),
  ...cells('PATCH user', [200, 403, 403, 200, 404], [200, 403, 404, 404, 404]),
  ...cells('deactivate user', [200, 403, 403, 200, 404], [200, 403, 404, 404, 404]),
  // Teams are the provider's own records: all staff read them; customers may not, whichever id.
  ...cells('GET team', [200, 200, 200, 403, 403], [200, 200, 200, 403, 403]),
  ...cells('PATCH team', [200, 403, 403, 403, 403], [200, 403, 403, 403, 403]),
];

describe('one object, by role and tenant', () => {
  it.each(matrix)('%s, as %s, in organisation %s → %s', async (op, who, org, expected) => {
    const response = await ops[op]!(as[who]!, org);
    expect(response.status).toBe(expected);
    if (response.status >= 400) {
      expect(Object.keys(response.body)).toEqual(['error']);
      expect(response.body.error.code).toMatch(/\.(not_found|forbidden)$/);
    }
    if (response.status === 404) expect(JSON.stringify(response.body)).not.toContain(ids[org]);
  });
});

const listMatrix: [string, Who, Org, Expect][] = [
  ...cells(
    'list organisations',
    ['listed', 'listed', 'listed', 'listed', 'listed'],
    ['listed', 'listed', 'not listed', 'not listed', 'not listed'],
  ),
  ...cells(
    'list users of organisation',
    ['listed', 'listed', 'listed', 'listed', 'only self'],
    ['listed', 'listed', 'not listed', 'not listed', 'not listed'],
  ),
  ...cells(
    'list teams serving organisation',
    ['listed', 'listed', 'listed', 403, 403],
    ['listed', 'listed', 'listed', 403, 403],
  ),
];

const lists: Record<
  string,
  (caller: Caller, org: Org) => Promise<{ status: number; body: any; ids: string[] }>
> = {
  'list organisations': async (caller, org) => {
    const response = await call(server.app, caller, 'GET', '/api/v1/organisations?limit=100');
    return {
      ...response,
      ids: response.body.items?.map((item: any) => item.id).filter((id: string) => id === ids[org]),
    };
  },
  'list users of organisation': async (caller, org) => {
    const response = await call(
      server.app,
      caller,
      'GET',
      `/api/v1/users?limit=100&organisationId=${ids[org]}`,
    );
    return { ...response, ids: response.body.items?.map((item: any) => item.id) };
  },
  'list teams serving organisation': async (caller, org) => {
    const response = await call(
      server.app,
      caller,
      'GET',
      `/api/v1/teams?limit=100&servesOrganisationId=${ids[org]}`,
    );
    return { ...response, ids: response.body.items?.map((item: any) => item.id) };
  },
};

describe('lists, by role and tenant', () => {
  it.each(listMatrix)('%s, as %s, organisation %s → %s', async (op, who, org, expected) => {
    const response = await lists[op]!(as[who]!, org);
    if (typeof expected === 'number') {
      expect(response.status).toBe(expected);
      return;
    }
    expect(response.status).toBe(200);
    if (expected === 'listed') expect(response.ids.length).toBeGreaterThan(0);
    if (expected === 'not listed') expect(response.ids).toEqual([]);
    if (expected === 'only self') expect(response.ids).toEqual([ids.self[who]]);
  });

  it.each([
    ['agent', ['provider', 'A']],
    ['customer_manager', ['A']],
    ['requester', ['A']],
  ] as const)('unfiltered lists as %s carry only rows of %j', async (who, orgs) => {
    const allowed = orgs.map((org) => ids[org]);
    const organisations = await call(server.app, as[who]!, 'GET', '/api/v1/organisations?limit=100');
    expect(organisations.body.items.map((item: any) => item.id).sort()).toEqual([...allowed].sort());
    const users = await call(server.app, as[who]!, 'GET', '/api/v1/users?limit=100');
    expect(users.body.items.length).toBeGreaterThan(0);
    for (const user of users.body.items) expect(allowed).toContain(user.organisationId);
    if (who === 'requester')
      expect(users.body.items.map((user: any) => user.id)).toEqual([ids.self.requester]);
    for (const text of ['Beta Customer', ids.B, ids.userB]) {
      expect(JSON.stringify([organisations.body, users.body])).not.toContain(text);
    }
  });
});

describe('edges of the matrix', () => {
  it('answers 404 for another tenant exactly as for an id that does not exist', async () => {
    const other = await call(server.app, as.customer_manager!, 'GET', `/api/v1/organisations/${ids.B}`);
    const missing = await call(
      server.app,
      as.customer_manager!,
      'GET',
      `/api/v1/organisations/${randomUUID()}`,
    );
    expect(other.status).toBe(404);
    expect(other.body).toEqual(missing.body);
    const customerTeam = await call(server.app, as.requester!, 'GET', `/api/v1/teams/${randomUUID()}`);
    expect(customerTeam.status).toBe(403);
  });

  it('lets a customer manager create only requesters, and a requester change only their own name', async () => {
    const body = {
      organisationId: ids.A,
      name: 'Boss',
      email: `boss-${randomUUID()}@example.test`,
      role: 'customer_manager',
    };
    expect((await call(server.app, as.customer_manager!, 'POST', '/api/v1/users', body)).status).toBe(403);
    const promote = await call(server.app, as.customer_manager!, 'PATCH', `/api/v1/users/${ids.userA}`, {
      role: 'customer_manager',
    });
    expect(promote.status).toBe(403);
    const self = await call(server.app, as.requester!, 'PATCH', `/api/v1/users/${ids.self.requester}`, {
      name: 'Me Myself',
    });
    expect(self.status).toBe(200);
    expect(self.body.name).toBe('Me Myself');
    expect(
      (await call(server.app, as.requester!, 'POST', `/api/v1/users/${ids.self.requester}/deactivate`))
        .status,
    ).toBe(403);
  });

  it('takes a customer out of an agent’s sight when their team stops serving it', async () => {
    const agent = await givenUser(db(), 'agent', null);
    const customer = await givenCustomer(db());
    const team = await givenTeam(db(), 'L2', [customer.id], [agent.id]);
    const session = await login(server.app, agent.email, PASSWORD);
    expect((await call(server.app, session, 'GET', `/api/v1/organisations/${customer.id}`)).status).toBe(200);
    expect(
      (await call(server.app, as.admin!, 'PATCH', `/api/v1/teams/${team.id}`, { active: false })).status,
    ).toBe(200);
    expect((await call(server.app, session, 'GET', `/api/v1/organisations/${customer.id}`)).status).toBe(404);
  });
});

describe('through API tokens', () => {
  it('a read-only token of a customer manager reads its own tenant and cannot write', async () => {
    const created = await call(server.app, as.customer_manager!, 'POST', '/api/v1/auth/tokens', {
      name: 'ro',
      scopes: ['read'],
      expiresInDays: 1,
    });
    expect(created.status).toBe(201);
    const token = { token: created.body.secret };
    expect((await call(server.app, token, 'GET', `/api/v1/organisations/${ids.A}`)).status).toBe(200);
    expect((await call(server.app, token, 'GET', `/api/v1/organisations/${ids.B}`)).status).toBe(404);
    const users = await call(server.app, token, 'GET', '/api/v1/users?limit=100');
    for (const user of users.body.items) expect(user.organisationId).toBe(ids.A);
    const body = {
      organisationId: ids.A,
      name: 'Via token',
      email: `t-${randomUUID()}@example.test`,
      role: 'requester',
      password: PASSWORD,
    };
    const write = await call(server.app, token, 'POST', '/api/v1/users', body);
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('auth.insufficient_scope');
    const patch = await call(server.app, token, 'PATCH', `/api/v1/users/${ids.userA}`, { name: 'Nope' });
    expect(patch.status).toBe(403);
  });

  it('a write token of a customer manager keeps the tenant limits of its owner', async () => {
    const created = await call(server.app, as.customer_manager!, 'POST', '/api/v1/auth/tokens', {
      name: 'rw',
      scopes: ['write'],
      expiresInDays: 1,
    });
    const token = { token: created.body.secret };
    const body = (org: Org) => ({
      organisationId: ids[org],
      name: 'Via token',
      email: `t-${randomUUID()}@example.test`,
      role: 'requester',
    });
    expect(
      (await call(server.app, token, 'POST', '/api/v1/users', { ...body('A'), password: PASSWORD })).status,
    ).toBe(201);
    expect(
      (await call(server.app, token, 'POST', '/api/v1/users', { ...body('B'), password: PASSWORD })).status,
    ).toBe(404);
    expect(
      (await call(server.app, token, 'PATCH', `/api/v1/users/${ids.userB}`, { name: 'Nope' })).status,
    ).toBe(404);
  });
});
