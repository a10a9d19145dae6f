// Live-update clients for bench:cluster: an SSE stream (GET /api/v1/live) per server, each
// recording which outbox event ids reached it and how long after the event's time. Reconnects
// with Last-Event-ID if the stream drops, like a browser would.

export interface LiveClient {
  name: string;
  /** Event ids received (each once, however often replays repeat it). */
  ids: Set<number>;
  /** Milliseconds from an event's time (when its request began) to its arrival here. */
  delaysMs: number[];
  reconnects: number;
  resyncs: number;
  close(): void;
}

interface Block {
  event: string;
  id: string | null;
  data: string;
}

function parseBlock(block: string): Block {
  let event = 'message';
  let id: string | null = null;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  return { event, id, data: data.join('\n') };
}

/** Connect and resolve once the stream says `ready` (subscribed: nothing after this is missed). */
export async function connectLiveClient(name: string, baseUrl: string, token: string): Promise<LiveClient> {
  const client: LiveClient = {
    name,
    ids: new Set(),
    delaysMs: [],
    reconnects: -1,
    resyncs: 0,
    close: () => {},
  };
  const abort = new AbortController();
  let lastId: string | null = null;
  let closed = false;
  client.close = () => {
    closed = true;
    abort.abort();
  };
  const handle = (block: Block, onReady: () => void) => {
    if (block.id) lastId = block.id;
    if (block.event === 'ready') onReady();
    else if (block.event === 'resync') client.resyncs++;
    else if (block.event === 'change') {
      const change = JSON.parse(block.data) as { id: number; at: string };
      if (client.ids.has(change.id)) return;
      client.ids.add(change.id);
      client.delaysMs.push(Date.now() - Date.parse(change.at));
    }
  };
  const run = async (onReady: () => void) => {
    client.reconnects++;
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
    if (lastId) headers['last-event-id'] = lastId;
    const response = await fetch(`${baseUrl}/api/v1/live`, { headers, signal: abort.signal });
    if (response.status !== 200) throw new Error(`${name}: GET /api/v1/live answered ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        handle(parseBlock(buffer.slice(0, end)), onReady);
        buffer = buffer.slice(end + 2);
      }
    }
  };
  await new Promise<void>((resolve, reject) => {
    let readyOnce = false;
    const onReady = () => {
      readyOnce = true;
      resolve();
    };
    const loop = async () => {
      while (!closed) {
        try {
          await run(onReady);
        } catch (error) {
          if (closed) return;
          if (!readyOnce) return reject(error);
        }
        if (!closed) await new Promise((done) => setTimeout(done, 500));
      }
    };
    void loop();
  });
  return client;
}

/** Sorted-percentile of a list of numbers (0 when empty). */
export function percentile(values: number[], share: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

/**
 * Wait (up to `waitMs`) until every ticket event written after `fromId` is in every client's set,
 * then close the clients and say what reached which.
 */
export async function liveReport(
  pool: { query: <R>(text: string, values?: unknown[]) => Promise<{ rows: R[] }> },
  clients: LiveClient[],
  fromId: number,
  waitMs = 10_000,
) {
  const { rows } = await pool.query<{ id: number | string }>(
    `select id from outbox_events where id > $1 and aggregate_type = 'ticket' order by id`,
    [fromId],
  );
  const expected = rows.map((row) => Number(row.id));
  const missingFrom = (client: LiveClient) => expected.filter((id) => !client.ids.has(id));
  for (const deadline = Date.now() + waitMs; Date.now() < deadline; ) {
    if (clients.every((client) => missingFrom(client).length === 0)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  for (const client of clients) client.close();
  const report = clients.map((client) => {
    const missing = missingFrom(client);
    return {
      name: client.name,
      received: expected.length - missing.length,
      missing: missing.length,
      firstMissing: missing.slice(0, 10),
      reconnects: client.reconnects,
      resyncs: client.resyncs,
      delayMs: {
        p50: percentile(client.delaysMs, 0.5),
        p99: percentile(client.delaysMs, 0.99),
        max: percentile(client.delaysMs, 1),
      },
    };
  });
  return {
    events: expected.length,
    clients: report,
    complete: expected.length > 0 && report.every((client) => client.missing === 0),
  };
}
