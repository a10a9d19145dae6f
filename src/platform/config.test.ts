import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.variable);
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('runs embedded with no configuration at all', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'embedded', dataDir: './data' });
    expect(config.http).toMatchObject({ host: '127.0.0.1', port: 3000, publicUrl: 'http://127.0.0.1:3000' });
    expect(config.worker.inServe).toBe(true);
  });

  it('uses a PostgreSQL server when DATABASE_URL is set, with workers as separate processes by default', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db.example:5432/tend' });
    expect(config.database).toEqual({ kind: 'url', url: 'postgres://u:p@db.example:5432/tend' });
    expect(config.worker.inServe).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/tend', TEND_SERVE_WORKER: 'true' }).worker.inServe).toBe(
      true,
    );
  });

  it.each([
    [{ TEND_PORT: 'eighty' }, 'TEND_PORT'],
    [{ TEND_PORT: '70000' }, 'TEND_PORT'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ TEND_LOG_LEVEL: 'loud' }, 'TEND_LOG_LEVEL'],
    [{ TEND_SMTP_URL: 'http://mail' }, 'TEND_SMTP_URL'],
    [{ TEND_PUBLIC_URL: 'tend.example' }, 'TEND_PUBLIC_URL'],
    [{ TEND_TRUST_PROXY: 'maybe' }, 'TEND_TRUST_PROXY'],
    [{ TEND_LOGIN_MAX_FAILURES: '0' }, 'TEND_LOGIN_MAX_FAILURES'],
    [{ TEND_SERVE_WORKER: 'sometimes' }, 'TEND_SERVE_WORKER'],
    [{ TEND_WEBHOOK_RETRY_DELAYS: '30s,2m' }, 'TEND_WEBHOOK_RETRY_DELAYS'],
    [{ TEND_WEBHOOK_RETRY_DELAYS: '0' }, 'TEND_WEBHOOK_RETRY_DELAYS'],
    [{ TEND_WEBHOOK_TIMEOUT_SECONDS: '0' }, 'TEND_WEBHOOK_TIMEOUT_SECONDS'],
  ])('rejects %o naming %s', (env, variable) => {
    expect(problemsOf(env)).toEqual([variable]);
  });

  it('reads the webhook retry delays (seconds) and timeout, with production defaults', () => {
    expect(loadConfig({}).webhooks).toEqual({
      retryDelaysMs: [30_000, 120_000, 600_000, 3_600_000, 21_600_000, 43_200_000, 86_400_000],
      timeoutMs: 10_000,
    });
    const short = loadConfig({ TEND_WEBHOOK_RETRY_DELAYS: '0.2, 1,5', TEND_WEBHOOK_TIMEOUT_SECONDS: '2.5' });
    expect(short.webhooks).toEqual({ retryDelaysMs: [200, 1000, 5000], timeoutMs: 2500 });
  });

  it('names every bad variable at once', () => {
    expect(problemsOf({ TEND_PORT: 'x', TEND_LOG_LEVEL: 'y' }).sort()).toEqual([
      'TEND_LOG_LEVEL',
      'TEND_PORT',
    ]);
  });

  it('treats an empty variable as unset and accepts PORT as a fallback', () => {
    expect(loadConfig({ TEND_PORT: '', PORT: '8080' }).http.port).toBe(8080);
  });

  it('reads a JSON file named by TEND_CONFIG_FILE; the environment wins over it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tend-config-')), 'tend.json');
    writeFileSync(file, JSON.stringify({ TEND_PORT: 4000, TEND_LOG_LEVEL: 'debug' }));
    const config = loadConfig({ TEND_CONFIG_FILE: file, TEND_LOG_LEVEL: 'warn' });
    expect(config.http.port).toBe(4000);
    expect(config.logLevel).toBe('warn');
    expect(problemsOf({ TEND_CONFIG_FILE: join(tmpdir(), 'missing-tend.json') })).toEqual([
      'TEND_CONFIG_FILE',
    ]);
  });
});
