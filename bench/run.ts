// npm run bench -- [--scale N | --quick] [--seconds S] [--only a,b] [--fresh] [--json file]
//
// Measures Tend next to baselines taken in the same run on the same machine and database, prints
// a table and JSON (docs/PERFORMANCE.md explains every figure). The data set is generated once per
// scale into tend_bench_<N> (embedded PostgreSQL in .tmp/bench-pg, or the server of DATABASE_URL).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { organisationScopeFor } from '../src/features/directory/index.js';
import { fireDueChecks, recomputeTickets } from '../src/features/sla/index.js';
import { listTickets } from '../src/features/tickets/tickets.repo.js';
import type { Actor } from '../src/platform/actor.js';
import { randomSecret, uuidv7 } from '../src/platform/ids.js';
import { digest } from '../src/platform/secrets.js';
import { type BenchDatabase, openBenchDatabase, startBenchServer } from './db.js';
import { listMatrix } from './lists.js';
import { httpLoad, type LoadResult, sqlLoad } from './load.js';
import { argValue, databaseNameFor, hasFlag, scaleOption } from './options.js';
import {
  type Child,
  peakRssMbOf,
  ROOT,
  startBareFastify,
  startTendServe,
  startTendWorker,
} from './processes.js';
import { ensureSeeded } from './seed.js';
import { runSlaAdditionBench } from './sla-add.js';

const scale = scaleOption();
const seconds = Number(argValue('seconds') ?? 10);
/** Latency figures (queue, search) run closed-loop with this many connections: 1 = pure service time. */
const latencyConnections = Number(argValue('latency-connections') ?? 1);
const only = argValue('only')?.split(',');
const wants = (name: string) => !only || only.includes(name);
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Figure {
  name: string;
  tend: string;
  baseline: string;
  ratio: string;
  goal: string;
  ok: boolean | null;
  data: Record<string, unknown>;
}
const figures: Figure[] = [];
const fmt = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toLocaleString('en-GB', { maximumFractionDigits: digits }) : 'n/a';

// ---------------------------------------------------------------------------------------------
// Who the benchmark acts as: API tokens for an administrator, a queue agent and a customer manager.

interface Cast {
  admin: { id: string; token: string };
  agent: { id: string; token: string; teamId: string; actor: Actor };
  manager: { id: string; token: string; organisationId: string };
  requesters: { id: string; organisationId: string }[];
  columns: string;
}

async function tokenFor(pool: pg.Pool, userId: string, scopes: string[]): Promise<string> {
  const secret = `tend_${randomSecret()}`;
  await pool.query(
    `insert into api_tokens (id, user_id, name, token_hash, prefix, scopes, created_at)
     values ($1, $2, 'npm run bench', $3, $4, $5, now())`,
    [uuidv7(), userId, digest(secret), secret.slice(0, 11), scopes],
  );
  return secret;
}

async function castOf(database: BenchDatabase): Promise<Cast> {
  const { pool } = database;
  const one = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const { rows } = await pool.query<T>(text, values);
    if (!rows[0]) throw new Error(`bench data incomplete: ${text}`);
    return rows[0];
  };
  const admin = await one<{ id: string }>(
    `select id from users where role = 'admin' order by created_at limit 1`,
  );
  // The busiest L1 queue and one of its agents.
  const team = await one<{ team_id: string }>(
    `select t.team_id from tickets t join teams on teams.id = t.team_id and teams.tier = 'L1'
      where t.status not in ('resolved', 'closed') group by t.team_id order by count(*) desc limit 1`,
  );
  const agent = await one<{ id: string; role: 'agent'; organisation_id: string }>(
    `select u.id, u.role, u.organisation_id from team_members m join users u on u.id = m.user_id
      where m.team_id = $1 and u.role = 'agent' order by u.id limit 1`,
    [team.team_id],
  );
  const largest = await one<{ organisation_id: string }>(
    `select organisation_id from tickets group by organisation_id order by count(*) desc limit 1`,
  );
  const manager = await one<{ id: string }>(
    `select id from users where organisation_id = $1 and role = 'customer_manager' order by id limit 1`,
    [largest.organisation_id],
  );
  const { rows: requesters } = await pool.query<{ id: string; organisation_id: string }>(
    `select id, organisation_id from users where role = 'requester' and active order by id limit 500`,
  );
  const { rows: columns } = await pool.query<{ list: string }>(
    `select string_agg(quote_ident(column_name), ', ' order by ordinal_position) as list
       from information_schema.columns where table_name = 'tickets' and column_name <> 'search'`,
  );
  const agentActor: Actor = {
    kind: 'token',
    userId: agent.id,
    role: 'agent',
    organisationId: agent.organisation_id,
    scopes: ['read', 'write'],
    tokenId: null,
    organisations: await organisationScopeFor(database.db, {
      id: agent.id,
      role: 'agent',
      organisationId: agent.organisation_id,
    }),
  };
  return {
    admin: { id: admin.id, token: await tokenFor(pool, admin.id, ['read', 'write', 'admin']) },
    agent: {
      id: agent.id,
      token: await tokenFor(pool, agent.id, ['read', 'write']),
      teamId: team.team_id,
      actor: agentActor,
    },
    manager: {
      id: manager.id,
      token: await tokenFor(pool, manager.id, ['read']),
      organisationId: largest.organisation_id,
    },
    requesters: requesters.map((row) => ({ id: row.id, organisationId: row.organisation_id })),
    columns: columns[0]!.list,
  };
}

