import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import {
  type BusinessCalendar,
  compileCalendar,
  type Pause,
  presetCalendar,
} from '../../core/calendar/index.js';
import { computeTimers, nextCheck, type PolicyTargets, type TicketClockFacts } from '../../core/sla/index.js';
import { DEFAULT_PRIORITY_MATRIX, type Level, type Priority, priorityFor } from '../../core/tickets/index.js';
import type { Db } from '../../db/client.js';
import { createAdministrator } from '../../features/auth/index.js';
import { findProvider } from '../../features/directory/index.js';
import type { Context } from '../../platform/actor.js';
import { hashPassword } from '../../platform/passwords.js';
import {
  ACTIVITIES,
  COMPANY_PARTS,
  CUSTOMER_REPLIES,
  EVENTS,
  FIRST_NAMES,
  INTERNAL_NOTES,
  LAST_NAMES,
  REQUESTS,
  SENTENCES,
  STAFF_REPLIES,
  SYLLABLES,
  SYMPTOMS,
  SYSTEMS,
  TAGS,
} from './scale-data.js';

/**
 * `tend seed --scale N`: a realistic help desk of N tickets spread over the last two years, for
 * benchmarks and capacity planning. Organisations, users and teams scale with N; every ticket gets
 * a conversation, status history, SLA timers computed by the real engine (core/sla) on its
 * policy's calendar, tags and time entries. Rows go in through multi-row `INSERT … SELECT FROM
 * unnest(…)` batches on two connections; on an empty database the secondary indexes of the big
 * tables are dropped first and rebuilt at the end (several times faster than maintaining them).
 */
export interface ScaleSeedOptions {
  tickets: number;
  /** Password of every generated user (default: a random one, reported). */
  password?: string;
  /** The present moment of the data (default: now). Tickets are created over the two years before it. */
  now?: Date;
  /** Seed of the pseudo-random choices (default: random). The same seed gives the same data shape. */
  seed?: number;
  progress?: (line: string) => void;
}

export interface ScaleSeedSummary {
  organisations: number;
  users: number;
  teams: number;
  tickets: number;
  openTickets: number;
  messages: number;
  history: number;
  timers: number;
  timeline: number;
  timeEntries: number;
  seconds: number;
  ticketsPerSecond: number;
  password: string;
  /** Sign-in of the administrator created (null when the database already had a provider). */
  adminEmail: string | null;
}

type Database = { pool: pg.Pool; db: Db };

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const SPAN_DAYS = 730;
const BATCH = 2_000;
const CLOSE_GRACE_DAYS = 7;

