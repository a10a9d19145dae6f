import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { attachmentHelpers } from '../support/attachments.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { call } from '../support/http.js';

let server: TestServer;
let desk: Desk;
const MB = 1024 * 1024;

beforeAll(async () => {
  server = await startTestServer({ env: { TEND_ATTACHMENT_MAX_MB: '1' } });
  desk = await givenDesk(server);
});
afterAll(async () => server?.close());

const { open, upload, download } = attachmentHelpers(
  () => server,
  () => desk,
);

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