// ---------------------------------------------------------------------------------------------

const SUBJECTS = [
  'VPN cannot connect since this morning',
  'Invoice report shows wrong totals',
  'Please create an account for a new colleague',
  'Printer on floor 3 does not print',
  'Outlook keeps asking for the password',
];
const SEARCH_TERMS = ['password', 'printer', 'sap', 'certificate expired', 'warehouse scanner', 'err-4821'];
const OPEN_STATUSES = ['new', 'open', 'pending_customer', 'pending_third_party', 'on_hold'];
let counter = 0;
const cycle = <T>(items: readonly T[]) => items[counter++ % items.length]!;
const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

function newTicketBody(cast: Cast) {
  const requester = pick(cast.requesters);
  return {
    subject: pick(SUBJECTS),
    description: `${pick(SUBJECTS)}. It worked fine until yesterday. Several colleagues see the same problem. Please have a look as soon as possible.`,
    requesterId: requester.id,
    impact: pick(['high', 'medium', 'low']),
    urgency: pick(['high', 'medium', 'low']),
    tags: ['bench'],
  };
}

// ---------------------------------------------------------------------------------------------
// The figures.

function slaAdditions() {
  const result = runSlaAdditionBench(2_000_000);
  figures.push({
    name: 'SLA business-time additions',
    tend: `${fmt(result.perSecond, 0)}/s`,
    baseline: '—',
    ratio: '—',
    goal: '≥ 1,000,000/s',
    ok: result.perSecond >= 1_000_000,
    data: { ...result },
  });
}

async function authRoute(tend: Child, bare: { result: LoadResult }, cast: Cast) {
  const api = await httpLoad({
    url: tend.url,
    connections: 10,
    seconds,
    headers: { authorization: `Bearer ${cast.admin.token}` },
    next: () => ({ method: 'GET', path: '/api/v1/auth/whoami' }),
  });
  const ratio = api.perSecond / bare.result.perSecond;
  figures.push({
    name: 'authenticated API route, no database work (GET /api/v1/auth/whoami, token, 10 connections)',
    tend: `${fmt(api.perSecond, 0)} req/s (p99 ${fmt(api.p99)} ms)`,
    baseline: `bare Fastify ${fmt(bare.result.perSecond, 0)} req/s`,
    ratio: `${fmt(ratio, 2)}×`,
    goal: '≥ 0.5× baseline req/s',
    ok: ratio >= 0.5 && api.errors === 0,
    data: { api, baseline: bare.result, ratio },
  });
}

/** The SQL that GET /tickets runs for a queue, taken from the repository function itself. */
async function queueSql(database: BenchDatabase, cast: Cast): Promise<{ text: string; values: unknown[] }> {
  let captured: { text: string; values: unknown[] } | null = null;
  const pool = database.pool as unknown as { query: (...args: unknown[]) => unknown };
  const original = pool.query.bind(pool);
  pool.query = (config: unknown, ...rest: unknown[]) => {
    if (typeof config === 'object' && config && 'text' in config) {
      const query = config as { text: string; values?: unknown[] };
      captured = { text: query.text, values: (Array.isArray(rest[0]) ? rest[0] : query.values) ?? [] };
    }
    return original(config, ...rest);
  };
  try {
    await listTickets(
      database.db,
      cast.agent.actor,
      { teamId: cast.agent.teamId, status: OPEN_STATUSES as never },
      { sort: 'slaDue', limit: 50, now: new Date() } as never,
    );
  } finally {
    pool.query = original;
  }
  if (!captured) throw new Error('could not capture the queue query');
  return captured;
}

