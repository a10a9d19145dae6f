import type { FastifyInstance, InjectOptions } from 'fastify';

/** How a test request authenticates: a browser session (cookie + CSRF), an API token, or nobody. */
export type Caller = { cookie: string; csrfToken: string } | { token: string } | null;

export interface Response<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A request through the whole Fastify pipeline (hooks, validation, serialisation). */
export async function call<T = any>(
  app: FastifyInstance,
  caller: Caller,
  method: Method,
  url: string,
  payload?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<Response<T>> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (caller && 'cookie' in caller) {
    headers.cookie = caller.cookie;
    if (method !== 'GET') headers['x-csrf-token'] ??= caller.csrfToken;
  }
  if (caller && 'token' in caller) headers.authorization = `Bearer ${caller.token}`;
  const options: InjectOptions = { method, url, headers };
  if (payload !== undefined) options.payload = payload as InjectOptions['payload'];
  const response = await app.inject(options);
  const text = response.body;
  let body: unknown = text;
  if ((response.headers['content-type'] ?? '').toString().includes('json') && text.length > 0)
    body = JSON.parse(text);
  return { status: response.statusCode, body: body as T, headers: response.headers };
}

export async function login(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`login of ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((entry) => entry.name === 'tend_session');
  if (!cookie) throw new Error('no session cookie');
  return {
    cookie: `tend_session=${cookie.value}`,
    csrfToken: (response.json() as { csrfToken: string }).csrfToken,
  };
}
