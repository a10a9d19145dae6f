import autocannon from 'autocannon';
import pg from 'pg';

/** What a load run measured; latencies in milliseconds, computed the same way for HTTP and raw SQL. */
export interface LoadResult {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  seconds: number;
  /** Status codes other than 2xx, by code. */
  statuses: Record<string, number>;
}

export function summarise(latencies: number[], errors: number, seconds: number, statuses = {}): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) =>
    sorted.length
      ? round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!)
      : Number.NaN;
  return {
    requests: sorted.length,
    errors,
    perSecond: Math.round(sorted.length / seconds),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.length ? round(sorted[sorted.length - 1]!) : Number.NaN,
    seconds: round(seconds),
    statuses,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/**
 * autocannon against a URL for `seconds` with `connections` keep-alive connections; `next` makes
 * each request (so bodies and query strings vary). A short warm-up run goes first and is discarded.
 */
export async function httpLoad(options: {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  next: () => HttpRequest;
  warmupSeconds?: number;
}): Promise<LoadResult> {
  const once = async (seconds: number) => {
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    let errors = 0;
    const began = performance.now();
    const instance = autocannon({
      url: options.url,
      connections: options.connections,
      duration: seconds,
      headers: { 'content-type': 'application/json', ...options.headers },
      requests: [
        {
          setupRequest: (request: Record<string, unknown>) => {
            const next = options.next();
            request.method = next.method;
            request.path = next.path;
            request.body = next.body;
            return request;
          },
        },
      ],
    });
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else {
        errors++;
        statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      }
    });
    const result = await instance;
    errors += result.errors + result.timeouts;
    return summarise(latencies, errors, (performance.now() - began) / 1000, statuses);
  };
  if ((options.warmupSeconds ?? 2) > 0) await once(options.warmupSeconds ?? 2);
  return await once(options.seconds);
}

/**
 * The raw baseline: `connections` pg clients, each running `next()` queries back to back for
 * `seconds` (after a warm-up), each query timed on its own.
 */
export async function sqlLoad(options: {
  settings: pg.ClientConfig;
  connections: number;
  seconds: number;
  next: () => { text: string; values: unknown[] };
  warmupSeconds?: number;
}): Promise<LoadResult> {
  const clients = await Promise.all(
    Array.from({ length: options.connections }, async () => {
      const client = new pg.Client({ ...options.settings, application_name: 'tend-bench-raw' });
      await client.connect();
      return client;
    }),
  );
  try {
    const once = async (seconds: number) => {
      const latencies: number[] = [];
      let errors = 0;
      let firstError: string | null = null;
      const began = performance.now();
      const deadline = began + seconds * 1000;
      await Promise.all(
        clients.map(async (client) => {
          while (performance.now() < deadline) {
            const query = options.next();
            const start = performance.now();
            try {
              await client.query(query.text, query.values);
              latencies.push(performance.now() - start);
            } catch (error) {
              if (errors++ === 0) firstError = (error as Error).message;
            }
          }
        }),
      );
      if (firstError) process.stderr.write(`raw SQL errors (${errors}), the first: ${firstError}\n`);
      return summarise(latencies, errors, (performance.now() - began) / 1000);
    };
    if ((options.warmupSeconds ?? 2) > 0) await once(options.warmupSeconds ?? 2);
    return await once(options.seconds);
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}