/** The query with its parameters written in as literals (EXPLAIN takes no parameters). */
function inlineParameters(text: string, values: unknown[]): string {
  const literal = (value: unknown): string => {
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number') return String(value);
    if (value instanceof Date) return `'${value.toISOString()}'`;
    if (Array.isArray(value)) return `'{${value.map((item) => `"${String(item)}"`).join(',')}}'`;
    return `'${String(value).replace(/'/g, "''")}'`;
  };
  return text.replace(/\$(\d+)/g, (_, index: string) => literal(values[Number(index) - 1]));
}

async function queuePage(tend: Child, database: BenchDatabase, cast: Cast) {
  const connections = latencyConnections;
  const query = await queueSql(database, cast);
  const path = `/api/v1/tickets?teamId=${cast.agent.teamId}&status=${OPEN_STATUSES.join(',')}&sort=slaDue&limit=50`;
  const api = await httpLoad({
    url: tend.url,
    connections,
    seconds,
    headers: { authorization: `Bearer ${cast.agent.token}` },
    next: () => ({ method: 'GET', path }),
  });
  const raw = await sqlLoad({ settings: database.settings, connections, seconds, next: () => query });
  const { rows: plan } = await database.pool.query(`explain ${inlineParameters(query.text, query.values)}`);
  const diff = api.p99 - raw.p99;
  figures.push({
    name: `queue page: 50 open tickets of one team by SLA due (agent, ${connections} connection${connections > 1 ? 's' : ''})`,
    tend: `p99 ${fmt(api.p99)} ms (p50 ${fmt(api.p50)}, ${fmt(api.perSecond, 0)}/s)`,
    baseline: `same SQL raw: p99 ${fmt(raw.p99)} ms (p50 ${fmt(raw.p50)}, ${fmt(raw.perSecond, 0)}/s)`,
    ratio: `${diff >= 0 ? '+' : ''}${fmt(diff)} ms`,
    goal: '≤ baseline p99 + 10 ms',
    ok: diff <= 10 && api.errors === 0,
    data: {
      api,
      baseline: raw,
      p99DifferenceMs: diff,
      sql: query.text,
      plan: plan.map((row) => row['QUERY PLAN']),
    },
  });
}

async function search(tend: Child, database: BenchDatabase, cast: Cast, scope: 'org' | 'global') {
  const connections = latencyConnections;
  const token = scope === 'org' ? cast.manager.token : cast.admin.token;
  const api = await httpLoad({
    url: tend.url,
    connections,
    seconds,
    headers: { authorization: `Bearer ${token}` },
    next: () => ({ method: 'GET', path: `/api/v1/tickets?q=${encodeURIComponent(cycle(SEARCH_TERMS))}` }),
  });
  const orgCondition = scope === 'org' ? 'and organisation_id = $2' : '';
  const text = `select ${cast.columns} from tickets
     where search @@ websearch_to_tsquery('simple', $1) ${orgCondition}
     order by updated_at desc, id desc limit 26`;
  const raw = await sqlLoad({
    settings: database.settings,
    connections,
    seconds,
    next: () => ({
      text,
      values: scope === 'org' ? [cycle(SEARCH_TERMS), cast.manager.organisationId] : [cycle(SEARCH_TERMS)],
    }),
  });
  const ratio = api.p95 / raw.p95;
  figures.push({
    name: `ticket text search, ${scope === 'org' ? 'org-scoped (customer manager)' : 'global (admin)'} (${connections} connection${connections > 1 ? 's' : ''}, ${SEARCH_TERMS.length} terms)`,
    tend: `p95 ${fmt(api.p95)} ms (p50 ${fmt(api.p50)})`,
    baseline: `raw tsvector query: p95 ${fmt(raw.p95)} ms (p50 ${fmt(raw.p50)})`,
    ratio: `${fmt(ratio, 2)}×`,
    goal: '≤ 1.25× baseline p95',
    ok: ratio <= 1.25 && api.errors === 0,
    data: { api, baseline: raw, ratio, terms: SEARCH_TERMS },
  });
}

