import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { type Caller, call } from '../support/http.js';

let server: TestServer;
let desk: Desk;
const MB = 1024 * 1024;

beforeAll(async () => {
  server = await startTestServer({ env: { TEND_ATTACHMENT_MAX_MB: '1' } });
  desk = await givenDesk(server);
});
afterAll(async () => server?.close());

const open = async (caller: Caller = desk.callers.requester, extra: Record<string, unknown> = {}) =>
  (
    await call(server.app, caller, 'POST', '/api/v1/tickets', {
      subject: 'Screen flickers',
      description: 'See the photo.',
      ...extra,
    })
  ).body;

const upload = (
  caller: Caller,
  ref: string,
  data: Buffer | string,
  { fileName = 'photo.png', contentType = 'image/png', visibility = 'public' } = {},
) =>
  call(
    server.app,
    caller,
    'POST',
    `/api/v1/tickets/${ref}/attachments?fileName=${encodeURIComponent(fileName)}&visibility=${visibility}`,
    data,
    contentType ? { 'content-type': contentType } : {},
  );

const download = (caller: Caller, id: string, headers: Record<string, string> = {}) =>
  call(server.app, caller, 'GET', `/api/v1/attachments/${id}`, undefined, headers);

describe('uploading', () => {
  it('stores a file on a ticket and lists it; the download has safe headers and the exact bytes', async () => {
    const ticket = await open();
    const bytes = randomBytes(2048);
    const response = await upload(desk.callers.requester, ticket.number, bytes);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      ticketId: ticket.id,
      messageId: null,
      fileName: 'photo.png',
      contentType: 'image/png',
      size: 2048,
      visibility: 'public',
      uploadedBy: desk.requester.id,
      downloadUrl: `/api/v1/attachments/${response.body.id}`,
    });
    expect(response.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const list = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      `/api/v1/tickets/${ticket.id}/attachments`,
    );
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([response.body.id]);

    const file = await server.app.inject({
      method: 'GET',
      url: `/api/v1/attachments/${response.body.id}`,
      headers: { cookie: (desk.callers.agent1 as { cookie: string }).cookie },
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(bytes)).toBe(true);
    expect(file.headers).toMatchObject({
      'content-type': 'image/png',
      'content-disposition': `attachment; filename="photo.png"; filename*=UTF-8''photo.png`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, max-age=0',
      etag: `"${response.body.sha256}"`,
    });
    const again = await download(desk.callers.agent1, response.body.id, {
      'if-none-match': file.headers.etag as string,
    });
    expect(again.status).toBe(304);
  });

  it('serves unsafe types as octet-stream, whatever was declared', async () => {
    const ticket = await open();
    for (const contentType of ['text/html', 'image/svg+xml', 'application/javascript', '']) {
      const stored = await upload(desk.callers.requester, ticket.id, '<script>alert(1)</script>', {
        fileName: 'page.html',
        contentType,
      });
      expect(stored.status).toBe(201);
      expect(stored.body.contentType).toBe(contentType || 'application/octet-stream');
      const file = await download(desk.callers.requester, stored.body.id);
      expect(file.headers['content-type']).toBe('application/octet-stream');
      expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    }
  });

  it('takes a JSON file as bytes, not as a parsed body', async () => {
    const ticket = await open();
    const json = '{"a": 1}';
    const stored = await upload(desk.callers.requester, ticket.id, json, {
      fileName: 'config.json',
      contentType: 'application/json',
    });
    expect(stored.status).toBe(201);
    expect(stored.body.size).toBe(json.length);
    expect((await download(desk.callers.requester, stored.body.id)).body).toBe(json);
  });

  it('refuses a file over the limit with 413 naming the limit, and an empty body with 400', async () => {
    const ticket = await open();
    const tooBig = await upload(desk.callers.requester, ticket.id, Buffer.alloc(MB + 1, 1));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({ code: 'attachments.too_large', details: { maxBytes: MB } });
    expect(tooBig.body.error.message).toContain('1 MB');
    expect((await upload(desk.callers.requester, ticket.id, Buffer.alloc(MB, 1))).status).toBe(201);
    const empty = await upload(desk.callers.requester, ticket.id, '');
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.fields[0].path).toBe('body');
    const noType = await upload(desk.callers.requester, ticket.id, '', { contentType: '' });
    expect(noType.status).toBe(400);
    const noName = await call(
      server.app,
      desk.callers.requester,
      'POST',
      `/api/v1/tickets/${ticket.id}/attachments`,
      'x',
      {
        'content-type': 'text/plain',
      },
    );
    expect(noName.status).toBe(400);
    expect(noName.body.error.details.fields[0].path).toBe('query.fileName');
  });

  it('stops reading a streamed (chunked) upload at the limit over real HTTP', async () => {
    const ticket = await open();
    const caller = desk.callers.requester as { cookie: string; csrfToken: string };
    const chunk = new Uint8Array(256 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 8 * MB) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${server.url}/api/v1/tickets/${ticket.id}/attachments?fileName=big.bin`, {
      method: 'POST',
      headers: { cookie: caller.cookie, 'x-csrf-token': caller.csrfToken, 'content-type': 'application/zip' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('attachments.too_large');
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..', 'attachment'],
    ['CON.txt', '_CON.txt'],
    ['.env', 'env'],
    [`${'x'.repeat(300)}.txt`, `${'x'.repeat(196)}.txt`],
    ['say "hi"\nplease.txt', 'say _hi_ please.txt'],
    ['C:\\Users\\me\\notes.txt', 'notes.txt'],
    ['😀 party.png', '😀 party.png'],
  ])('stores the name %j as %j', async (raw, expected) => {
    const ticket = await open();
    const stored = await upload(desk.callers.requester, ticket.id, 'content', {
      fileName: raw,
      contentType: 'text/plain',
    });
    expect(stored.status).toBe(201);
    expect(stored.body.fileName).toBe(expected);
    const file = await download(desk.callers.requester, stored.body.id);
    const disposition = file.headers['content-disposition'] as string;
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(expected).replace(/'/g, '%27')}`);
    expect(disposition).not.toMatch(/[\r\n]/);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; /);
  });

  it('keeps one blob for identical content, however often and wherever it is attached', async () => {
    const bytes = randomBytes(4096);
    const [first, second] = [await open(), await open(desk.callers.colleague)];
    const a = await upload(desk.callers.requester, first.id, bytes, { fileName: 'a.bin' });
    const b = await upload(desk.callers.colleague, second.id, bytes, { fileName: 'b.bin' });
    expect(a.body.sha256).toBe(b.body.sha256);
    expect(a.body.id).not.toBe(b.body.id);
    const { rows } = await server.database.pool.query(
      'select count(*)::int as n from blobs where sha256 = $1',
      [a.body.sha256],
    );
    expect(rows[0].n).toBe(1);
    expect((await download(desk.callers.colleague, b.body.id)).status).toBe(200);
    expect((await download(desk.callers.colleague, a.body.id)).status).toBe(404);
  });

  it('records history, an audit entry and an event with the metadata only', async () => {
    const ticket = await open();
    const stored = await upload(desk.callers.requester, ticket.id, 'SECRET-CONTENT', {
      contentType: 'text/plain',
    });
    const history = await call(
      server.app,
      desk.callers.requester,
      'GET',
      `/api/v1/tickets/${ticket.id}/history`,
    );
    expect(history.body.items.at(-1)).toMatchObject({
      kind: 'attachment',
      data: { attachmentId: stored.body.id, fileName: 'photo.png' },
    });
    const { rows: events } = await server.database.pool.query(
      `select payload from outbox_events where aggregate_id = $1 and type = 'ticket.updated'`,
      [ticket.id],
    );
    expect(events.map((event) => event.payload.attachment?.id)).toContain(stored.body.id);
    expect(JSON.stringify(events)).not.toContain('SECRET-CONTENT');
    const { rows: audit } = await server.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'ticket.attachment_added' and entity_id = $1`,
      [ticket.id],
    );
    expect(audit[0].n).toBe(1);
  });

  it('refuses uploads to a closed ticket', async () => {
    const ticket = await open();
    await call(server.app, desk.callers.requester, 'POST', `/api/v1/tickets/${ticket.id}/transition`, {
      status: 'closed',
    });
    const response = await upload(desk.callers.requester, ticket.id, 'late');
    expect(response.status).toBe(422);
  });
});

describe('who sees which attachments', () => {
  it('never shows internal attachments to customers (list and download 404), nor lets them upload one', async () => {
    const ticket = await open();
    const internal = await upload(desk.callers.agent1, ticket.id, 'internal analysis', {
      fileName: 'analysis.txt',
      contentType: 'text/plain',
      visibility: 'internal',
    });
    expect(internal.status).toBe(201);
    const shared = await upload(desk.callers.agent1, ticket.id, 'for you', { fileName: 'howto.txt' });
    for (const caller of [desk.callers.requester, desk.callers.manager]) {
      const list = await call(server.app, caller, 'GET', `/api/v1/tickets/${ticket.id}/attachments`);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([shared.body.id]);
      expect((await download(caller, internal.body.id)).status).toBe(404);
      expect((await download(caller, shared.body.id)).status).toBe(200);
    }
    const staff = await call(
      server.app,
      desk.callers.agent2,
      'GET',
      `/api/v1/tickets/${ticket.id}/attachments`,
    );
    expect(staff.body.items).toHaveLength(2);
    expect((await download(desk.callers.agent2, internal.body.id)).status).toBe(200);
    const byRequester = await upload(desk.callers.requester, ticket.id, 'x', { visibility: 'internal' });
    expect(byRequester.status).toBe(403);
    const history = await call(
      server.app,
      desk.callers.requester,
      'GET',
      `/api/v1/tickets/${ticket.id}/history`,
    );
    expect(JSON.stringify(history.body)).not.toContain(internal.body.id);
  });

  it('hides attachments across tenants and from other requesters: 404 everywhere', async () => {
    const ticket = await open();
    const stored = await upload(desk.callers.requester, ticket.id, 'private');
    for (const caller of [desk.callers.requesterB, desk.callers.outsider, desk.callers.colleague]) {
      expect((await download(caller, stored.body.id)).status).toBe(404);
      expect((await call(server.app, caller, 'GET', `/api/v1/tickets/${ticket.id}/attachments`)).status).toBe(
        404,
      );
      expect((await upload(caller, ticket.id, 'intrusion')).status).toBe(404);
    }
    expect((await download(null, stored.body.id)).status).toBe(401);
    expect((await download(desk.callers.admin, stored.body.id)).status).toBe(200);
    expect((await download(desk.callers.requester, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await download(desk.callers.requester, 'not-an-id')).status).toBe(400);
  });
});

describe('attachments sent with messages', () => {
  it('links the sender’s unsent attachments of that ticket to the message', async () => {
    const ticket = await open();
    const photo = await upload(desk.callers.requester, ticket.id, 'p1', { fileName: 'one.png' });
    const reply = await call(
      server.app,
      desk.callers.requester,
      'POST',
      `/api/v1/tickets/${ticket.id}/messages`,
      {
        body: 'Photo attached',
        attachmentIds: [photo.body.id],
      },
    );
    expect(reply.status).toBe(201);
    expect(reply.body.attachmentIds).toEqual([photo.body.id]);
    const messages = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      `/api/v1/tickets/${ticket.id}/messages`,
    );
    expect(messages.body.items[0].attachmentIds).toEqual([photo.body.id]);
    const list = await call(
      server.app,
      desk.callers.agent1,
      'GET',
      `/api/v1/tickets/${ticket.id}/attachments`,
    );
    expect(list.body.items[0].messageId).toBe(reply.body.id);
    const twice = await call(
      server.app,
      desk.callers.requester,
      'POST',
      `/api/v1/tickets/${ticket.id}/messages`,
      {
        body: 'Again',
        attachmentIds: [photo.body.id],
      },
    );
    expect(twice.status).toBe(400);
    expect(twice.body.error.details.fields[0].path).toBe('body.attachmentIds.0');
  });

  it('refuses someone else’s, another ticket’s, or a public file on an internal note', async () => {
    const ticket = await open();
    const other = await open();
    const mine = await upload(desk.callers.agent1, ticket.id, 'a', { fileName: 'a.txt' });
    const elsewhere = await upload(desk.callers.agent1, other.id, 'b', { fileName: 'b.txt' });
    const theirs = await upload(desk.callers.requester, ticket.id, 'c', { fileName: 'c.txt' });
    const send = (body: Record<string, unknown>) =>
      call(server.app, desk.callers.agent1, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
        body: 'x',
        ...body,
      });
    const wrong = await send({ attachmentIds: [elsewhere.body.id, theirs.body.id] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields.map((field: { path: string }) => field.path)).toEqual([
      'body.attachmentIds.0',
      'body.attachmentIds.1',
    ]);
    const note = await send({ visibility: 'internal', attachmentIds: [mine.body.id] });
    expect(note.status).toBe(400);
    expect(note.body.error.message).toContain('public');
    expect((await send({ attachmentIds: [mine.body.id, mine.body.id] })).status).toBe(400);
    const secret = await upload(desk.callers.agent1, ticket.id, 'd', {
      fileName: 'd.txt',
      visibility: 'internal',
    });
    const ok = await send({ visibility: 'internal', attachmentIds: [secret.body.id] });
    expect(ok.status).toBe(201);
    const forRequester = await call(
      server.app,
      desk.callers.requester,
      'GET',
      `/api/v1/tickets/${ticket.id}/messages`,
    );
    expect(JSON.stringify(forRequester.body)).not.toContain(secret.body.id);
  });
});
