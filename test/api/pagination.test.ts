import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenProvider, PASSWORD } from '../support/factories.js';
import { type Caller, call, login, type Response } from '../support/http.js';

/**
 * Keyset pagination: walking pages of 7 yields exactly the one-query order (no duplicate, no gap),
 * for every sort, with ties, case-only differences and non-ASCII names, and with filters.
 */
let server: TestServer;
let admin: Caller;
let customer: string;
let otherCustomer: string;
const PAGE = 7;

// Case-only differences, exact duplicates, non-ASCII, an empty name (stored as "Nameless …"), LIKE wildcards.
const NAMES = (
  'anna|Anna|ANNA|Bob|Bob|Bob|Ärger|ärger|Zoë|zoe|Zoe|Émile|émile|Emile|Straße|STRASSE|ß|Ølaf|Ünal|é|e|E||a b|a_b|a%b|' +
  "O'Brien|Łukasz"
).split('|');

async function createUser(organisationId: string, name: string, index: number, role = 'requester') {
  const response = await call(server.app, admin, 'POST', '/api/v1/users', {
    organisationId,
    name: name || `Nameless ${index}`,
    email: `u${String(index).padStart(3, '0')}.${role}@${organisationId.slice(-6)}.example.test`,
    role,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

beforeAll(async () => {
  server = await startTestServer();
  const { admin: person } = await givenProvider(server.database.db);
  admin = await login(server.app, person.email, PASSWORD);
  const organisations = [];
  for (const name of [
    'Acme',
    'acme',
    'ACME',
    'Ärztehaus',
    'Zürich AG',
    'émigré',
    'Bäckerei',
    'bakery',
    'Ökotec',
  ]) {
    organisations.push(
      (await call(server.app, admin, 'POST', '/api/v1/organisations', { name, domains: [] })).body.id,
    );
  }
  for (let index = 0; index < 14; index++) {
    await call(server.app, admin, 'POST', '/api/v1/organisations', {
      name: `Customer ${index % 5}`,
      domains: [],
    });
  }
  [customer, otherCustomer] = organisations as [string, string];
  for (let index = 0; index < 75; index++) {
    const role = index % 4 === 0 ? 'customer_manager' : 'requester';
    const user = await createUser(customer, NAMES[index % NAMES.length]!, index, role);
    if (index % 5 === 0) await call(server.app, admin, 'POST', `/api/v1/users/${user.id}/deactivate`);
  }
  for (let index = 0; index < 30; index++)
    await createUser(otherCustomer, `Walk ${String(index).padStart(2, '0')}`, index);
  for (let index = 0; index < 16; index++) {
    const body = {
      name: `Team ${NAMES[index]!.replace(/\W/g, '') || 'x'} ${index}`,
      tier: `L${(index % 4) + 1}`,
    };
    expect((await call(server.app, admin, 'POST', '/api/v1/teams', body)).status).toBe(201);
  }
});
afterAll(async () => server?.close());

/** Follow nextCursor from the first page to the last; every page but the last is full. */
async function walk(path: string, query: Record<string, string>, between?: (page: number) => Promise<void>) {
  const ids: string[] = [];
  const items: any[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const params: URLSearchParams = new URLSearchParams({
      ...query,
      limit: String(PAGE),
      ...(cursor ? { cursor } : {}),
    });
    const response: Response<any> = await call(server.app, admin, 'GET', `${path}?${params}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    items.push(...response.body.items);
    ids.push(...response.body.items.map((item: any) => item.id));
    cursor = response.body.nextCursor;
    if (cursor === null) return { ids, items };
    expect(response.body.items).toHaveLength(PAGE);
    await between?.(page);
  }
  throw new Error('the walk did not end');
}

const ORDER: Record<string, string> = {
  name: 'lower(name), id',
  '-name': 'lower(name) desc, id desc',
  email: 'lower(email), id',
  '-email': 'lower(email) desc, id desc',
  createdAt: 'created_at, id',
  '-createdAt': 'created_at desc, id desc',
  tier: 'tier, id',
  '-tier': 'tier desc, id desc',
};

/** The expected order, asked of the database in one query (its collation decides, as for the API). */
async function expected(
  table: string,
  sort: string,
  where = 'true',
  params: unknown[] = [],
): Promise<string[]> {
  const { rows } = await server.database.pool.query(
    `select id from ${table} where ${where} order by ${ORDER[sort]}`,
    params,
  );
  return rows.map((row) => row.id);
}

function expectNoDuplicates(ids: string[]) {
  expect(new Set(ids).size).toBe(ids.length);
}

describe('walking every sort', () => {
  it.each(['name', '-name', 'email', '-email', 'createdAt', '-createdAt'])('users by %s', async (sort) => {
    const { ids } = await walk('/api/v1/users', { sort });
    expect(ids.length).toBeGreaterThan(100);
    expectNoDuplicates(ids);
    expect(ids).toEqual(await expected('users', sort));
  });

  it.each(['name', '-name', 'createdAt', '-createdAt'])('organisations by %s', async (sort) => {
    const { ids } = await walk('/api/v1/organisations', { sort });
    expectNoDuplicates(ids);
    expect(ids).toEqual(await expected('organisations', sort));
  });

  it.each(['name', '-name', 'tier', '-tier'])('teams by %s', async (sort) => {
    const { ids } = await walk('/api/v1/teams', { sort });
    expectNoDuplicates(ids);
    expect(ids).toEqual(await expected('teams', sort));
  });

  it('walks a descending sort as the exact reverse of the ascending one, ties included', async () => {
    for (const [path, sort] of [
      ['/api/v1/users', 'name'],
      ['/api/v1/users', 'createdAt'],
      ['/api/v1/teams', 'tier'],
    ]) {
      const up = await walk(path!, { sort: sort! });
      const down = await walk(path!, { sort: `-${sort}` });
      expect(down.ids).toEqual([...up.ids].reverse());
    }
  });

  it('sorts names case-insensitively: names that differ only in case sit together, in id order', async () => {
    const { items } = await walk('/api/v1/users', { sort: 'name', organisationId: customer });
    for (const variant of ['anna', 'bob', 'zoe', 'emile']) {
      const positions = items.flatMap((item, index) => (item.name.toLowerCase() === variant ? [index] : []));
      expect(positions.length).toBeGreaterThan(2);
      expect(positions).toEqual(positions.map((_, offset) => positions[0]! + offset));
      const ids = positions.map((position) => items[position].id);
      expect(ids).toEqual([...ids].sort());
    }
    const names = items.map((item) => item.name);
    expect(names).toEqual(expect.arrayContaining(['Ärger', 'Straße', 'ß', 'Łukasz', 'Zoë']));
  });

  it('orders by creation time, never backwards', async () => {
    const { items } = await walk('/api/v1/users', { sort: 'createdAt' });
    const times = items.map((item) => Date.parse(item.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('while the data changes', () => {
  it('gives no duplicates when rows are inserted before and after the cursor during the walk', async () => {
    const before = await expected('users', 'name', 'organisation_id = $1', [otherCustomer]);
    let added: string[] = [];
    const { ids, items } = await walk(
      '/api/v1/users',
      { sort: 'name', organisationId: otherCustomer },
      async (page) => {
        if (page !== 1) return;
        const early = await createUser(otherCustomer, 'Walk 03b', 900);
        const first = await createUser(otherCustomer, 'Aaron', 901);
        const late = await createUser(otherCustomer, 'Walk 25b', 902);
        added = [early.id, first.id, late.id];
      },
    );
    expectNoDuplicates(ids);
    expect(ids.filter((id) => !added.includes(id))).toEqual(before);
    expect(ids).toContain(added[2]);
    expect(ids).not.toContain(added[0]);
    expect(ids).not.toContain(added[1]);
    const names = items.map((item) => item.name);
    expect(names.indexOf('Walk 25b')).toBe(names.indexOf('Walk 25') + 1);
  });
});

describe('page size', () => {
  it('returns at most 100 rows, and a cursor for the rest', async () => {
    const total = (await expected('users', 'name')).length;
    expect(total).toBeGreaterThan(100);
    const first = await call(server.app, admin, 'GET', '/api/v1/users?limit=100');
    expect(first.body.items).toHaveLength(100);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await call(
      server.app,
      admin,
      'GET',
      `/api/v1/users?limit=100&cursor=${first.body.nextCursor}`,
    );
    expect(rest.body.items).toHaveLength(total - 100);
    expect(rest.body.nextCursor).toBeNull();
    expect((await call(server.app, admin, 'GET', '/api/v1/users?limit=101')).status).toBe(400);
  });

  it('defaults to 25', async () => {
    const response = await call(server.app, admin, 'GET', '/api/v1/users');
    expect(response.body.items).toHaveLength(25);
  });

  it('ends with a null cursor when the last page is exactly full', async () => {
    const teams = (await expected('teams', 'name')).length;
    expect(teams % 8).toBe(0);
    const first = await call(server.app, admin, 'GET', `/api/v1/teams?limit=${teams / 2}`);
    const second = await call(
      server.app,
      admin,
      'GET',
      `/api/v1/teams?limit=${teams / 2}&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items).toHaveLength(teams / 2);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe('filters with paging', () => {
  type Row = {
    id: string;
    name: string;
    email: string;
    role: string;
    active: boolean;
    organisation_id: string;
  };
  const cases: [string, Record<string, string>, (row: Row) => boolean][] = [
    ['q', { q: 'ANN' }, (row) => `${row.name}\n${row.email}`.toLowerCase().includes('ann')],
    ['role', { role: 'customer_manager' }, (row) => row.role === 'customer_manager'],
    ['active=false', { active: 'false' }, (row) => !row.active],
    [
      'active=true + role',
      { active: 'true', role: 'requester' },
      (row) => row.active && row.role === 'requester',
    ],
    [
      'organisationId + q',
      { organisationId: '<other>', q: 'walk 1' },
      (row) => row.organisation_id === otherCustomer && row.name.toLowerCase().includes('walk 1'),
    ],
    [
      'everything',
      { organisationId: '<customer>', role: 'requester', active: 'true', q: 'e' },
      (row) =>
        row.organisation_id === customer &&
        row.role === 'requester' &&
        row.active &&
        `${row.name}\n${row.email}`.toLowerCase().includes('e'),
    ],
  ];

  it.each(cases)('%s', async (_what, filter, matches) => {
    const query = Object.fromEntries(
      Object.entries(filter).map(([key, value]) => [
        key,
        value === '<other>' ? otherCustomer : value === '<customer>' ? customer : value,
      ]),
    );
    for (const sort of ['name', '-createdAt']) {
      const { rows } = await server.database.pool.query<Row>(`select * from users order by ${ORDER[sort]}`);
      const want = rows.filter(matches).map((row) => row.id);
      expect(want.length).toBeGreaterThan(0);
      const { ids } = await walk('/api/v1/users', { ...query, sort });
      expect(ids).toEqual(want);
    }
  });

  it('treats % and _ in q as plain characters', async () => {
    const { items } = await walk('/api/v1/users', { q: 'a%b' });
    expect(items.map((item) => item.name)).toEqual(items.map(() => 'a%b'));
    expect(items.length).toBeGreaterThan(0);
  });
});