async function createTicket(tend: Child, database: BenchDatabase, cast: Cast) {
  // Baseline: single-row INSERTs of a ticket row through pg, 8 connections, autocommit.
  const { rows: teams } = await database.pool.query<{ id: string }>(
    `select id from teams where tier = 'L1' order by id limit 1`,
  );
  const insert = `insert into tickets (id, organisation_id, requester_id, type, status, impact, urgency, priority,
      tier, team_id, subject, description, tags, channel, created_at, updated_at)
    values ($1, $2, $3, 'incident', 'new', 'medium', 'medium', 'P3', 'L1', $4, $5, $6, '{bench-raw}', 'agent', now(), now())`;
  const raw = await sqlLoad({
    settings: database.settings,
    connections: 8,
    seconds,
    next: () => {
      const body = newTicketBody(cast);
      const requester = cast.requesters.find((entry) => entry.id === body.requesterId)!;
      return {
        text: insert,
        values: [
          uuidv7(),
          requester.organisationId,
          requester.id,
          teams[0]!.id,
          body.subject,
          body.description,
        ],
      };
    },
  });
  await database.pool.query(`delete from tickets where tags @> '{bench-raw}'`);
  const api = await httpLoad({
    url: tend.url,
    connections: 10,
    seconds,
    headers: { authorization: `Bearer ${cast.admin.token}` },
    next: () => ({ method: 'POST', path: '/api/v1/tickets', body: JSON.stringify(newTicketBody(cast)) }),
  });
  const ratio = api.perSecond / raw.perSecond;
  figures.push({
    name: 'create ticket via API (ticket + SLA timers + history + audit + outbox, one transaction; 10 connections)',
    tend: `${fmt(api.perSecond, 0)}/s, p99 ${fmt(api.p99)} ms`,
    baseline: `raw single-row INSERT, 8 connections: ${fmt(raw.perSecond, 0)}/s (p99 ${fmt(raw.p99)} ms)`,
    ratio: `${fmt(ratio, 2)}×`,
    goal: '≥ 0.20× baseline rate, p99 ≤ 50 ms',
    ok: ratio >= 0.2 && api.p99 <= 50 && api.errors === 0,
    data: { api, baseline: raw, ratio },
  });
}

/**
 * The data set was generated at some moment; by now warnings and breaches have come due. Fire
 * them first (what the worker's minute scan would have done all along), then let the server's
 * worker publish the resulting events, so that the figures measure requests, not a backlog.
 */
async function fireBacklog(database: BenchDatabase): Promise<number> {
  let fired = 0;
  const deps = {
    db: database.db,
    publicUrl: 'http://127.0.0.1',
    escalate: async () => {
      throw new Error('the generated data has no escalation rules');
    },
  };
  for (let round = 0; round < 1000; round++) {
    const count = await fireDueChecks(deps, new Date());
    fired += count;
    if (count === 0) break;
  }
  return fired;
}