// ---------------------------------------------------------------------------------------------
// Randomness: a seeded PRNG for the shape of the data; ids get real random bits (unique across runs).

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let entropy = randomBytes(0);
let entropyAt = 0;
/** UUIDv7 for a given instant (so ids sort like the rows' times), 74 random bits from a pooled buffer. */
function uuid7(ms: number): string {
  if (entropyAt + 10 > entropy.length) {
    entropy = randomBytes(160_000);
    entropyAt = 0;
  }
  const r = entropy.subarray(entropyAt, entropyAt + 10).toString('hex');
  entropyAt += 10;
  const time = Math.floor(ms).toString(16).padStart(12, '0');
  const variant = ((Number.parseInt(r.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(7, 19)}`;
}

class Chance {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Early entries are more likely (Zipf-like, exponent s). */
  skewed<T>(items: readonly T[], s = 1.1): T {
    const u = this.next();
    const index = Math.floor(items.length * u ** (1 + s * 2));
    return items[Math.min(index, items.length - 1)]!;
  }
  bool(p: number): boolean {
    return this.next() < p;
  }
  /** Log-normal with the given median (ms) and spread. */
  lognormal(median: number, sigma: number): number {
    const u1 = Math.max(this.next(), 1e-12);
    const u2 = this.next();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return median * Math.exp(sigma * z);
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let u = this.next() * total;
    for (const [value, weight] of entries) {
      u -= weight;
      if (u < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
}

/** Cumulative weights for a fast weighted choice among many items (organisations by size). */
class WeightedIndex {
  private readonly cumulative: Float64Array;
  constructor(weights: number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((weight, i) => {
      sum += weight;
      this.cumulative[i] = sum;
    });
  }
  pick(u: number): number {
    const target = u * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! <= target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// ---------------------------------------------------------------------------------------------
// Bulk insertion: rows gathered per table, sent as one INSERT … SELECT FROM unnest(arrays).

interface Column {
  name: string;
  /** The array element type sent, e.g. uuid, text, timestamptz. */
  type: string;
  /** Expression in the select list (default: the column itself), e.g. `tags::text[]`. */
  expression?: string;
}

class Table {
  rows: unknown[][] = [];
  inserted = 0;
  /** For identity columns: ids are handed out from a range reserved up front (no nextval per row). */
  nextId = 0;
  constructor(
    readonly name: string,
    readonly columns: Column[],
    readonly overriding = false,
    /** A statement other than a plain INSERT, given the `select … from unnest(…)` of the rows. */
    readonly statement?: (select: string) => string,
  ) {}
  add(...values: unknown[]): void {
    this.rows.push(values);
  }
  take(): { sql: string; params: unknown[][]; count: number } | null {
    if (this.rows.length === 0) return null;
    const rows = this.rows;
    this.rows = [];
    const params = this.columns.map((_, c) => rows.map((row) => row[c]));
    const names = this.columns.map((column) => `"${column.name}"`).join(', ');
    const unnest = this.columns.map((column, i) => `$${i + 1}::${column.type}[]`).join(', ');
    const select = this.columns.map((column) => column.expression ?? `u."${column.name}"`).join(', ');
    this.inserted += rows.length;
    const rowsSelect = `select ${select} from unnest(${unnest}) as u(${names})`;
    return {
      sql: this.statement
        ? this.statement(rowsSelect)
        : `insert into "${this.name}" (${names}) ${this.overriding ? 'overriding system value ' : ''}${rowsSelect}`,
      params,
      count: rows.length,
    };
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------
// The directory.

interface Org {
  id: string;
  name: string;
  weight: number;
  people: string[];
  managerId: string;
  premium: boolean;
  teams: Record<'L1' | 'L2' | 'L3', string[]>;
}

interface Team {
  id: string;
  tier: 'L1' | 'L2' | 'L3';
  members: string[];
}

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, Math.round(value)));

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function personName(chance: Chance): string {
  return `${chance.pick(FIRST_NAMES)} ${chance.pick(LAST_NAMES)}`;
}

async function existingNames(client: pg.PoolClient, table: string): Promise<Set<string>> {
  const { rows } = await client.query<{ name: string }>(`select lower(name) as name from "${table}"`);
  return new Set(rows.map((row) => row.name));
}

function uniqueName(base: string, taken: Set<string>, tag: string): string {
  let name = base;
  if (taken.has(name.toLowerCase())) name = `${base} (${tag})`;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base} (${tag} ${i})`;
  taken.add(name.toLowerCase());
  return name;
}

// ---------------------------------------------------------------------------------------------
// SLA policies of the generated desk.

const STANDARD_TARGETS: Record<Priority, PolicyTargets> = {
  P1: { firstResponse: 60, nextResponse: 240, resolution: 480 },
  P2: { firstResponse: 120, nextResponse: 480, resolution: 960 },
  P3: { firstResponse: 240, nextResponse: 960, resolution: 2400 },
  P4: { firstResponse: 480, nextResponse: 1440, resolution: 4800 },
};
const PREMIUM_TARGETS: Record<Priority, PolicyTargets> = {
  P1: { firstResponse: 15, nextResponse: 60, resolution: 240 },
  P2: { firstResponse: 30, nextResponse: 120, resolution: 480 },
  P3: { firstResponse: 60, nextResponse: 240, resolution: 1440 },
  P4: { firstResponse: 240, nextResponse: 480, resolution: 2880 },
};

interface Policy {
  id: string;
  name: string;
  calendar: BusinessCalendar;
  targets: Record<Priority, PolicyTargets>;
  warningPercent: number;
  pauseStatuses: Set<string>;
}

async function ensurePolicies(
  client: pg.PoolClient,
  now: Date,
): Promise<{ standard: Policy; premium: Policy }> {
  const make = async (
    name: string,
    calendarName: string,
    preset: '8/5' | '24/7',
    timezone: string,
    targets: Record<Priority, PolicyTargets>,
  ): Promise<Policy> => {
    const calendarInput = presetCalendar(preset, timezone);
    const existing = await client.query<{ id: string; timezone: string; hours: unknown; holidays: string[] }>(
      'select id, timezone, hours, holidays from business_calendars where lower(name) = lower($1)',
      [calendarName],
    );
    let calendarId = existing.rows[0]?.id;
    let calendar = compileCalendar(calendarInput);
    if (existing.rows[0]) {
      const row = existing.rows[0];
      calendar = compileCalendar({
        timezone: row.timezone,
        hours: row.hours as typeof calendarInput.hours,
        holidays: row.holidays,
      });
    } else {
      calendarId = uuid7(now.getTime());
      await client.query(
        `insert into business_calendars (id, name, timezone, hours, holidays, created_at, updated_at)
         values ($1, $2, $3, $4, '{}', $5, $5)`,
        [calendarId, calendarName, timezone, JSON.stringify(calendarInput.hours), now],
      );
    }
    const policy = await client.query<{
      id: string;
      targets: Record<Priority, PolicyTargets>;
      warning_percent: number;
      pause_statuses: string[];
    }>(
      'select id, targets, warning_percent, pause_statuses from sla_policies where lower(name) = lower($1)',
      [name],
    );
    if (policy.rows[0]) {
      const row = policy.rows[0];
      return {
        id: row.id,
        name,
        calendar,
        targets: row.targets,
        warningPercent: row.warning_percent,
        pauseStatuses: new Set(row.pause_statuses),
      };
    }
    const id = uuid7(now.getTime());
    await client.query(
      `insert into sla_policies (id, name, calendar_id, targets, pause_statuses, warning_percent, is_default, created_at, updated_at)
       values ($1, $2, $3, $4, '{pending_customer}', 75, false, $5, $5)`,
      [id, name, calendarId, JSON.stringify(targets), now],
    );
    return { id, name, calendar, targets, warningPercent: 75, pauseStatuses: new Set(['pending_customer']) };
  };
  const standard = await make(
    'Standard (8/5)',
    'Office hours (Europe/Berlin)',
    '8/5',
    'Europe/Berlin',
    STANDARD_TARGETS,
  );
  const premium = await make('Premium (24/7)', 'Around the clock', '24/7', 'UTC', PREMIUM_TARGETS);
  const { rows } = await client.query('select 1 from sla_policies where is_default');
  if (rows.length === 0)
    await client.query('update sla_policies set is_default = true where id = $1', [standard.id]);
  return { standard, premium };
}

// ---------------------------------------------------------------------------------------------
// Fast loading on an empty database: secondary indexes of the big tables rebuilt at the end.

const BIG_TABLES = [
  'tickets',
  'ticket_messages',
  'ticket_history',
  'ticket_sla',
  'sla_timers',
  'sla_timeline',
  'time_entries',
];

async function dropSecondaryIndexes(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i
      where i.indrelid = any($1::regclass[])
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [BIG_TABLES],
  );
  for (const row of rows) await client.query(`drop index ${row.name}`);
  return rows.map((row) => row.definition);
}

// ---------------------------------------------------------------------------------------------
// Text.

function pseudoWords(chance: Chance, count: number): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    const parts = chance.int(2, 4);
    let word = '';
    for (let i = 0; i < parts; i++) word += chance.pick(SYLLABLES);
    words.add(word);
  }
  return [...words];
}

