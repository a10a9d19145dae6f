// npm run bench:cluster -- [--seconds 60] [--connections 4]
//
// Two `tend serve` and two `tend worker` processes on one PostgreSQL (embedded in .tmp/bench-pg,
// or DATABASE_URL) under load: tickets opened through both servers, agents replying and resolving
// through both, queues read through both, SLA targets of one minute so that warnings and breaches
// come due during the run. Then it checks: no request failed, every acknowledged write is in the
// database, and every warning and breach that came due fired exactly once (one timeline entry,
// one event) — none missed, none twice, whichever worker took it — and that every ticket event
// written during the run (by either server or either worker) reached the live-update streams
// (SSE) of a staff client on each server. Prints a summary and JSON; exits 1 if a check fails.

import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { seedScale } from '../src/main/seed/scale.js';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { randomSecret, uuidv7 } from '../src/platform/ids.js';
import { digest } from '../src/platform/secrets.js';
import { type BenchDatabase, openBenchDatabase, startBenchServer } from './db.js';
import { connectLiveClient, type LiveClient, liveReport } from './live.js';
import { argValue } from './options.js';
import { type Child, ROOT, startTendServe, startTendWorker } from './processes.js';

const seconds = Number(argValue('seconds') ?? 60);
const connections = Number(argValue('connections') ?? 4);
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Tally {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
}
const tally = (): Tally => ({ requests: 0, errors: 0, statuses: {} });
const failures: string[] = [];
function count(into: Tally, status: number, detail?: string) {
  into.requests++;
  if (status < 200 || status >= 300) {
    into.errors++;
    into.statuses[status] = (into.statuses[status] ?? 0) + 1;
    if (failures.length < 10) failures.push(`${status} ${detail ?? ''}`.slice(0, 500));
  }
}

/** A one-minute 24/7 SLA for every organisation: warnings after 30 s, breaches after 60 s. */
async function oneMinuteSla(database: BenchDatabase) {
  const now = new Date();
  const calendarId = uuidv7();
  const policyId = uuidv7();
  const minute = { firstResponse: 1, nextResponse: 1, resolution: 1 };
  const hours = Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]),
  );
  await database.pool.query(
    `insert into business_calendars (id, name, timezone, hours, holidays, created_at, updated_at)
     values ($1, 'Cluster run (24/7)', 'UTC', $2, '{}', $3, $3)`,
    [calendarId, JSON.stringify(hours), now],
  );
  await database.pool.query(
    `insert into sla_policies (id, name, calendar_id, targets, pause_statuses, warning_percent, is_default, created_at, updated_at)
     values ($1, 'Cluster run (1 minute)', $2, $3, '{pending_customer}', 50, false, $4, $4)`,
    [policyId, calendarId, JSON.stringify({ P1: minute, P2: minute, P3: minute, P4: minute }), now],
  );
  await database.pool.query(`update sla_policies set is_default = (id = $1)`, [policyId]);
  await database.pool.query('delete from organisation_sla_policies');
  // The matrix notifies on P1/P2 warnings and breaches (mail jobs for the workers too).
  for (const [priority, threshold] of [
    ['P1', 'warning'],
    ['P1', 'breach'],
    ['P2', 'breach'],
  ]) {
    await database.pool.query(
      `insert into escalation_rules (id, priority, threshold, notify, created_at, updated_at)
       values ($1, $2, $3, '{assignee,team}', $4, $4) on conflict do nothing`,
      [uuidv7(), priority, threshold, now],
    );
  }
}

