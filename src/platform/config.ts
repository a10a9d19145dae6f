import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Every setting Tend reads, validated once at boot. Nothing else in the code reads process.env.
 * Each variable is documented in the README (keep the two in step).
 */
const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const databaseUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a URL starting with postgres:// or postgresql://');

/** `30,120,600`: seconds to wait after each failed attempt (fractions allowed, for tests). */
const secondsList = z
  .string()
  .regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/, 'must be seconds separated by commas, e.g. 30,120,600')
  .transform((text) => text.split(',').map((part) => Math.round(Number(part) * 1000)))
  .refine((delays) => delays.length <= 20, 'at most 20 retries')
  .refine((delays) => delays.every((ms) => ms > 0 && ms <= 7 * 86_400_000), 'each between 0 and 7 days');

const schema = z.object({
  DATABASE_URL: databaseUrl.optional(),
  TEND_DATA_DIR: z.string().min(1).default('./data'),
  TEND_HOST: z.string().min(1).default('127.0.0.1'),
  TEND_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TEND_PUBLIC_URL: z.string().url().optional(),
  TEND_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TEND_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  TEND_MAIL_FROM: z.string().min(3).default('Tend <tend@localhost>'),
  TEND_SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24),
  TEND_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  TEND_LOGIN_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  TEND_LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  TEND_AUTH_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  TEND_LIVE_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(25),
  TEND_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  TEND_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  TEND_SERVE_WORKER: z.enum(['auto', 'true', 'false']).default('auto'),
  TEND_TRUST_PROXY: booleanString.default(false),
  TEND_DEV_LOG_MAIL: booleanString.default(true),
  TEND_CLOSE_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  TEND_ATTACHMENT_MAX_MB: z.coerce.number().min(1).max(1024).default(25),
  TEND_WEBHOOK_RETRY_DELAYS: secondsList.prefault('30,120,600,3600,21600,43200,86400'),
  TEND_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().min(1).max(120).default(10),
  TEND_SMTP_LISTEN_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  TEND_SMTP_LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
  TEND_SMTP_TLS_CERT: z.string().min(1).optional(),
  TEND_SMTP_TLS_KEY: z.string().min(1).optional(),
  TEND_INBOUND_MAX_MB: z.coerce.number().min(1).max(1024).default(40),
  TEND_INBOUND_SENDER_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(60),
  TEND_MAIL_REPLY_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'must be a domain name, e.g. support.example.com')
    .optional(),
  TEND_MAIL_REPLY_ADDRESS: z
    .string()
    .regex(
      /^[^\s@]*\{ticket\}[^\s@]*@[^\s@]+$/,
      'must be an address with {ticket} in its local part, e.g. support+{ticket}@example.com',
    )
    .optional(),
  TEND_MAIL_LANGUAGE: z.enum(['en', 'de', 'fr']).default('en'),
});

export type RawConfig = z.infer<typeof schema>;

