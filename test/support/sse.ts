import type { Caller } from './http.js';

/** One Server-Sent Event as a browser's EventSource would see it. */
export interface SseEvent {
  event: string;
  id: string | null;
  data: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** Every event received so far (comments such as heartbeats left out). */
  events: SseEvent[];
  /** `change` events' data, parsed. */
  changes(): {
    id: number;
    type: string;
    entity: { kind: string; id: string; number: string | null };
    byYou: boolean;
  }[];
  /** The first event (from the start) that matches, waiting for it up to `timeoutMs`. */
  waitFor(match: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** The stream ended (closed by the server, or by close()). */
  readonly ended: boolean;
  close(): void;
}

/** Split a chunk of the stream into events (the text/event-stream format, LF line endings). */
function parseBlock(block: string): SseEvent | null {
  let event = 'message';
  let id: string | null = null;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  return data.length || event !== 'message' ? { event, id, data: data.join('\n') } : null;
}

/**
 * Open GET `path` on a real server as an event stream (fetch over a socket: inject cannot stream).
 * Resolves once the response headers are in; the events gather in `events` as they come.
 */
export async function openSse(
  baseUrl: string,
  caller: Caller,
  options: { path?: string; lastEventId?: string } = {},
): Promise<SseStream> {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (caller && 'cookie' in caller) headers.cookie = caller.cookie;
  if (caller && 'token' in caller) headers.authorization = `Bearer ${caller.token}`;
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}${options.path ?? '/api/v1/live'}`, {
    headers,
    signal: abort.signal,
  });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const parsed = parseBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (parsed) events.push(parsed);
          end = buffer.indexOf('\n\n');
        }
        notify();
      }
    } catch {
      // Aborted by close(), or the server went away: either way the stream has ended.
    }
    ended = true;
    notify();
  })();
  return {
    status: response.status,
    headers: response.headers,
    events,
    changes: () => events.filter((event) => event.event === 'change').map((event) => JSON.parse(event.data)),
    get ended() {
      return ended;
    },
    waitFor(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found || ended || Date.now() > deadline) {
            waiters.delete(check);
            clearTimeout(timer);
            if (found) resolve(found);
            else
              reject(
                new Error(
                  `no matching event within ${timeoutMs} ms (ended: ${ended}); got ${JSON.stringify(events)}`,
                ),
              );
          }
        };
        const deadline = Date.now() + timeoutMs;
        const timer = setTimeout(check, timeoutMs + 1);
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}

/** A live-updates stream that is subscribed and hearing the database (ready, and resynced if it was not yet). */
export async function openLive(
  baseUrl: string,
  caller: Caller,
  options: { lastEventId?: string } = {},
): Promise<SseStream> {
  const stream = await openSse(baseUrl, caller, options);
  if (stream.status !== 200) return stream;
  const ready = JSON.parse((await stream.waitFor((event) => event.event === 'ready')).data);
  if (!ready.listening) await stream.waitFor((event) => event.event === 'resync', 10_000);
  return stream;
}
