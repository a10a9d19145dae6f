/** What one HTTP attempt came to: 2xx is success, anything else (or no answer) a failure. */
export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const SNIPPET_CHARS = 300;

/** The start of a response body, for the log; the rest is discarded unread. */
async function snippetOf(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < SNIPPET_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined); // the connection is done with either way
  }
  return text.slice(0, SNIPPET_CHARS).replace(/\s+/g, ' ').trim();
}

async function describeFailure(response: Response): Promise<string> {
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    const location = response.headers.get('location');
    return `redirect (HTTP ${response.status}${location ? ` to ${location}` : ''}) not followed`;
  }
  const snippet = await snippetOf(response);
  return `HTTP ${response.status}${snippet ? `: ${snippet}` : ''}`;
}

function describeError(error: unknown, timeoutMs: number): string {
  const named = error as { name?: string; message?: string; cause?: { message?: string; code?: string } };
  if (named.name === 'TimeoutError' || named.name === 'AbortError')
    return `no response within ${timeoutMs / 1000} s`;
  return named.cause?.message ?? named.message ?? String(error);
}

/**
 * POST a body with Node's fetch: a timeout over the whole exchange, redirects never followed
 * (a 3xx is a failure: the receiver must be configured with its final URL).
 */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel();
      return { ok: true, statusCode: response.status, error: null, durationMs: elapsed() };
    }
    const error = await describeFailure(response);
    return { ok: false, statusCode: response.status, error, durationMs: elapsed() };
  } catch (error) {
    return { ok: false, statusCode: null, error: describeError(error, timeoutMs), durationMs: elapsed() };
  }
}
