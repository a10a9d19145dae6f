import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { attachmentHelpers } from '../support/attachments.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { call } from '../support/http.js';

let server: TestServer;
let desk: Desk;

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenDesk(server);
});
afterAll(async () => server?.close());

const { open, upload, download } = attachmentHelpers(
  () => server,
  () => desk,
);

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
