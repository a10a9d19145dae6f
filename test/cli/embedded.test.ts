import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../src/db/embedded/lock.js';
import { readPostmasterPid } from '../../src/db/embedded/postmaster.js';
import { runTend, startServeProcess } from './run-tend.js';

const dataDir = mkdtempSync(join(tmpdir(), 'tend-embedded-'));
const env = { TEND_DATA_DIR: dataDir };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function json(url: string, init?: RequestInit) {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as any, headers: response.headers };
}

async function signIn(url: string) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@provider.example', password: 'a long enough password' }),
  });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

describe('embedded PostgreSQL lifecycle', { timeout: 180_000 }, () => {
  it('creates the data directory on first start, runs migrations, serves the API', async () => {
    const { child, url } = await startServeProcess(env);
    try {
      expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
      expect((await json(`${url}/api/v1/setup`)).body).toEqual({ needsSetup: true });
      const setup = await json(`${url}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          organisationName: 'Provider',
          name: 'Owner',
          email: 'owner@provider.example',
          password: 'a long enough password',
        }),
      });
      expect(setup.status).toBe(201);
      // Only a Unix socket (or loopback): never a public interface.
      const info = readPostmasterPid(join(dataDir, 'pg'));
      expect(info?.listenAddress === '' || info?.listenAddress === '127.0.0.1').toBe(true);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('refuses a second Tend on the same data directory, naming the running one', async () => {
    const first = await startServeProcess(env);
    try {
      const second = await runTend(['serve'], { ...env, TEND_PORT: '0' });
      expect(second.code).not.toBe(0);
      expect(second.stderr).toContain(`pid ${first.child.pid}`);
      // One-shot commands attach to the running server instead.
      const version = await runTend(['migrate'], env);
      expect(version.stdout).toContain('up to date');
    } finally {
      first.child.kill('SIGTERM');
      await once(first.child, 'exit');
    }
  });

  it('keeps every acknowledged write through kill -9 and starts again over the leftover postmaster', async () => {
    const first = await startServeProcess(env);
    const headers = await signIn(first.url);
    const names: string[] = [];
    for (let index = 0; index < 20; index++) {
      const name = `Acknowledged ${index}`;
      const created = await fetch(`${first.url}/api/v1/organisations`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name, domains: [] }),
      });
      expect(created.status).toBe(201);
      names.push(name);
    }
    const postmaster = readPostmasterPid(join(dataDir, 'pg'))!;
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    expect(isProcessAlive(postmaster.pid)).toBe(true); // orphaned, as after a real crash

    const second = await startServeProcess(env);
    try {
      expect(isProcessAlive(postmaster.pid)).toBe(false);
      const again = await signIn(second.url);
      const listed = await json(`${second.url}/api/v1/organisations?limit=100&q=Acknowledged`, {
        headers: again,
      });
      expect(listed.body.items.map((item: { name: string }) => item.name).sort()).toEqual([...names].sort());
    } finally {
      second.child.kill('SIGTERM');
      const [code] = await once(second.child, 'exit');
      expect(code).toBe(0);
    }
    // A clean stop leaves no postmaster and releases the lock.
    expect(readPostmasterPid(join(dataDir, 'pg'))).toBeNull();
    expect(readFileSync(join(dataDir, 'tend.lock'), 'utf8').trim()).toBe('');
  });
});
