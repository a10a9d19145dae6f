import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenProvider, givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, call, login } from '../support/http.js';
import {
  DAY,
  localDateOf,
  MINUTE,
  Oracle,
  type OracleCalendar,
  type OraclePause,
  offsetChanges,
  toMinutes,
  utcSeconds,
} from '../support/sla-oracle.js';

/*
 * POST /api/v1/sla/preview against an independent brute-force oracle (test/support/sla-oracle.ts),
 * the way an external client would check it: seeded random calendars (split shifts, "24:00" ends,
 * touching and unsorted intervals, closed weekdays, holidays around the start, presets), starts
 * with seconds (some with milliseconds or a non-UTC offset) in the weeks around DST changes of
 * 2025-2027 in both hemispheres, 0..3000 minutes, overlapping pauses, and an optional end.
 * Seeded: a failure names a case that reproduces.
 */

// Another seed or more cases for a longer hunt: SLA_ORACLE_SEED=7 SLA_ORACLE_CASES=5000 npx vitest run …
const SEED = Number(process.env.SLA_ORACLE_SEED ?? 20_250_330);
const CASES = Number(process.env.SLA_ORACLE_CASES ?? 600);
const CONCURRENCY = 25;
const HOUR = 60 * MINUTE;
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'UTC',
  'America/Santiago',
];
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WORKDAYS = WEEK.slice(0, 5);
const PRESETS: Record<string, { days: string[]; interval: [string, string] }> = {
  '24/7': { days: WEEK, interval: ['00:00', '24:00'] },
  '24/5': { days: WORKDAYS, interval: ['00:00', '24:00'] },
  '12/5': { days: WORKDAYS, interval: ['08:00', '20:00'] },
  '8/5': { days: WORKDAYS, interval: ['09:00', '17:00'] },
};

/** mulberry32 */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof prng>;

