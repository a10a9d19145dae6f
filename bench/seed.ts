// npm run bench:seed -- [--scale N | --quick] [--fresh]
// Generates the benchmark data set (tend seed --scale N) into its own database, tend_bench_<N>,
// on the embedded PostgreSQL of .tmp/bench-pg or on the server of DATABASE_URL.

import { seedScale } from '../src/main/seed/scale.js';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { openBenchDatabase, startBenchServer, ticketCount } from './db.js';
import { databaseNameFor, hasFlag, scaleOption } from './options.js';

export const BENCH_PASSWORD = 'bench password 1234';

export async function ensureSeeded(
  database: Parameters<typeof seedScale>[0],
  scale: number,
  log: (line: string) => void,
): Promise<{ seeded: boolean; seconds: number; ticketsPerSecond: number } | { seeded: false }> {
  const existing = await ticketCount(database);
  if (existing >= scale) {
    log(`data set present: ${existing} tickets`);
    return { seeded: false };
  }
  if (existing > 0)
    throw new Error(`the database holds ${existing} tickets, fewer than ${scale}: rerun with --fresh`);
  log(`generating ${scale} tickets…`);
  const summary = await seedScale(
    database,
    { actor: SYSTEM_ACTOR, requestId: null, now: new Date() },
    { tickets: scale, password: BENCH_PASSWORD, seed: 20_261_122, progress: (line) => log(`  ${line}`) },
  );
  log(
    `  ${summary.tickets} tickets (${summary.openTickets} open), ${summary.messages} messages, ${summary.history} history, ${summary.timers} timers, ${summary.timeEntries} time entries in ${summary.seconds} s`,
  );
  return { seeded: true, seconds: summary.seconds, ticketsPerSecond: summary.ticketsPerSecond };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = scaleOption();
  const server = await startBenchServer();
  try {
    const database = await openBenchDatabase(server, databaseNameFor(scale), { fresh: hasFlag('fresh') });
    try {
      const result = await ensureSeeded(database, scale, (line) => console.log(line));
      console.log(JSON.stringify({ scale, database: database.name, ...result }));
    } finally {
      await database.close();
    }
  } finally {
    await server.stop();
  }
}
