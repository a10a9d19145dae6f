import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { buildProgram, type Commands } from '../cli/program.js';
import { backupDatabase, restoreDatabase } from '../db/backup.js';
import { openDatabase } from '../db/database.js';
import { migrateDatabase } from '../db/migrate.js';
import { createAdministrator } from '../features/auth/index.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { type Config, ConfigError, loadConfig } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { packageVersion } from '../platform/paths.js';
import { installCrashGuards } from './runtime.js';
import { seedDemo } from './seed/demo.js';
import { seedScale } from './seed/scale.js';
import { serveCommand, workerCommand } from './serve.js';

const out = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

/** One-shot commands: open (attaching to a running embedded server when there is one), migrate, act. */
async function withDatabase<T>(
  config: Config,
  log: Logger,
  work: (database: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
) {
  const database = await openDatabase(config, { log, allowAttach: true, applicationName: 'tend-cli' });
  try {
    if (database.kind === 'embedded') await migrateDatabase(database.pool);
    return await work(database);
  } finally {
    await database.close();
  }
}

async function readPassword(options: { password?: string; passwordStdin?: boolean }): Promise<string> {
  if (options.password) return options.password;
  if (options.passwordStdin || !process.stdin.isTTY) return readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question('Password (at least 10 characters): ');
  prompt.close();
  return answer;
}

function commandsFor(config: Config, log: Logger): Commands {
  const ctx = () => ({ actor: SYSTEM_ACTOR, requestId: null, now: new Date() });
  return {
    serve: () => serveCommand(config, log),
    worker: () => workerCommand(config, log),
    migrate: () =>
      withDatabase(config, log, async (database) => {
        await migrateDatabase(database.pool);
        out('database schema is up to date');
      }),
    adminCreate: async (options) => {
      const password = await readPassword(options);
      if (password.length < 10)
        throw new AppError('validation', 'validation_failed', 'password: must be at least 10 characters');
      const email = options.email.trim().toLowerCase();
      const user = await withDatabase(config, log, (database) =>
        createAdministrator(database.db, ctx(), {
          organisationName: options.organisation ?? null,
          name: options.name,
          email,
          password,
        }),
      );
      out(`administrator ${user.email} created (id ${user.id})`);
    },
    seedDemo: (options) =>
      withDatabase(config, log, async (database) =>
        out(await seedDemo(database.db, ctx(), options.password)),
      ),
    seedScale: (options) =>
      withDatabase(config, log, async (database) => {
        const summary = await seedScale(database, ctx(), {
          tickets: options.scale,
          password: options.password,
          progress: (line) => process.stderr.write(`${line}\n`),
        });
        out(
          [
            `generated ${summary.tickets} tickets (${summary.openTickets} open) in ${summary.seconds} s (${summary.ticketsPerSecond}/s):`,
            `${summary.organisations} customer organisations, ${summary.users} users, ${summary.teams} teams,`,
            `${summary.messages} messages, ${summary.history} history entries, ${summary.timers} SLA timers, ${summary.timeEntries} time entries`,
            summary.adminEmail
              ? `sign in as ${summary.adminEmail} (admin)`
              : 'added to the existing provider',
            `password for every generated user: ${summary.password}`,
          ].join('\n'),
        );
      }),
    backup: (file) =>
      withDatabase(config, log, async (database) => out(await backupDatabase(database.pool, file))),
    restore: (file) =>
      withDatabase(config, log, async (database) => out(await restoreDatabase(database.pool, file))),
    version: async () => out(packageVersion()),
  };
}

function explain(error: unknown): string {
  if (error instanceof ConfigError || error instanceof AppError) return error.message;
  return (error as Error).message ?? String(error);
}

export async function main(argv: string[]): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`tend: ${explain(error)}\n`);
    process.exit(2);
  }
  const serving = argv[2] === 'serve' || argv[2] === 'worker';
  const log = createLogger(serving ? config.logLevel : 'warn');
  installCrashGuards(log);
  try {
    await buildProgram(commandsFor(config, log), packageVersion()).parseAsync(argv);
  } catch (error) {
    process.stderr.write(`tend: ${explain(error)}\n`);
    if (!(error instanceof AppError || error instanceof ConfigError))
      log.debug({ err: error }, 'command failed');
    process.exit(1);
  }
}