async function drained(
  database: BenchDatabase,
  timeoutMs = 300_000,
): Promise<{ seconds: number; events: number }> {
  const began = performance.now();
  let events = 0;
  while (performance.now() - began < timeoutMs) {
    const { rows } = await database.pool.query<{ events: string; jobs: string }>(
      `select (select count(*) from outbox_events where published_at is null) as events,
              (select count(*) from graphile_worker.jobs where run_at <= now() and locked_at is null and attempts < max_attempts) as jobs`,
    );
    events = Math.max(events, Number(rows[0]!.events));
    if (Number(rows[0]!.events) === 0 && Number(rows[0]!.jobs) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return { seconds: Math.round((performance.now() - began) / 100) / 10, events };
}

async function lists(database: BenchDatabase, cast: Cast) {
  const { rows } = await database.pool.query<{
    assignee_id: string;
    organisation_id: string;
    requester_id: string;
  }>(
    `select assignee_id, organisation_id, requester_id from tickets
      where team_id = $1 and assignee_id is not null order by id desc limit 1`,
    [cast.agent.teamId],
  );
  const adminActor: Actor = {
    ...cast.agent.actor,
    userId: cast.admin.id,
    role: 'admin',
    organisations: { all: true },
  };
  const timings = await listMatrix(
    database,
    [
      { name: 'admin', actor: adminActor },
      { name: 'agent', actor: cast.agent.actor },
    ],
    {
      teamId: cast.agent.teamId,
      assigneeId: rows[0]!.assignee_id,
      organisationId: rows[0]!.organisation_id,
      requesterId: rows[0]!.requester_id,
    },
  );
  const sorted = timings.map((timing) => timing.ms).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const over = timings.filter((timing) => timing.ms > 50);
  figures.push({
    name: `GET /tickets: every sort × ${timings.length / 20} filters, first two pages, as admin and as agent (${timings.length} combinations, in-process)`,
    tend: `median ${fmt(at(0.5))} ms, p95 ${fmt(at(0.95))} ms, worst ${fmt(sorted.at(-1)!)} ms (${timings[0]!.who} ${timings[0]!.sort} | ${timings[0]!.filter})`,
    baseline: '—',
    ratio: '—',
    goal: 'an index for every list, filter and sort (≤ 50 ms)',
    ok: over.length === 0,
    data: { slowest: timings.slice(0, 25), over50ms: over.length, combinations: timings.length },
  });
}

class Rollback extends Error {}

/**
 * What the sla.recompute_policy job costs after a policy edit: open tickets in batches of 500,
 * each batch in one transaction, with every policy's targets changed (so every timer is rewritten).
 * Each batch is rolled back at the end, so the data set stays as generated.
 */
async function slaRecompute(database: BenchDatabase, limit: number) {
  const { rows } = await database.pool.query<{ id: string }>(
    `select id from tickets where status not in ('resolved', 'closed') order by id limit $1`,
    [limit],
  );
  const ids = rows.map((row) => row.id);
  const now = new Date();
  let changed = 0;
  const began = performance.now();
  for (let i = 0; i < ids.length; i += 500) {
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`update sla_policies set version = version + 1,
          targets = (select jsonb_object_agg(p.key, (select jsonb_object_agg(t.key, (t.value::int + 30)) from jsonb_each(p.value) t))
                     from jsonb_each(targets) p)`);
        const result = await recomputeTickets(tx, ids.slice(i, i + 500), now);
        changed += result.size;
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  }
  const elapsed = (performance.now() - began) / 1000;
  const perSecond = ids.length / elapsed;
  const projected = 100_000 / perSecond;
  figures.push({
    name: `SLA timers recomputed after a policy edit (${fmt(ids.length, 0)} open tickets measured, batches of 500)`,
    tend: `${fmt(perSecond, 0)} tickets/s`,
    baseline: '—',
    ratio: '—',
    goal: `100k open tickets: ${fmt(projected, 0)} s`,
    ok: null,
    data: {
      tickets: ids.length,
      recomputed: changed,
      seconds: elapsed,
      perSecond,
      projected100kSeconds: projected,
    },
  });
}

// ---------------------------------------------------------------------------------------------

function buildIfStale() {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-stale'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (built.status !== 0) throw new Error('the build failed: npm run build');
}

async function main() {
  const startedAt = new Date();
  const server = await startBenchServer();
  const children: Child[] = [];
  const memory: Record<string, number> = {};
  let database: BenchDatabase | null = null;
  try {
    database = await openBenchDatabase(server, databaseNameFor(scale), { fresh: hasFlag('fresh') });
    log(
      `database ${database.name} on ${server.kind === 'embedded' ? 'embedded PostgreSQL' : 'DATABASE_URL'}`,
    );
    const seed = await ensureSeeded(database, scale, log);
    const { rows: version } = await database.pool.query<{ version: string }>(
      "select current_setting('server_version') as version",
    );
    const { rows: open } = await database.pool.query<{ count: string }>(
      `select count(*) as count from tickets where status not in ('resolved', 'closed')`,
    );
    const cast = await castOf(database);

    if (wants('sla')) {
      log('SLA additions…');
      slaAdditions();
    }

    const bare = await startBareFastify();
    children.push(bare);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    memory.bareIdle = bare.rssMb();
    log('bare Fastify…');
    const bareResult = await httpLoad({
      url: bare.url,
      connections: 10,
      seconds,
      next: () => ({ method: 'GET', path: '/whoami' }),
    });
    memory.bareAfterLoad = bare.rssMb();
    await bare.stop();

    log('firing the SLA warnings and breaches that came due since the data was generated…');
    const backlog = await fireBacklog(database);
    buildIfStale();
    // A worker of its own publishes the resulting events, so that the server starts idle.
    const drainer = await startTendWorker(database.url);
    const settled = await drained(database);
    await drainer.stop();
    log(`  ${backlog} fired; ${settled.events} events published by a worker in ${settled.seconds} s`);
    const tend = await startTendServe(database.url);
    children.push(tend);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    memory.tendIdle = tend.rssMb();
    const sample = (label: string) => {
      memory[label] = tend.rssMb();
    };

    if (wants('auth')) {
      log('authenticated route…');
      await authRoute(tend, { result: bareResult }, cast);
      sample('tendAfterAuthRoute');
    }
    if (wants('queue')) {
      log('queue page…');
      await queuePage(tend, database, cast);
      sample('tendAfterQueue');
    }
    if (wants('search')) {
      log('search…');
      await search(tend, database, cast, 'org');
      await search(tend, database, cast, 'global');
      sample('tendAfterSearch');
    }
    if (wants('create')) {
      log('create ticket…');
      await createTicket(tend, database, cast);
      sample('tendAfterCreate');
    }
    memory.tendPeak = peakRssMbOf(tend.pid);
    await tend.stop();
    const highest = Math.max(
      ...Object.entries(memory)
        .filter(([k]) => k.startsWith('tend'))
        .map(([, v]) => v),
    );
    figures.push({
      name: 'server memory (RSS): idle, after each load, peak',
      tend: `idle ${fmt(memory.tendIdle!)} MB, peak ${fmt(memory.tendPeak!)} MB (${Object.entries(memory)
        .filter(([key]) => key.startsWith('tendAfter'))
        .map(([key, value]) => `${key.replace('tendAfter', '')} ${fmt(value)}`)
        .join(', ')})`,
      baseline: `bare Fastify: idle ${fmt(memory.bareIdle!)} MB, after load ${fmt(memory.bareAfterLoad!)} MB`,
      ratio: `${fmt(memory.tendIdle! / memory.bareIdle!, 1)}× idle`,
      goal: 'idle ≤ 150 MB; never above 500 MB',
      ok: memory.tendIdle! <= 150 && highest <= 500,
      data: memory,
    });

    if (wants('lists')) {
      log('every list, filter and sort…');
      await lists(database, cast);
    }
    if (wants('recompute')) {
      const limit = Number(argValue('recompute-limit') ?? 100_000);
      log('SLA recompute…');
      await slaRecompute(database, limit);
    }

    const report = {
      scale,
      database: server.kind === 'embedded' ? 'embedded' : 'DATABASE_URL',
      postgres: version[0]!.version,
      node: process.version,
      cpus: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      openTickets: Number(open[0]!.count),
      seconds,
      startedAt: startedAt.toISOString(),
      seed,
      settle: { backlog, ...settled },
      figures: figures.map(({ name, tend, baseline, ratio, goal, ok, data }) => ({
        name,
        tend,
        baseline,
        ratio,
        goal,
        ok,
        data,
      })),
    };
    printTable(report);
    const file =
      argValue('json') ??
      join(ROOT, '.tmp', `bench-${scale}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`JSON: ${file}`);
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    for (const child of children) await child.stop().catch(() => undefined);
    await database?.close();
    await server.stop();
  }
}

function printTable(report: {
  scale: number;
  database: string;
  postgres: string;
  openTickets: number;
  cpus: number;
}) {
  const lines = [
    '',
    `Tend benchmark — ${fmt(report.scale, 0)} tickets (${fmt(report.openTickets, 0)} open), ${report.database} PostgreSQL ${report.postgres}, ${report.cpus} CPUs, Node ${process.version}`,
    '',
    '| figure | Tend | baseline (same run) | ratio | goal | met |',
    '|---|---|---|---|---|---|',
    ...figures.map(
      (figure) =>
        `| ${figure.name} | ${figure.tend} | ${figure.baseline} | ${figure.ratio} | ${figure.goal} | ${figure.ok === null ? '—' : figure.ok ? 'yes' : '**no**'} |`,
    ),
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

await main();
