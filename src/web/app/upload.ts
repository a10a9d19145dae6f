import { ApiError, buildUrl, currentCsrfToken, type QueryParams } from './api';

/**
 * POST a body that is not JSON — a file for an attachment, an .ics feed for holidays — as the raw
 * request body with its own Content-Type. Errors become the same ApiError as every other call.
 */
export async function postRaw<T>(
  path: string,
  query: QueryParams,
  body: Blob | string,
  contentType: string,
): Promise<T> {
  const headers = new Headers({ Accept: 'application/json', 'Content-Type': contentType });
  const csrf = currentCsrfToken();
  if (csrf) headers.set('X-CSRF-Token', csrf);
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body,
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const text = await response.text();
  const parsed = parseJson(text);
  if (response.ok) return parsed as T;
  throw errorFrom(response.status, parsed);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorFrom(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  if (!error || typeof error.code !== 'string') return new ApiError(status, `http.${status}`, '');
  const details =
    typeof error.details === 'object' && error.details !== null
      ? (error.details as Record<string, unknown>)
      : {};
  return new ApiError(status, error.code, String(error.message ?? ''), details);
}

/** The type a file declares, or a neutral one (the server stores and serves it safely either way). */
export function contentTypeOf(file: File): string {
  return file.type || 'application/octet-stream';
}