const clock = (quarter: number) =>
  quarter === 96
    ? '24:00'
    : `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;

function randomHours(random: Random): OracleCalendar['hours'] {
  const hours: OracleCalendar['hours'] = {};
  for (const day of WEEK) {
    if (random.next() < 0.2) continue;
    const count = random.int(1, 3);
    const points = new Set<number>();
    while (points.size < count * 2) points.add(random.int(0, 96));
    const sorted = [...points].sort((a, b) => a - b);
    const intervals = Array.from({ length: count }, (_, i) => [sorted[2 * i]!, sorted[2 * i + 1]!]);
    // Some shifts touch the one before (12:00-13:00 right after 09:00-12:00): allowed, no overlap.
    for (let i = 1; i < count; i++) if (random.next() < 0.25) intervals[i]![0] = intervals[i - 1]![1]!;
    if (random.next() < 0.3) intervals.reverse(); // the API does not require them sorted
    hours[day] = intervals.map(([open, close]) => [clock(open!), clock(close!)]);
  }
  return hours;
}

const weeklyMinutes = (hours: OracleCalendar['hours']) =>
  Object.values(hours)
    .flat()
    .reduce((sum, pair) => sum + toMinutes(pair![1]) - toMinutes(pair![0]), 0);

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** An instant as ISO-8601 text: mostly UTC ("Z"), sometimes with another offset. */
function instantText(random: Random, ms: number): string {
  if (random.next() < 0.8) return new Date(ms).toISOString();
  const offset = random.pick([-180, -300, 330, 345, 630, 780]);
  const local = new Date(ms + offset * MINUTE).toISOString().slice(0, -1);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

interface Case {
  body: {
    calendar: OracleCalendar;
    start: string;
    minutes: number;
    pauses?: { from: string; to: string }[];
    end?: string;
  };
  expected: { due: string; elapsedSeconds?: number };
}

function randomCase(random: Random, anchors: Map<string, number[]>): Case {
  const zone = random.pick(ZONES);
  let start = random.pick(anchors.get(zone)!) + random.int((-4 * DAY) / 1000, (3 * DAY) / 1000) * 1000;
  if (random.next() < 0.25) start = Math.floor(start / (15 * MINUTE)) * 15 * MINUTE; // exactly on edges
  if (random.next() < 0.1) start += random.int(1, 999);
  const startDate = localDateOf(zone, start);
  const holidays = Array.from({ length: random.int(0, 3) }, () => addDays(startDate, random.int(-1, 6)));
  let hours: OracleCalendar['hours'];
  if (random.next() < 0.15) {
    const preset = PRESETS[random.pick(Object.keys(PRESETS))]!;
    hours = Object.fromEntries(preset.days.map((day) => [day, [preset.interval]]));
  } else {
    do hours = randomHours(random);
    while (weeklyMinutes(hours) < 15 * 60);
  }
  const calendar = { timezone: zone, hours, holidays };
  const roll = random.next();
  const minutes = roll < 0.05 ? 0 : roll < 0.4 ? random.int(1, 180) : random.int(1, 3000);
  const pauses: OraclePause[] = [];
  if (random.next() < 0.5) {
    for (let i = random.int(1, 4); i > 0; i--) {
      const previous = pauses.at(-1);
      const from =
        previous && random.next() < 0.3
          ? previous.from + random.int(0, (previous.to - previous.from) / 1000) * 1000 // overlapping
          : start + random.int(-DAY / 1000, (4 * DAY) / 1000) * 1000;
      const length = random.next() < 0.05 ? 0 : random.int(1, (8 * HOUR) / 1000) * 1000;
      pauses.push({ from, to: from + length });
    }
  }
  const end = random.next() < 0.5 ? start + random.int((-6 * HOUR) / 1000, (10 * DAY) / 1000) * 1000 : null;
  const oracle = new Oracle(calendar, pauses);
  const expected: Case['expected'] = { due: utcSeconds(oracle.due(start, minutes)) };
  if (end !== null) expected.elapsedSeconds = Math.floor(oracle.elapsedMs(start, end) / 1000);
  return {
    body: {
      calendar,
      start: instantText(random, start),
      minutes,
      ...(pauses.length
        ? {
            pauses: pauses.map((pause) => ({
              from: instantText(random, pause.from),
              to: instantText(random, pause.to),
            })),
          }
        : {}),
      ...(end !== null ? { end: instantText(random, end) } : {}),
    },
    expected,
  };
}

let server: TestServer;
let agent: Caller;

beforeAll(async () => {
  server = await startTestServer();
  const { providerId } = await givenProvider(server.database.db);
  agent = await login(server.app, (await givenUser(server.database.db, 'agent', providerId)).email, PASSWORD);
});
afterAll(async () => server?.close());

const preview = (body: Case['body']) => call(server.app, agent, 'POST', '/api/v1/sla/preview', body);

describe('POST /api/v1/sla/preview against a brute-force oracle', () => {
  // Worked out by hand from DOMAIN.md, so that the oracle itself is checked too.
  it.each([
    [
      'Santiago fall-back: Saturday 23:00-24:00 happens twice and counts twice',
      { timezone: 'America/Santiago', hours: { sat: [['23:00', '24:00']] } },
      '2026-04-05T02:00:00Z',
      120,
      '2026-04-05T04:00:00Z',
    ],
    [
      'Lord Howe spring-forward by 30 minutes: Sunday 01:00-04:00 holds 150 minutes',
      { timezone: 'Australia/Lord_Howe', hours: { sun: [['01:00', '04:00']] } },
      '2026-10-03T14:30:00Z',
      180,
      '2026-10-10T14:30:00Z',
    ],
    [
      'Kathmandu (+05:45), a whole day to closing time',
      { timezone: 'Asia/Kathmandu', hours: { mon: [['09:00', '17:00']] } },
      '2026-03-30T03:15:00Z',
      480,
      '2026-03-30T11:15:00Z',
    ],
  ] as [string, OracleCalendar, string, number, string][])(
    '%s',
    async (_label, calendar, start, minutes, due) => {
      expect(utcSeconds(new Oracle(calendar, []).due(Date.parse(start), minutes))).toBe(due);
      const response = await preview({ calendar, start, minutes });
      expect(response.body).toEqual({ due });
    },
  );

  it('measures a 24/7 spring-forward day in Berlin as 23 hours', async () => {
    const calendar = {
      timezone: 'Europe/Berlin',
      hours: Object.fromEntries(WEEK.map((day) => [day, [['00:00', '24:00']]])) as OracleCalendar['hours'],
    };
    const [start, end] = [Date.parse('2026-03-28T23:00:00Z'), Date.parse('2026-03-29T22:00:00Z')];
    expect(new Oracle(calendar, []).elapsedMs(start, end)).toBe(23 * 3_600_000);
    const response = await preview({
      calendar,
      start: '2026-03-28T23:00:00Z',
      minutes: 23 * 60,
      end: '2026-03-29T22:00:00Z',
    });
    expect(response.body).toEqual({ due: '2026-03-29T22:00:00Z', elapsedSeconds: 23 * 3600 });
  });

  it(`agrees on ${CASES} seeded random cases around DST changes in ${ZONES.length} zones`, async () => {
    const changes = new Map(
      ZONES.map((zone) => [zone, offsetChanges(zone, Date.UTC(2025, 0, 1), Date.UTC(2028, 0, 1))]),
    );
    // The generator really aims at DST: both hemispheres, half-hour (Lord Howe) and midnight (Santiago).
    expect(changes.get('Australia/Lord_Howe')).toHaveLength(6);
    expect(changes.get('America/Santiago')!.length).toBeGreaterThanOrEqual(5);
    const dstWeeks = [...changes.get('Europe/Berlin')!, ...changes.get('Australia/Sydney')!].map((c) => c.at);
    const anchors = new Map(
      ZONES.map((zone) => {
        const own = changes.get(zone)!.map((change) => change.at);
        return [zone, own.length > 0 ? own : dstWeeks];
      }),
    );
    const random = prng(SEED);
    const cases = Array.from({ length: CASES }, () => randomCase(random, anchors));
    const mismatches: unknown[] = [];
    for (let from = 0; from < cases.length; from += CONCURRENCY) {
      const batch = cases.slice(from, from + CONCURRENCY);
      const responses = await Promise.all(batch.map((c) => preview(c.body)));
      responses.forEach((response, i) => {
        const c = batch[i]!;
        if (response.status !== 200 || JSON.stringify(response.body) !== JSON.stringify(c.expected))
          mismatches.push({ case: from + i, body: c.body, expected: c.expected, got: response.body });
      });
    }
    expect(mismatches.length, JSON.stringify(mismatches.slice(0, 3), null, 1)).toBe(0);
    // The cases exercise what they claim to (not all zero minutes, pauses and ends present).
    expect(cases.filter((c) => c.body.minutes > 180).length).toBeGreaterThan(CASES / 3);
    expect(cases.filter((c) => c.body.pauses).length).toBeGreaterThan(CASES / 3);
    expect(cases.filter((c) => c.body.end).length).toBeGreaterThan(CASES / 3);
  }, 90_000);
});