async function main() {
  const server = await startBenchServer();
  const children: Child[] = [];
  let database: BenchDatabase | null = null;
  let failed = false;
  try {
    database = await openBenchDatabase(server, 'tend_bench_cluster', { fresh: true });
    log(
      `database ${database.name} on ${server.kind === 'embedded' ? 'embedded PostgreSQL' : 'DATABASE_URL'}`,
    );
    await seedScale(
      database,
      { actor: SYSTEM_ACTOR, requestId: null, now: new Date() },
      { tickets: 2_000, password: 'cluster password 1234', seed: 7 },
    );
    await oneMinuteSla(database);
    const { rows: admins } = await database.pool.query<{ id: string }>(
      `select id from users where role = 'admin' limit 1`,
    );
    const secret = `tend_${randomSecret()}`;
    await database.pool.query(
      `insert into api_tokens (id, user_id, name, token_hash, prefix, scopes, created_at)
       values ($1, $2, 'bench:cluster', $3, $4, '{read,write,admin}', now())`,
      [uuidv7(), admins[0]!.id, digest(secret), secret.slice(0, 11)],
    );
    const { rows: requesters } = await database.pool.query<{ id: string }>(
      `select id from users where role = 'requester' order by id limit 200`,
    );
    const { rows: teams } = await database.pool.query<{ id: string }>(
      `select id from teams where tier = 'L1'`,
    );
    const before = Number((await database.pool.query('select count(*) from tickets')).rows[0].count);

    const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-stale'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (built.status !== 0) throw new Error('the build failed');
    const env = { TEND_SERVE_WORKER: 'false', TEND_WORKER_CONCURRENCY: '5' };
    const servers = [
      await startTendServe(database.url, env, 'serve 1'),
      await startTendServe(database.url, env, 'serve 2'),
    ];
    const workers = [
      await startTendWorker(database.url, {}, 'worker 1'),
      await startTendWorker(database.url, {}, 'worker 2'),
    ];
    children.push(...servers, ...workers);
    // A staff client's live-update stream on each server, from before the load to after the SLA wait.
    const { rows: startRows } = await database.pool.query<{ id: string | null }>(
      'select max(id) as id from outbox_events',
    );
    const liveFrom = Number(startRows[0]!.id ?? 0);
    const liveClients: LiveClient[] = await Promise.all(
      servers.map((target, index) => connectLiveClient(`serve ${index + 1}`, target.url, secret)),
    );
    log(`2 servers (${servers.map((s) => s.url).join(', ')}) and 2 workers; load for ${seconds} s…`);

    const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
    const created: { id: string; server: number }[] = [];
    const creates = [tally(), tally()];
    const actions = tally();
    let replies = 0;
    let resolved = 0;
    const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

    // Opening tickets: autocannon against each server, every body different.
    const openLoad = servers.map((target, index) => {
      const instance = autocannon({
        url: target.url,
        connections,
        duration: seconds,
        headers,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/tickets',
            setupRequest: (request: Record<string, unknown>) => {
              request.body = JSON.stringify({
                subject: `Cluster run ${randomUUID().slice(0, 8)}: VPN drops`,
                description: 'Opened by npm run bench:cluster.',
                requesterId: pick(requesters).id,
                impact: pick(['high', 'medium', 'low']),
                urgency: pick(['high', 'medium', 'low']),
                teamId: pick(teams).id,
              });
              return request;
            },
            onResponse: (status: number, body: string) => {
              count(creates[index]!, status, `POST /tickets: ${body}`);
              if (status === 201)
                created.push({ id: (JSON.parse(body) as { id: string }).id, server: index });
            },
          },
        ],
      });
      return instance;
    });

    // Agents at work on both servers: first replies (some before the warning, some after, some
    // never), resolutions, queue reads.
    const deadline = Date.now() + seconds * 1000;
    const agent = async (worker: number) => {
      while (Date.now() < deadline) {
        const target = servers[(worker + replies + resolved) % 2]!;
        const ticket = created.length ? created[Math.floor(Math.random() * created.length)]! : null;
        const roll = Math.random();
        let response: Response;
        try {
          if (!ticket || roll < 0.3) {
            response = await fetch(`${target.url}/api/v1/tickets?status=new,open&sort=slaDue&limit=50`, {
              headers,
            });
          } else if (roll < 0.7) {
            response = await fetch(`${target.url}/api/v1/tickets/${ticket.id}/messages`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ body: 'Looking into it.' }),
            });
            if (response.status === 201) replies++;
          } else {
            response = await fetch(`${target.url}/api/v1/tickets/${ticket.id}/transition`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ status: 'resolved' }),
            });
            // Resolving a ticket twice is refused by design (422): not an error of the cluster.
            if (response.status === 422) {
              await response.arrayBuffer();
              continue;
            }
            if (response.status === 200) resolved++;
          }
          const text = await response.text();
          count(actions, response.status, `${response.url}: ${text}`);
        } catch (error) {
          count(actions, 0, (error as Error).message);
        }
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
      }
    };
    const [first, second] = await Promise.all([
      openLoad[0]!,
      openLoad[1]!,
      ...Array.from({ length: 4 }, (_, i) => agent(i)),
    ]);
    for (const [index, result] of [first, second].entries()) {
      const r = result as unknown as { errors: number; timeouts: number };
      creates[index]!.errors += r.errors + r.timeouts;
    }
    const loadEnded = new Date();
    log(
      `load done: ${created.length} tickets opened (${creates[0]!.requests} + ${creates[1]!.requests} requests), ${replies} replies, ${resolved} resolutions`,
    );

    // Let every warning and breach due by the end of the load (plus its minute) come and go.
    log('waiting for the SLA checks that come due…');
    const waitUntil = Date.now() + 180_000;
    const dueBy = new Date(loadEnded.getTime() + 61_000);
    for (;;) {
      const { rows } = await database.pool.query<{ pending: string }>(
        `select count(*) as pending from sla_timers where next_check_at is not null and next_check_at <= $1`,
        [dueBy],
      );
      const pending = Number(rows[0]!.pending);
      const { rows: unpublished } = await database.pool.query<{ n: string }>(
        `select count(*) as n from outbox_events where published_at is null`,
      );
      if (pending === 0 && Number(unpublished[0]!.n) === 0 && Date.now() > dueBy.getTime() + 3000) break;
      if (Date.now() > waitUntil) break;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const { rows: outbox } = await database.pool.query<{ unpublished: string }>(
      `select count(*) as unpublished from outbox_events where published_at is null`,
    );
    const live = await liveReport(database.pool, liveClients, liveFrom);

    // Checks.
    const ids = created.map((entry) => entry.id);
    const q = async (sql: string, values: unknown[] = []) => (await database!.pool.query(sql, values)).rows;
    const [stored] = await q(`select count(*)::int as n from tickets where id = any($1::uuid[])`, [ids]);
    const [after] = await q('select count(*)::int as n from tickets');
    const [messages] = await q(
      `select count(*)::int as n from ticket_messages where ticket_id = any($1::uuid[]) and body = 'Looking into it.'`,
      [ids],
    );
    const duplicates = await q(
      `select ticket_id, target, kind, count(*)::int as n from sla_timeline
        where kind in ('warning', 'breached') and ticket_id = any($1::uuid[])
        group by 1, 2, 3 having count(*) > 1`,
      [ids],
    );
    const eventDuplicates = await q(
      `select aggregate_id, payload->>'target' as target, type, count(*)::int as n from outbox_events
        where type in ('ticket.sla_warning', 'ticket.sla_breached') and aggregate_id = any($1::text[])
        group by 1, 2, 3 having count(*) > 1`,
      [ids],
    );
    const [fired] = await q(
      `select count(*) filter (where kind = 'warning')::int as warnings,
              count(*) filter (where kind = 'breached')::int as breaches
         from sla_timeline where ticket_id = any($1::uuid[])`,
      [ids],
    );
    const [events] = await q(
      `select count(*) filter (where type = 'ticket.sla_warning')::int as warnings,
              count(*) filter (where type = 'ticket.sla_breached')::int as breaches
         from outbox_events where aggregate_id = any($1::text[])`,
      [ids],
    );
    // Due (its time passed while the target was still unmet) but never fired: missed. A target met
    // after its warning time but before a worker got to the check is not warned any more (there
    // is nothing left to warn about): counted apart.
    const [missed] = await q(
      `select count(*) filter (where met_at is null and warn_at <= $2 and warned_at is null)::int as warnings,
              count(*) filter (where met_at is null and due_at <= $2 and breached_at is null)::int as breaches,
              count(*) filter (where met_at > warn_at and warned_at is null)::int as "metAfterWarningTime",
              count(*) filter (where met_at > due_at and breached_at is null)::int as "metLateWithoutBreachEvent",
              count(*) filter (where warned_at is not null)::int as warned,
              count(*) filter (where breached_at is not null)::int as breached
         from sla_timers where ticket_id = any($1::uuid[])`,
      [ids, dueBy],
    );
    const checks = {
      'no failed request': [...creates, actions].every((t) => t.errors === 0),
      'every acknowledged ticket stored': stored.n === created.length,
      'every acknowledged reply stored': messages.n === replies,
      'no warning or breach fired twice (timeline)': duplicates.length === 0,
      'no warning or breach published twice (events)': eventDuplicates.length === 0,
      'none missed': missed.warnings === 0 && missed.breaches === 0,
      'one event per firing': events.warnings === fired.warnings && events.breaches === fired.breaches,
      'stamps match firings': missed.warned === fired.warnings && missed.breached === fired.breaches,
      'both servers took writes': creates.every((t) => t.requests > 0),
      'outbox drained': Number(outbox[0]!.unpublished) === 0,
      'every ticket event reached the live clients of both servers': live.complete,
      'no process logged an error (deadlock, failed job, crash)': children.every(
        (child) => !/"level":(50|60)/.test(child.output()),
      ),
    };
    failed = Object.values(checks).some((ok) => !ok);
    const report = {
      seconds,
      connectionsPerServer: connections,
      database: server.kind === 'embedded' ? 'embedded' : 'DATABASE_URL',
      processes: { serve: 2, worker: 2 },
      opened: created.length,
      // Requests still in flight when the load stopped: done by the server, never acknowledged.
      unacknowledged: after.n - before - created.length,
      failures,
      openedPerSecond: Math.round(created.length / seconds),
      creates,
      actions,
      replies,
      resolved,
      sla: { fired, events, missed },
      duplicates: { timeline: duplicates, events: eventDuplicates },
      checks,
      liveUpdates: live,
    };
    log('');
    for (const [name, ok] of Object.entries(checks)) log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
    for (const client of live.clients)
      log(
        `     live ${client.name}: ${client.received}/${live.events} ticket events, ${client.missing} missing, delay p50 ${client.delayMs.p50} ms, p99 ${client.delayMs.p99} ms, max ${client.delayMs.max} ms; ${client.reconnects} reconnects, ${client.resyncs} resyncs`,
      );
    for (const failure of failures) log(`     failed request: ${failure}`);
    if (failures.length || !checks['no process logged an error (deadlock, failed job, crash)'])
      for (const child of children)
        for (const line of child
          .output()
          .split('\n')
          .filter((entry) => /"level":(50|60)/.test(entry))
          .slice(0, 3))
          log(`     ${child.name}: ${line.slice(0, 1500)}`);
    log(
      `opened ${created.length} tickets (${report.openedPerSecond}/s) through 2 servers, ${replies} replies, ${resolved} resolutions; SLA fired ${fired.warnings} warnings and ${fired.breaches} breaches across 2 workers`,
    );
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    for (const child of children) {
      await child.stop().catch(() => undefined);
    }
    await database?.close();
    await server.stop();
  }
  if (failed) process.exit(1);
}

await main();