export interface Config {
  database: { kind: 'embedded'; dataDir: string } | { kind: 'url'; url: string };
  dataDir: string;
  http: { host: string; port: number; publicUrl: string; trustProxy: boolean };
  logLevel: RawConfig['TEND_LOG_LEVEL'];
  mail: {
    smtpUrl: string | null;
    from: string;
    logWhenNoSmtp: boolean;
    /** The domain of our Message-IDs (threading). */
    replyDomain: string;
    /** Reply-To of ticket mail, `{ticket}` replaced by the ticket number (null: the mailbox's plus address). */
    replyAddress: string | null;
    language: 'en' | 'de' | 'fr';
  };
  inbound: {
    /** The SMTP listener (null: off). */
    smtp: { host: string; port: number; tlsCertFile: string | null; tlsKeyFile: string | null } | null;
    maxBytes: number;
    senderLimitPerHour: number;
  };
  auth: {
    sessionTtlHours: number;
    loginMaxFailures: number;
    lockoutMinutes: number;
    loginRateLimitPerMinute: number;
    /** How long a resolved session or API token may be remembered (0: never; see caller-cache.ts). */
    cacheSeconds: number;
  };
  /** Live updates (SSE): a heartbeat this often keeps proxies from closing a quiet stream and re-checks the caller. */
  live: { heartbeatSeconds: number };
  dbPoolSize: number;
  worker: { concurrency: number; inServe: boolean };
  tickets: { closeGraceDays: number; attachmentMaxBytes: number };
  webhooks: { retryDelaysMs: number[]; timeoutMs: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `invalid configuration:\n${problems.map((problem) => `  ${problem.variable}: ${problem.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

function readConfigFile(path: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError([
      { variable: 'TEND_CONFIG_FILE', message: `cannot read ${path}: ${(error as Error).message}` },
    ]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([
      { variable: 'TEND_CONFIG_FILE', message: 'must contain a JSON object of variables' },
    ]);
  }
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
}

function pickKnown(env: Record<string, string | undefined>): Record<string, string> {
  const known = new Set(Object.keys(schema.shape));
  const picked: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    // An empty variable counts as unset, so `FOO= tend serve` falls back to the default.
    if (known.has(key) && value !== undefined && value !== '') picked[key] = value;
  }
  if (picked.TEND_PORT === undefined && env.PORT) picked.TEND_PORT = env.PORT;
  return picked;
}

/** Reads env (and the optional JSON file named by TEND_CONFIG_FILE; env wins) into a typed Config. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const fromFile = env.TEND_CONFIG_FILE ? readConfigFile(env.TEND_CONFIG_FILE) : {};
  const result = schema.safeParse({ ...pickKnown(fromFile), ...pickKnown(env) });
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message: issue.message,
      })),
    );
  }
  return toConfig(result.data);
}

/** `Tend <tend@help.example>` → help.example (the default domain of our Message-IDs). */
function domainOf(from: string): string {
  return /@([a-z0-9.-]+)>?\s*$/i.exec(from)?.[1]?.toLowerCase() ?? 'tend.localhost';
}

function toConfig(raw: RawConfig): Config {
  const database = raw.DATABASE_URL
    ? ({ kind: 'url', url: raw.DATABASE_URL } as const)
    : ({ kind: 'embedded', dataDir: raw.TEND_DATA_DIR } as const);
  const shownHost = raw.TEND_HOST === '0.0.0.0' || raw.TEND_HOST === '::' ? 'localhost' : raw.TEND_HOST;
  return {
    database,
    dataDir: raw.TEND_DATA_DIR,
    http: {
      host: raw.TEND_HOST,
      port: raw.TEND_PORT,
      publicUrl: (raw.TEND_PUBLIC_URL ?? `http://${shownHost}:${raw.TEND_PORT}`).replace(/\/$/, ''),
      trustProxy: raw.TEND_TRUST_PROXY,
    },
    logLevel: raw.TEND_LOG_LEVEL,
    mail: {
      smtpUrl: raw.TEND_SMTP_URL ?? null,
      from: raw.TEND_MAIL_FROM,
      logWhenNoSmtp: raw.TEND_DEV_LOG_MAIL,
      replyDomain: raw.TEND_MAIL_REPLY_DOMAIN ?? domainOf(raw.TEND_MAIL_FROM),
      replyAddress: raw.TEND_MAIL_REPLY_ADDRESS ?? null,
      language: raw.TEND_MAIL_LANGUAGE,
    },
    inbound: {
      smtp:
        raw.TEND_SMTP_LISTEN_PORT === undefined
          ? null
          : {
              host: raw.TEND_SMTP_LISTEN_HOST,
              port: raw.TEND_SMTP_LISTEN_PORT,
              tlsCertFile: raw.TEND_SMTP_TLS_CERT ?? null,
              tlsKeyFile: raw.TEND_SMTP_TLS_KEY ?? null,
            },
      maxBytes: Math.round(raw.TEND_INBOUND_MAX_MB * 1024 * 1024),
      senderLimitPerHour: raw.TEND_INBOUND_SENDER_LIMIT_PER_HOUR,
    },
    auth: {
      sessionTtlHours: raw.TEND_SESSION_TTL_HOURS,
      loginMaxFailures: raw.TEND_LOGIN_MAX_FAILURES,
      lockoutMinutes: raw.TEND_LOGIN_LOCKOUT_MINUTES,
      loginRateLimitPerMinute: raw.TEND_LOGIN_RATE_LIMIT_PER_MINUTE,
      cacheSeconds: raw.TEND_AUTH_CACHE_SECONDS,
    },
    live: { heartbeatSeconds: raw.TEND_LIVE_HEARTBEAT_SECONDS },
    dbPoolSize: raw.TEND_DB_POOL_SIZE,
    tickets: {
      closeGraceDays: raw.TEND_CLOSE_GRACE_DAYS,
      attachmentMaxBytes: Math.round(raw.TEND_ATTACHMENT_MAX_MB * 1024 * 1024),
    },
    worker: {
      concurrency: raw.TEND_WORKER_CONCURRENCY,
      inServe:
        raw.TEND_SERVE_WORKER === 'auto' ? database.kind === 'embedded' : raw.TEND_SERVE_WORKER === 'true',
    },
    webhooks: {
      retryDelaysMs: raw.TEND_WEBHOOK_RETRY_DELAYS,
      timeoutMs: Math.round(raw.TEND_WEBHOOK_TIMEOUT_SECONDS * 1000),
    },
  };
}