function subjectOf(chance: Chance, type: string): { subject: string; system: string } {
  const system = chance.skewed(SYSTEMS, 0.8);
  if (type === 'service_request' || type === 'question') {
    return { subject: `${chance.pick(REQUESTS)} ${system}`, system };
  }
  const subject = `${system.charAt(0).toUpperCase()}${system.slice(1)} ${chance.pick(SYMPTOMS)} ${chance.pick(EVENTS)}`;
  return { subject, system };
}

function descriptionOf(chance: Chance, subject: string, jargon: string[], host: string): string {
  const parts = [`${subject}.`];
  const sentences = chance.int(2, 6);
  for (let i = 0; i < sentences; i++) parts.push(chance.pick(SENTENCES));
  // Long-tail words (host names, error codes, product jargon) that make search realistic.
  parts.push(`Affected host: ${host}. Reference ${chance.skewed(jargon, 1.5)} ${chance.pick(jargon)}.`);
  if (chance.bool(0.3)) parts.push(`Error code ERR-${chance.int(1000, 9999)}.`);
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------

export async function seedScale(
  database: Database,
  ctx: Context,
  options: ScaleSeedOptions,
): Promise<ScaleSeedSummary> {
  const began = performance.now();
  const total = Math.floor(options.tickets);
  if (!Number.isFinite(total) || total < 1) throw new Error('the scale must be a positive number of tickets');
  const say = options.progress ?? (() => undefined);
  const now = options.now ?? new Date();
  const nowMs = now.getTime();
  const chance = new Chance(mulberry32(options.seed ?? randomBytes(4).readUInt32LE(0)));
  const runTag = randomBytes(3).toString('hex');
  const password = options.password ?? randomBytes(9).toString('base64url');

  // The provider and an administrator (only on an empty installation).
  let adminEmail: string | null = null;
  let provider = await findProvider(database.db);
  if (!provider) {
    adminEmail = 'admin@northwind-support.example';
    await createAdministrator(database.db, ctx, {
      organisationName: 'Northwind Support',
      name: 'Ada Admin',
      email: adminEmail,
      password,
    });
    provider = await findProvider(database.db);
  }
  const providerId = provider!.id;
  const passwordHash = await hashPassword(password);

  const loaders = [await database.pool.connect(), await database.pool.connect()];
  const [main] = loaders as [pg.PoolClient, pg.PoolClient];
  let droppedIndexes: string[] = [];
  const inFlight: Promise<void>[] = [];
  const counts = { organisations: 0, users: 0, teams: 0 };
  const tables = {
    organisations: new Table('organisations', [
      { name: 'id', type: 'uuid' },
      { name: 'name', type: 'text' },
      { name: 'kind', type: 'text' },
      { name: 'domains', type: 'text', expression: 'u.domains::text[]' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'updated_at', type: 'timestamptz' },
    ]),
    users: new Table('users', [
      { name: 'id', type: 'uuid' },
      { name: 'organisation_id', type: 'uuid' },
      { name: 'name', type: 'text' },
      { name: 'email', type: 'text' },
      { name: 'role', type: 'text' },
      { name: 'password_hash', type: 'text' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'updated_at', type: 'timestamptz' },
    ]),
    teams: new Table('teams', [
      { name: 'id', type: 'uuid' },
      { name: 'name', type: 'text' },
      { name: 'tier', type: 'text' },
      { name: 'description', type: 'text' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'updated_at', type: 'timestamptz' },
    ]),
    teamMembers: new Table('team_members', [
      { name: 'team_id', type: 'uuid' },
      { name: 'user_id', type: 'uuid' },
    ]),
    teamServed: new Table('team_served_organisations', [
      { name: 'team_id', type: 'uuid' },
      { name: 'organisation_id', type: 'uuid' },
    ]),
    orgPolicies: new Table('organisation_sla_policies', [
      { name: 'organisation_id', type: 'uuid' },
      { name: 'policy_id', type: 'uuid' },
    ]),
    tickets: new Table('tickets', [
      { name: 'id', type: 'uuid' },
      { name: 'number', type: 'int8' },
      { name: 'organisation_id', type: 'uuid' },
      { name: 'requester_id', type: 'uuid' },
      { name: 'type', type: 'text' },
      { name: 'status', type: 'text' },
      { name: 'impact', type: 'text' },
      { name: 'urgency', type: 'text' },
      { name: 'priority', type: 'text' },
      { name: 'tier', type: 'text' },
      { name: 'team_id', type: 'uuid' },
      { name: 'assignee_id', type: 'uuid' },
      { name: 'subject', type: 'text' },
      { name: 'description', type: 'text' },
      { name: 'tags', type: 'text', expression: 'u.tags::text[]' },
      { name: 'channel', type: 'text' },
      { name: 'version', type: 'int4' },
      { name: 'reopen_count', type: 'int4' },
      { name: 'escalation_count', type: 'int4' },
      { name: 'public_reply_count', type: 'int4' },
      { name: 'first_response_at', type: 'timestamptz' },
      { name: 'resolved_at', type: 'timestamptz' },
      { name: 'closed_at', type: 'timestamptz' },
      { name: 'sla_due_at', type: 'timestamptz' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'updated_at', type: 'timestamptz' },
    ]),
    messages: new Table('ticket_messages', [
      { name: 'id', type: 'uuid' },
      { name: 'ticket_id', type: 'uuid' },
      { name: 'author_id', type: 'uuid' },
      { name: 'visibility', type: 'text' },
      { name: 'body', type: 'text' },
      { name: 'channel', type: 'text' },
      { name: 'created_at', type: 'timestamptz' },
    ]),
    history: new Table(
      'ticket_history',
      [
        { name: 'id', type: 'int8' },
        { name: 'ticket_id', type: 'uuid' },
        { name: 'at', type: 'timestamptz' },
        { name: 'actor_id', type: 'uuid' },
        { name: 'kind', type: 'text' },
        { name: 'data', type: 'jsonb' },
        { name: 'internal', type: 'bool' },
      ],
      true,
    ),
    /** The sla.check job of each ticket with a warning or breach still ahead (as the engine queues it). */
    checkJobs: new Table(
      'sla.check jobs',
      [
        { name: 'job_key', type: 'text' },
        { name: 'payload', type: 'json' },
        { name: 'run_at', type: 'timestamptz' },
      ],
      false,
      (rows) =>
        `select count(*) from graphile_worker.add_jobs(array(
           select row('sla.check', r.payload, null, r.run_at, 25, r.job_key, null, null)::graphile_worker.job_spec
           from (${rows}) r))`,
    ),
    ticketSla: new Table('ticket_sla', [
      { name: 'ticket_id', type: 'uuid' },
      { name: 'policy_id', type: 'uuid' },
      { name: 'pauses', type: 'jsonb' },
      { name: 'computed_with', type: 'jsonb' },
      { name: 'updated_at', type: 'timestamptz' },
    ]),
    timers: new Table('sla_timers', [
      { name: 'ticket_id', type: 'uuid' },
      { name: 'target', type: 'text' },
      { name: 'target_minutes', type: 'int4' },
      { name: 'started_at', type: 'timestamptz' },
      { name: 'due_at', type: 'timestamptz' },
      { name: 'warn_at', type: 'timestamptz' },
      { name: 'met_at', type: 'timestamptz' },
      { name: 'warned_at', type: 'timestamptz' },
      { name: 'breached_at', type: 'timestamptz' },
      { name: 'next_check_at', type: 'timestamptz' },
      { name: 'updated_at', type: 'timestamptz' },
    ]),
    timeline: new Table(
      'sla_timeline',
      [
        { name: 'id', type: 'int8' },
        { name: 'ticket_id', type: 'uuid' },
        { name: 'at', type: 'timestamptz' },
        { name: 'kind', type: 'text' },
        { name: 'target', type: 'text' },
        { name: 'reason', type: 'text' },
        { name: 'data', type: 'jsonb' },
      ],
      true,
    ),
    timeEntries: new Table('time_entries', [
      { name: 'id', type: 'uuid' },
      { name: 'ticket_id', type: 'uuid' },
      { name: 'user_id', type: 'uuid' },
      { name: 'minutes', type: 'int4' },
      { name: 'billable', type: 'bool' },
      { name: 'activity', type: 'text' },
      { name: 'note', type: 'text' },
      { name: 'spent_on', type: 'date' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'updated_at', type: 'timestamptz' },
    ]),
  };
  const ticketTables = [
    tables.tickets,
    tables.messages,
    tables.history,
    tables.ticketSla,
    tables.timers,
    tables.timeline,
    tables.timeEntries,
    tables.checkJobs,
  ];

  const flush = async (client: pg.PoolClient, list: Table[]) => {
    for (const table of list) {
      const batch = table.take();
      if (batch) await client.query(batch.sql, batch.params);
    }
  };

  try {
    for (const client of loaders) {
      // Losing the last batches in a crash is fine for generated data; skip the per-commit flush.
      await client.query('set synchronous_commit = off');
      await client.query(`set maintenance_work_mem = '256MB'`);
    }
    const { rows: superuser } = await main.query<{ super: boolean }>(
      'select rolsuper as super from pg_roles where rolname = current_user',
    );
    const { rows: existing } = await main.query<{ any: boolean }>(
      'select exists (select 1 from tickets) as any',
    );
    if (!existing[0]!.any) {
      droppedIndexes = await dropSecondaryIndexes(main);
      if (droppedIndexes.length) say(`dropped ${droppedIndexes.length} secondary indexes for the load`);
    }
    if (superuser[0]?.super) {
      // Generated rows reference rows generated just before: skip the per-row foreign key checks.
      for (const client of loaders) await client.query(`set session_replication_role = replica`);
    }

    // ----- Directory: customers, people, staff, teams (sizes grow with the number of tickets).
    const customerCount = clamp(total / 5_000, 5, 400);
    const requesterCount = clamp(total / 100, 20, 20_000);
    const agentCount = clamp(total / 10_000, 6, 150);
    const startMs = nowMs - SPAN_DAYS * DAY;
    const orgNames = await existingNames(main, 'organisations');
    const orgs: Org[] = [];
    for (let i = 0; i < customerCount; i++) {
      const base = `${chance.pick(COMPANY_PARTS.first)} ${chance.pick(COMPANY_PARTS.second)} ${chance.pick(COMPANY_PARTS.suffix)}`;
      const name = uniqueName(base, orgNames, runTag);
      const created = startMs - chance.int(0, 365) * DAY;
      const id = uuid7(created);
      const domain = `${slug(name)}-${runTag}.example`;
      tables.organisations.add(id, name, 'customer', `{${domain}}`, iso(created), iso(created));
      // Organisation sizes follow a long tail: a few large customers raise most tickets.
      orgs.push({
        id,
        name,
        weight: 1 / (i + 1) ** 0.9,
        people: [],
        managerId: '',
        premium: i < Math.max(1, Math.round(customerCount * 0.2)),
        teams: { L1: [], L2: [], L3: [] },
      });
      const managerId = uuid7(created + HOUR);
      const manager = personName(chance);
      tables.users.add(
        managerId,
        id,
        manager,
        `${slug(manager)}.manager@${domain}`,
        'customer_manager',
        passwordHash,
        iso(created + HOUR),
        iso(created + HOUR),
      );
      orgs[i]!.managerId = managerId;
      orgs[i]!.people.push(managerId);
    }
    const orgIndex = new WeightedIndex(orgs.map((org) => org.weight));
    for (let i = 0; i < requesterCount; i++) {
      const org = i < orgs.length ? orgs[i]! : orgs[orgIndex.pick(chance.next())]!;
      const created = startMs + chance.int(0, SPAN_DAYS - 1) * DAY * 0.5;
      const id = uuid7(created);
      const name = personName(chance);
      const domain = `${slug(org.name)}-${runTag}.example`;
      tables.users.add(
        id,
        org.id,
        name,
        `${slug(name)}.${i}@${domain}`,
        'requester',
        passwordHash,
        iso(created),
        iso(created),
      );
      org.people.push(id);
    }
    const staff: string[] = [];
    const staffEmail = (name: string, i: number) => `${slug(name)}.${i}.${runTag}@northwind-support.example`;
    for (let i = 0; i < agentCount + 2; i++) {
      const created = startMs - chance.int(0, 200) * DAY;
      const id = uuid7(created);
      const name = personName(chance);
      const role = i < agentCount ? 'agent' : 'service_manager';
      tables.users.add(
        id,
        providerId,
        name,
        staffEmail(name, i),
        role,
        passwordHash,
        iso(created),
        iso(created),
      );
      if (role === 'agent') staff.push(id);
    }
    // Teams: L1 desks each serving a slice of the customers, L2 serving larger slices, L3 all.
    const teamNames = await existingNames(main, 'teams');
    const l1Count = clamp(customerCount / 25, 1, 12);
    const l2Count = Math.max(1, Math.round(l1Count / 2));
    const l3Count = customerCount > 50 ? 2 : 1;
    const teams: Team[] = [];
    const shares: [Team['tier'], number, string][] = [
      ['L1', l1Count, 'Service Desk'],
      ['L2', l2Count, 'Application Support'],
      ['L3', l3Count, 'Development Support'],
    ];
    const regions = [
      'North',
      'South',
      'East',
      'West',
      'Central',
      'Nordics',
      'Iberia',
      'Benelux',
      'Alps',
      'Baltics',
      'Balkans',
      'Islands',
    ];
    for (const [tier, count, base] of shares) {
      for (let t = 0; t < count; t++) {
        const id = uuid7(startMs - 400 * DAY);
        const name = uniqueName(
          count > 1 ? `${base} ${regions[t % regions.length]}` : base,
          teamNames,
          runTag,
        );
        tables.teams.add(
          id,
          name,
          tier,
          `${base} (${tier}), generated by tend seed --scale`,
          iso(startMs),
          iso(startMs),
        );
        const team: Team = { id, tier, members: [] };
        teams.push(team);
        // Customers are dealt to the teams of a tier in turn.
        orgs.forEach((org, i) => {
          if (i % count === t) {
            org.teams[tier].push(id);
            tables.teamServed.add(id, org.id);
          }
        });
      }
    }
    // Agents: 60% in L1 desks, 30% L2, 10% L3; every team has at least one member.
    const tierTeams = (tier: Team['tier']) => teams.filter((team) => team.tier === tier);
    staff.forEach((agentId, i) => {
      const share = i / staff.length;
      const pool = tierTeams(share < 0.6 ? 'L1' : share < 0.9 ? 'L2' : 'L3');
      const team = pool[i % pool.length]!;
      team.members.push(agentId);
    });
    for (const team of teams) {
      if (team.members.length === 0) team.members.push(staff[0]!);
      for (const member of team.members) tables.teamMembers.add(team.id, member);
    }
    const policies = await ensurePolicies(main, now);
    for (const org of orgs) if (org.premium) tables.orgPolicies.add(org.id, policies.premium.id);
    counts.organisations = tables.organisations.rows.length;
    counts.users = tables.users.rows.length;
    counts.teams = tables.teams.rows.length;
    await flush(main, [
      tables.organisations,
      tables.users,
      tables.teams,
      tables.teamMembers,
      tables.teamServed,
      tables.orgPolicies,
    ]);
    say(`directory: ${counts.organisations} customers, ${counts.users} users, ${counts.teams} teams`);

    // ----- Ticket creation times: two years, busier on weekdays in office hours, oldest first.
    const times = new Float64Array(total);
    for (let i = 0; i < total; ) {
      const t = startMs + chance.next() * (nowMs - startMs);
      const local = new Date(t + HOUR);
      const day = local.getUTCDay();
      const hour = local.getUTCHours();
      const weight =
        day === 0 || day === 6 ? 0.12 : hour >= 8 && hour < 18 ? 1 : hour >= 6 && hour < 21 ? 0.25 : 0.04;
      if (chance.next() < weight) times[i++] = t;
    }
    times.sort();
    const { rows: numbers } = await main.query<{ first: number }>(
      `select nextval('ticket_numbers')::int8 as first`,
    );
    const firstNumber = Number(numbers[0]!.first);
    await main.query(`select setval('ticket_numbers', $1)`, [firstNumber + total - 1]);
    // At most 20 history entries and 10 timeline entries per ticket are generated (asserted below).
    const reserved = [
      { table: tables.history, perTicket: 20, end: 0 },
      { table: tables.timeline, perTicket: 10, end: 0 },
    ];
    for (const entry of reserved) {
      const { rows } = await main.query<{ first: string }>(
        `select nextval(pg_get_serial_sequence($1, 'id'))::int8 as first`,
        [entry.table.name],
      );
      entry.table.nextId = Number(rows[0]!.first);
      entry.end = entry.table.nextId + total * entry.perTicket;
      await main.query(`select setval(pg_get_serial_sequence($1, 'id'), $2)`, [entry.table.name, entry.end]);
    }

    const jargon = pseudoWords(chance, 4_000);
    const hosts = Array.from(
      { length: 500 },
      (_, i) => `${chance.pick(SYLLABLES)}${chance.pick(SYLLABLES)}-srv${i}`,
    );
    const levels: readonly (readonly [Level, number])[] = [
      ['high', 0.15],
      ['medium', 0.5],
      ['low', 0.35],
    ];
    const firstResponseMedian: Record<Priority, number> = {
      P1: 20 * MINUTE,
      P2: 45 * MINUTE,
      P3: 2 * HOUR,
      P4: 5 * HOUR,
    };
    let openTickets = 0;
    let loader = 0;

    for (let i = 0; i < total; i++) {
      const created = times[i]!;
      const ageMs = nowMs - created;
      const org = orgs[orgIndex.pick(chance.next())]!;
      const requesterId = chance.pick(org.people);
      const type = chance.weighted([
        ['incident', 55],
        ['service_request', 30],
        ['question', 10],
        ['problem', 5],
      ] as const);
      const impact = chance.weighted(levels);
      const urgency = chance.weighted(levels);
      const priority = priorityFor(DEFAULT_PRIORITY_MATRIX, impact, urgency);
      const tier = chance.weighted([
        ['L1', 75],
        ['L2', 20],
        ['L3', 5],
      ] as const);
      const teamId = org.teams[tier].length ? chance.pick(org.teams[tier]) : chance.pick(org.teams.L1);
      const team = teams.find((candidate) => candidate.id === teamId)!;
      const { subject } = subjectOf(chance, type);
      const description = descriptionOf(chance, subject, jargon, chance.skewed(hosts, 1));
      const tagCount = chance.weighted([
        [0, 30],
        [1, 40],
        [2, 20],
        [3, 10],
      ] as const);
      const tags = new Set<string>();
      while (tags.size < tagCount) tags.add(chance.skewed(TAGS, 0.7));
      const channel = chance.weighted([
        ['email', 45],
        ['portal', 35],
        ['agent', 12],
        ['api', 8],
      ] as const);
      const id = uuid7(created);
      const policy = org.premium ? policies.premium : policies.standard;
      const targets = policy.targets[priority] ?? {};

      // Life of the ticket: first response, exchanges, maybe a pause, resolution, close.
      const firstDelay = Math.max(MINUTE, chance.lognormal(firstResponseMedian[priority], 1));
      let duration = Math.max(firstDelay + 5 * MINUTE, chance.lognormal(20 * HOUR, 1.5));
      const stale = chance.bool(0.09);
      const withdrawn = !stale && chance.bool(0.03);
      if (stale) duration = Number.POSITIVE_INFINITY;
      const responded = firstDelay < ageMs;
      const firstResponseAt = responded ? created + firstDelay : null;
      const resolvedAt = !withdrawn && duration < ageMs ? created + duration : null;
      let status: string;
      let closedAt: number | null = null;
      if (withdrawn && duration < ageMs) {
        status = 'closed';
        closedAt = created + duration;
      } else if (resolvedAt !== null) {
        const autoClose = resolvedAt + CLOSE_GRACE_DAYS * DAY;
        status = autoClose < nowMs ? 'closed' : 'resolved';
        closedAt = autoClose < nowMs ? autoClose : null;
      } else if (!responded) {
        status = 'new';
      } else {
        status = chance.weighted([
          ['open', 55],
          ['pending_customer', 20],
          ['pending_third_party', 10],
          ['on_hold', 15],
        ] as const);
      }
      const active = status !== 'resolved' && status !== 'closed';
      if (active) openTickets++;
      const end = closedAt ?? resolvedAt ?? nowMs;
      const assigneeId = status === 'new' && chance.bool(0.7) ? null : chance.pick(team.members);

      // Conversation: first staff reply, then exchanges spread until the end.
      const history: [number, string | null, string, unknown, boolean][] = [];
      const messages: [number, string | null, 'public' | 'internal', string][] = [];
      history.push([
        created,
        channel === 'agent' ? assigneeId : requesterId,
        'created',
        { status: 'new', priority, tier, teamId, assigneeId: null },
        false,
      ]);
      if (assigneeId) {
        history.push([
          Math.min(created + MINUTE * chance.int(1, 30), end),
          assigneeId,
          'assigned',
          { fromAssigneeId: null, toAssigneeId: assigneeId, fromTeamId: teamId, toTeamId: teamId },
          false,
        ]);
      }
      let lastCustomerAt: number | null = null;
      let lastStaffAt: number | null = null;
      let replies = 0;
      const pauses: Pause[] = [];
      if (firstResponseAt !== null) {
        const author = assigneeId ?? chance.pick(team.members);
        messages.push([firstResponseAt, author, 'public', chance.pick(STAFF_REPLIES)]);
        history.push([
          firstResponseAt,
          author,
          'status',
          { from: 'new', to: 'open', kind: 'start', reason: 'agent replied' },
          false,
        ]);
        lastStaffAt = firstResponseAt;
        replies++;
        const exchanges = chance.weighted([
          [0, 45],
          [1, 30],
          [2, 15],
          [3, 7],
          [4, 3],
        ] as const);
        const span = Math.max(end - firstResponseAt, MINUTE);
        let at = firstResponseAt;
        for (let e = 0; e < exchanges; e++) {
          const customerAt = at + (span / (exchanges + 1)) * chance.next();
          messages.push([customerAt, requesterId, 'public', chance.pick(CUSTOMER_REPLIES)]);
          lastCustomerAt = customerAt;
          at = customerAt;
          // An open ticket's last customer message may still be waiting for an answer.
          if (active && e === exchanges - 1 && chance.bool(0.35)) break;
          const staffAt = Math.min(at + chance.lognormal(2 * HOUR, 1), at + span / (exchanges + 1));
          if (staffAt >= end) break;
          messages.push([
            staffAt,
            assigneeId ?? chance.pick(team.members),
            'public',
            chance.pick(STAFF_REPLIES),
          ]);
          lastStaffAt = staffAt;
          replies++;
          at = staffAt;
        }
        if (chance.bool(0.25)) {
          const noteAt = firstResponseAt + (end - firstResponseAt) * chance.next();
          messages.push([
            noteAt,
            assigneeId ?? chance.pick(team.members),
            'internal',
            chance.pick(INTERNAL_NOTES),
          ]);
        }
        // Waiting for the customer only after our answer; else it is our turn.
        if (status === 'pending_customer' && lastCustomerAt !== null && (lastStaffAt ?? 0) < lastCustomerAt)
          status = 'open';
        // A past wait for the customer (closed tickets), or the current one (pending_customer).
        if (status === 'pending_customer') {
          const from = Math.max(lastStaffAt ?? firstResponseAt, firstResponseAt);
          pauses.push({ from: new Date(from), to: null });
          history.push([
            from,
            assigneeId,
            'status',
            { from: 'open', to: 'pending_customer', kind: 'wait', reason: null },
            false,
          ]);
        } else if (!active && chance.bool(0.2) && end - firstResponseAt > 2 * HOUR) {
          const from = firstResponseAt + (end - firstResponseAt) * 0.2;
          const to = from + (end - from) * 0.5;
          pauses.push({ from: new Date(from), to: new Date(to) });
          history.push([
            from,
            assigneeId,
            'status',
            { from: 'open', to: 'pending_customer', kind: 'wait', reason: null },
            false,
          ]);
          history.push([
            to,
            requesterId,
            'status',
            { from: 'pending_customer', to: 'open', kind: 'resume', reason: 'requester replied' },
            false,
          ]);
        } else if (status === 'pending_third_party' || status === 'on_hold') {
          const from = lastStaffAt ?? firstResponseAt;
          history.push([
            from,
            assigneeId,
            'status',
            { from: 'open', to: status, kind: 'wait', reason: null },
            false,
          ]);
        }
      }
      if (resolvedAt !== null)
        history.push([
          resolvedAt,
          assigneeId,
          'status',
          { from: 'open', to: 'resolved', kind: 'resolve', reason: null },
          false,
        ]);
      if (closedAt !== null)
        history.push([
          closedAt,
          null,
          'status',
          {
            from: resolvedAt ? 'resolved' : 'open',
            to: 'closed',
            kind: 'close',
            reason: resolvedAt ? 'grace period ended' : 'withdrawn by the requester',
          },
          false,
        ]);
      messages.sort((a, b) => a[0] - b[0]);
      for (const [at, authorId, visibility, body] of messages) {
        const messageId = uuid7(at);
        tables.messages.add(
          messageId,
          id,
          authorId,
          visibility,
          body,
          channel === 'api'
            ? 'api'
            : visibility === 'internal' || authorId !== requesterId
              ? 'agent'
              : channel,
          iso(at),
        );
        history.push([
          at,
          authorId,
          visibility === 'public' ? 'reply' : 'note',
          { messageId },
          visibility === 'internal',
        ]);
      }
      history.sort((a, b) => a[0] - b[0]);
      for (const [at, actorId, kind, data, internal] of history)
        tables.history.add(
          tables.history.nextId++,
          id,
          iso(at),
          actorId,
          kind,
          JSON.stringify(data),
          internal,
        );

      // SLA: the same computation the engine does, on the policy's calendar.
      const nextResponse =
        lastCustomerAt !== null && firstResponseAt !== null
          ? {
              startedAt: new Date(lastCustomerAt),
              metAt: lastStaffAt !== null && lastStaffAt > lastCustomerAt ? new Date(lastStaffAt) : null,
            }
          : null;
      const facts: TicketClockFacts = {
        createdAt: new Date(created),
        firstResponseAt: firstResponseAt === null ? null : new Date(firstResponseAt),
        resolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
        stoppedAt: closedAt !== null && resolvedAt === null ? new Date(closedAt) : null,
        nextResponse,
      };
      const computed = computeTimers(policy.calendar, facts, targets, pauses, policy.warningPercent);
      let slaDueAt: number | null = null;
      let nextCheckAt: number | null = null;
      tables.timeline.add(
        tables.timeline.nextId++,
        id,
        iso(created),
        'started',
        null,
        `ticket created at ${priority} under policy "${policy.name}"`,
        JSON.stringify({ priority, policyId: policy.id }),
      );
      for (const timer of computed) {
        const until = Math.min(timer.metAt?.getTime() ?? nowMs, timer.stoppedAt?.getTime() ?? nowMs, nowMs);
        const warned = timer.warnAt !== null && timer.warnAt.getTime() <= until;
        const breached = timer.dueAt !== null && timer.dueAt.getTime() <= until;
        const warnedAt = warned ? timer.warnAt!.getTime() : null;
        const breachedAt = breached ? timer.dueAt!.getTime() : null;
        const check = nextCheck(timer, warned, breached);
        if (check && (nextCheckAt === null || check.getTime() < nextCheckAt)) nextCheckAt = check.getTime();
        tables.timers.add(
          id,
          timer.target,
          timer.targetMinutes,
          iso(timer.startedAt.getTime()),
          timer.dueAt ? iso(timer.dueAt.getTime()) : null,
          timer.warnAt ? iso(timer.warnAt.getTime()) : null,
          timer.metAt ? iso(timer.metAt.getTime()) : null,
          warnedAt === null ? null : iso(warnedAt),
          breachedAt === null ? null : iso(breachedAt),
          check ? iso(check.getTime()) : null,
          iso(Math.min(end, nowMs)),
        );
        if (warnedAt !== null)
          tables.timeline.add(
            tables.timeline.nextId++,
            id,
            iso(warnedAt),
            'warning',
            timer.target,
            'warning threshold reached',
            '{}',
          );
        if (breachedAt !== null)
          tables.timeline.add(
            tables.timeline.nextId++,
            id,
            iso(breachedAt),
            'breached',
            timer.target,
            'target missed',
            '{}',
          );
        if (timer.metAt)
          tables.timeline.add(
            tables.timeline.nextId++,
            id,
            iso(timer.metAt.getTime()),
            'met',
            timer.target,
            'target met',
            '{}',
          );
        if (!timer.metAt && !timer.stoppedAt && timer.dueAt) {
          const due = timer.dueAt.getTime();
          if (slaDueAt === null || due < slaDueAt) slaDueAt = due;
        }
      }
      if (nextCheckAt !== null)
        tables.checkJobs.add(`sla:${id}`, JSON.stringify({ ticketId: id }), iso(nextCheckAt));
      tables.ticketSla.add(
        id,
        policy.id,
        JSON.stringify(
          pauses.map((pause) => ({ from: pause.from.toISOString(), to: pause.to?.toISOString() ?? null })),
        ),
        JSON.stringify({ policyVersion: 1, calendarVersion: 1 }),
        iso(Math.min(end, nowMs)),
      );

      // Time booked by the agents who worked on it.
      if (firstResponseAt !== null && chance.bool(0.35)) {
        const entries = chance.int(1, 3);
        for (let e = 0; e < entries; e++) {
          const at = firstResponseAt + (end - firstResponseAt) * chance.next();
          tables.timeEntries.add(
            uuid7(at),
            id,
            assigneeId ?? chance.pick(team.members),
            chance.pick([10, 15, 30, 45, 60, 90, 120, 240]),
            chance.bool(0.6),
            chance.pick(ACTIVITIES),
            '',
            iso(at).slice(0, 10),
            iso(at),
            iso(at),
          );
        }
      }
      const updatedAt = Math.max(...history.map((entry) => entry[0]));
      tables.tickets.add(
        id,
        firstNumber + i,
        org.id,
        requesterId,
        type,
        status,
        impact,
        urgency,
        priority,
        team.tier,
        teamId,
        assigneeId,
        subject,
        description,
        `{${[...tags].join(',')}}`,
        channel,
        1 + history.length - 1,
        0,
        0,
        replies,
        firstResponseAt === null ? null : iso(firstResponseAt),
        resolvedAt === null ? null : iso(resolvedAt),
        closedAt === null ? null : iso(closedAt),
        slaDueAt === null ? null : iso(slaDueAt),
        iso(created),
        iso(updatedAt),
      );

      if (tables.tickets.rows.length >= BATCH || i === total - 1) {
        // Two loaders: one inserts while the next batch is being generated.
        const client = loaders[loader++ % loaders.length]!;
        const batches = ticketTables.map((table) => table.take()).filter((batch) => batch !== null);
        const work = (async () => {
          await client.query('begin');
          for (const batch of batches) await client.query(batch.sql, batch.params);
          await client.query('commit');
        })();
        // Awaited in order below; never left as an unhandled rejection meanwhile.
        work.catch(() => undefined);
        inFlight.push(work);
        if (inFlight.length >= loaders.length) await inFlight.shift();
        if ((i + 1) % (BATCH * 25) === 0 || i === total - 1) {
          const seconds = (performance.now() - began) / 1000;
          say(`${i + 1} tickets (${Math.round((i + 1) / seconds)}/s)`);
        }
      }
    }
    await Promise.all(inFlight);
    // Give back the unused part of the reserved id ranges, unless someone else took ids meanwhile.
    for (const entry of reserved) {
      if (entry.table.nextId > entry.end) throw new Error(`${entry.table.name}: reserved ids exceeded`);
      await main.query(
        `select setval(pg_get_serial_sequence($1, 'id'), $2)
          where (select last_value from ${entry.table.name}_id_seq) = $3`,
        [entry.table.name, entry.table.nextId - 1, entry.end],
      );
    }

    if (droppedIndexes.length) {
      say(`rebuilding ${droppedIndexes.length} indexes`);
      // Two at a time, one per loader connection.
      const queue = [...droppedIndexes];
      await Promise.all(
        loaders.map(async (client) => {
          for (let next = queue.shift(); next; next = queue.shift()) await client.query(next);
        }),
      );
      droppedIndexes = [];
    }
    say('vacuum and analyse');
    for (const table of [
      ...BIG_TABLES,
      'users',
      'organisations',
      'teams',
      'team_members',
      'team_served_organisations',
    ])
      await main.query(`vacuum (analyze) "${table}"`);
    const seconds = (performance.now() - began) / 1000;
    return {
      ...counts,
      tickets: total,
      openTickets,
      messages: tables.messages.inserted,
      history: tables.history.inserted,
      timers: tables.timers.inserted,
      timeline: tables.timeline.inserted,
      timeEntries: tables.timeEntries.inserted,
      seconds: Math.round(seconds * 10) / 10,
      ticketsPerSecond: Math.round(total / seconds),
      password,
      adminEmail,
    };
  } finally {
    await Promise.allSettled(inFlight);
    // An interrupted load still gets its indexes back.
    for (const definition of droppedIndexes) await main.query(definition).catch(() => undefined);
    for (const client of loaders) {
      await client.query('rollback').catch(() => undefined);
      await client.query('reset all').catch(() => undefined);
      client.release();
    }
  }
}
