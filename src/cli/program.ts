import { Command, InvalidArgumentError } from 'commander';

/** What each command does; the composition root (src/main/tend.ts) supplies the implementations. */
export interface Commands {
  serve(): Promise<void>;
  worker(): Promise<void>;
  migrate(): Promise<void>;
  adminCreate(options: {
    email: string;
    name: string;
    organisation?: string;
    password?: string;
    passwordStdin?: boolean;
  }): Promise<void>;
  seedDemo(options: { password?: string }): Promise<void>;
  seedScale(options: { scale: number; password?: string }): Promise<void>;
  backup(file: string): Promise<void>;
  restore(file: string): Promise<void>;
  version(): Promise<void>;
}

function ticketCount(value: string): number {
  const count = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(count) || count < 1 || count > 50_000_000)
    throw new InvalidArgumentError('must be a whole number of tickets between 1 and 50000000');
  return count;
}

function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('must not be empty');
  return value;
}

export function buildProgram(commands: Commands, version: string): Command {
  const program = new Command('tend')
    .description(
      'Tend: software support and maintenance (help desk, SLAs, maintenance windows, changes).\nConfiguration comes from environment variables (see the README).',
    )
    .version(version, '-v, --version', 'print the version')
    .showHelpAfterError();

  program
    .command('serve')
    .description('run the HTTP API and web app (and, embedded, the job worker)')
    .action(() => commands.serve());
  program
    .command('worker')
    .description('run background jobs only (SLA timers, mail, schedules)')
    .action(() => commands.worker());
  program
    .command('migrate')
    .description('bring the database schema up to date (safe to repeat)')
    .action(() => commands.migrate());

  const admin = program.command('admin').description('administration tasks');
  admin
    .command('create')
    .description('create an administrator (and, on a fresh installation, the provider organisation)')
    .requiredOption('--email <email>', 'sign-in email', nonEmpty)
    .requiredOption('--name <name>', 'display name', nonEmpty)
    .option('--organisation <name>', 'provider organisation name (needed on a fresh installation)')
    .option(
      '--password <password>',
      'password (visible in the process list; prefer --password-stdin or the prompt)',
    )
    .option('--password-stdin', 'read the password from standard input')
    .action((options) => commands.adminCreate(options));

  program
    .command('seed')
    .description('fill the database with data: --demo, or --scale N for benchmarks')
    .option('--demo', 'a realistic demo: provider, 3 customers, L1–L3 teams, agents, requesters')
    .option(
      '--scale <tickets>',
      'a help desk of N tickets over two years (organisations, users, teams, conversations, SLA timers, time entries), e.g. 1000000',
      ticketCount,
    )
    .option('--password <password>', 'password for every generated user (default: a random one, printed)')
    .action((options: { demo?: boolean; scale?: number; password?: string }, command: Command) => {
      if (Boolean(options.demo) === (options.scale !== undefined))
        command.error('error: say either --demo or --scale <tickets>');
      return options.scale !== undefined
        ? commands.seedScale({ scale: options.scale, password: options.password })
        : commands.seedDemo({ password: options.password });
    });

  program
    .command('backup')
    .description('write a portable backup of all Tend data to a file')
    .argument('<file>', 'where to write (.tend.gz)')
    .action((file: string) => commands.backup(file));
  program
    .command('restore')
    .description(
      'restore a backup into an empty database (also: move embedded data onto a PostgreSQL server)',
    )
    .argument('<file>', 'a file written by tend backup')
    .action((file: string) => commands.restore(file));
  program
    .command('version')
    .description('print the version')
    .action(() => commands.version());
  return program;
}
