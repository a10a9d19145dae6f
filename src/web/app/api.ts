/**
 * The typed HTTP client for /api/v1: JSON in and out, the CSRF header on writes, one error type.
 * Every failure becomes an ApiError; a 401 on an authenticated call hands over to the auth layer.
 */

export type FieldError = { path: string; message: string };
type Details = Record<string, unknown>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Details;

  constructor(status: number, code: string, message: string, details: Details = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Validation problems per field (`details.fields`), as paths within the body (`domains.0`). */
  get fieldErrors(): FieldError[] {
    const fields = this.details.fields;
    if (!Array.isArray(fields)) return [];
    return fields.flatMap((field: unknown) => {
      if (typeof field !== 'object' || field === null) return [];
      const { path, message } = field as { path?: unknown; message?: unknown };
      const joined = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
      return [{ path: normalisePath(joined), message: String(message ?? '') }];
    });
  }
}

/** `body.domains.0` or `/domains/0` → `domains.0`: the server says where; forms only need the field. */
function normalisePath(path: string): string {
  return path
    .replace(/^\//, '')
    .replaceAll('/', '.')
    .replace(/^(body|querystring|query|params)(\.|$)/, '');
}

export const API_BASE = '/api/v1';
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** The session's CSRF token, sent as X-CSRF-Token on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** For requests made outside `request` (uploads with progress, which need XMLHttpRequest). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

/** Called when an authenticated request comes back 401 (session expired or logged out elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

type RequestOptions = {
  body?: unknown;
  query?: QueryParams;
  /** Do not treat a 401 as "session gone" (login, session probe). */
  allowUnauthenticated?: boolean;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `If-Match` for edits that must not overwrite someone else's. */
  headers?: Record<string, string>;
};

export function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

function headersFor(method: string, hasBody: boolean, extra: Record<string, string> = {}): Headers {
  const headers = new Headers({ ...extra, Accept: 'application/json' });
  if (hasBody) headers.set('Content-Type', 'application/json');
  if (WRITE_METHODS.has(method) && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  return headers;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  if (error && typeof error.code === 'string') {
    const details = typeof error.details === 'object' && error.details !== null ? error.details : {};
    return new ApiError(status, error.code, String(error.message ?? ''), details as Details);
  }
  return new ApiError(status, `http.${status}`, '');
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, hasBody, options.headers),
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', '');
  }
  const body = await readBody(response);
  if (response.ok) return body as T;
  const error = toApiError(response.status, body);
  if (response.status === 401 && !options.allowUnauthenticated) unauthorizedHandler?.();
  throw error;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
