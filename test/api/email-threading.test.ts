import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenUser, PASSWORD } from '../support/factories.js';
import { call, login } from '../support/http.js';
import { fixture, givenMailDesk, type MailDesk, postMail, ticketView } from '../support/mail.js';

/**
 * A whole conversation by mail: the requester's mail opens a ticket, agents answer in Tend, and
 * every later mail finds its ticket — by our Message-IDs, by an earlier mail's id, by the plus
 * address, by [T-…] in the subject — reopening it per the lifecycle, or flagged when the sender
 * may not write on it.
 */
let server: TestServer;
let desk: MailDesk;
let ticket: { id: string; number: string };
const ORIGINAL_ID = '5c1f2a90-7d3e-4f6b-9a51-2f0e8b3c6d11@acme.example';

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenMailDesk(server);
});
afterAll(async () => server?.close());

const ourId = (suffix: string) => `tend.${ticket.id}.${suffix}@tend.test`;
const values = (last: string) => ({
  NUMBER: ticket.number.slice(2),
  ROOT_ID: ORIGINAL_ID,
  LAST_ID: last,
  OUR_ID: last,
});

async function transition(status: string) {
  const response = await call(server.app, desk.agent, 'POST', `/api/v1/tickets/${ticket.id}/transition`, {
    status,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

function mail(from: string, subject: string, headers: string, body: string, id: string) {
  return Buffer.from(
    `From: ${from}\r\nTo: support@tend.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\n${headers}Content-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
  );
}

describe('a conversation by mail', () => {
  it('opens a ticket from the first mail', async () => {
    const response = await postMail(server, desk.inbound, fixture('plain-thunderbird.eml'));
    expect(response.body).toMatchObject({ action: 'created', reason: null });
    ticket = (await ticketView(server, desk.agent, response.body.ticketId)).ticket;
  });

  it('a reply to our answer (In-Reply-To our Message-ID) appends the visible text and reopens a pending ticket', async () => {
    await call(server.app, desk.agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      body: 'Please install the attached VPN profile and restart.',
      visibility: 'public',
    });
    await transition('pending_customer');
    const response = await postMail(
      server,
      desk.inbound,
      fixture('reply-gmail-quoted.eml', values(ourId('r1'))),
    );
    expect(response.body).toEqual({ action: 'appended', ticketId: ticket.id, reason: null });
    const view = await ticketView(server, desk.agent, ticket.id);
    expect(view.ticket.status).toBe('open');
    expect(view.messages.at(-1)).toMatchObject({
      authorId: desk.jane.id,
      visibility: 'public',
      channel: 'email',
      body: 'Thanks, the new profile works — no drop since this morning.\n\nJane',
    });
  });

  it('a reply found only by the ticket number in its subject reopens a resolved ticket (counted)', async () => {
    await transition('resolved');
    const response = await postMail(
      server,
      desk.inbound,
      fixture('reply-subject-tag-only.eml', values('none')),
    );
    expect(response.body).toEqual({ action: 'appended', ticketId: ticket.id, reason: null });
    const view = await ticketView(server, desk.agent, ticket.id);
    expect(view.ticket).toMatchObject({ status: 'open', reopenCount: 1 });
    expect(view.messages.at(-1).body).toBe('It dropped again this morning at 07:40.');
  });

  it('a reply that references only the requester’s first mail finds the ticket through it', async () => {
    const raw = mail(
      'Jane Doe <jane@acme.example>',
      'Re: VPN',
      `References: <${ORIGINAL_ID}>\r\n`,
      'Still fine today.',
      'ref-only.1@acme.example',
    );
    expect((await postMail(server, desk.inbound, raw)).body).toEqual({
      action: 'appended',
      ticketId: ticket.id,
      reason: null,
    });
  });

  it('a reply to the plus address (our Reply-To) finds the ticket without any header', async () => {
    const raw = Buffer.from(
      `From: jane@acme.example\r\nTo: Support <support+T-${ticket.number.slice(2)}@tend.test>\r\nSubject: one more thing\r\nMessage-ID: <plus.1@acme.example>\r\n\r\nAlso the printer.\r\n`,
    );
    expect((await postMail(server, desk.inbound, raw)).body).toEqual({
      action: 'appended',
      ticketId: ticket.id,
      reason: null,
    });
  });

  it('an agent answering by mail writes a public staff reply', async () => {
    const raw = mail(
      desk.agentUser.email,
      `Re: [T-${ticket.number.slice(2)}] VPN`,
      `In-Reply-To: <${ourId('r2')}>\r\n`,
      'Profile v2 is on the way.',
      'agent.mail.1@provider.example',
    );
    expect((await postMail(server, desk.inbound, raw)).body.action).toBe('appended');
    const last = (await ticketView(server, desk.agent, ticket.id)).messages.at(-1);
    expect(last).toMatchObject({
      authorId: desk.agentUser.id,
      visibility: 'public',
      body: 'Profile v2 is on the way.',
    });
  });

  it('an unknown sender on the thread: an internal note for the agents, the ticket flagged, the requester sees nothing', async () => {
    const before = (await ticketView(server, desk.agent, ticket.id)).ticket;
    const response = await postMail(
      server,
      desk.inbound,
      fixture('reply-from-unknown-colleague.eml', values(ourId('r3'))),
    );
    expect(response.body).toEqual({ action: 'appended', ticketId: ticket.id, reason: 'unknown_sender' });
    const view = await ticketView(server, desk.agent, ticket.id);
    const note = view.messages.at(-1);
    expect(note).toMatchObject({ visibility: 'internal', channel: 'email', authorId: null });
    expect(note.body).toContain('bob@elsewhere.example');
    expect(note.body).toContain('We see the same at our site');
    expect(view.ticket.tags).toContain('email-review');
    expect(view.ticket.status).toBe(before.status);
    const asJane = await ticketView(server, desk.janeCaller, ticket.id);
    expect(asJane.messages.map((message) => message.id)).not.toContain(note.id);
  });

  it('another tenant’s user naming the ticket number is an unknown sender too', async () => {
    const other = await call(server.app, desk.admin, 'POST', '/api/v1/organisations', {
      name: 'Other Co',
      domains: ['other.example'],
    });
    await givenUser(server.database.db, 'requester', other.body.id);
    const outsider = (
      await call(server.app, desk.admin, 'POST', '/api/v1/users', {
        organisationId: other.body.id,
        name: 'Olly',
        email: 'olly@other.example',
        role: 'requester',
        password: PASSWORD,
      })
    ).body;
    expect(outsider.id).toBeTruthy();
    const raw = mail(
      'olly@other.example',
      `[T-${ticket.number.slice(2)}] let me in`,
      '',
      'Hello?',
      'olly.1@other.example',
    );
    expect((await postMail(server, desk.inbound, raw)).body).toMatchObject({
      action: 'appended',
      reason: 'unknown_sender',
    });
    const asOlly = await login(server.app, 'olly@other.example', PASSWORD);
    expect((await call(server.app, asOlly, 'GET', `/api/v1/tickets/${ticket.id}`)).status).toBe(404);
  });

  it('mail to a merged ticket goes to the ticket it was merged into', async () => {
    const second = await postMail(
      server,
      desk.inbound,
      mail('Jane Doe <jane@acme.example>', 'VPN again', '', 'Duplicate report.', 'dup.1@acme.example'),
    );
    const merged = await call(
      server.app,
      desk.agent,
      'POST',
      `/api/v1/tickets/${second.body.ticketId}/merge`,
      { into: ticket.id },
    );
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const raw = mail(
      'Jane Doe <jane@acme.example>',
      'Re: VPN again',
      'In-Reply-To: <dup.1@acme.example>\r\n',
      'Any news?',
      'dup.2@acme.example',
    );
    expect((await postMail(server, desk.inbound, raw)).body).toEqual({
      action: 'appended',
      ticketId: ticket.id,
      reason: null,
    });
  });

  it('after the ticket is closed, the requester’s reply opens a new ticket', async () => {
    await transition('closed');
    const raw = mail(
      'Jane Doe <jane@acme.example>',
      `Re: [T-${ticket.number.slice(2)}] VPN`,
      `In-Reply-To: <${ourId('r4')}>\r\n`,
      'It is back!',
      'after.close.1@acme.example',
    );
    const response = await postMail(server, desk.inbound, raw);
    expect(response.body).toMatchObject({ action: 'created', reason: 'previous_ticket_closed' });
    expect(response.body.ticketId).not.toBe(ticket.id);
    const again = mail(
      'Jane Doe <jane@acme.example>',
      'Re: It is back',
      'In-Reply-To: <after.close.1@acme.example>\r\n',
      'Details follow.',
      'after.close.2@acme.example',
    );
    expect((await postMail(server, desk.inbound, again)).body).toMatchObject({
      action: 'appended',
      ticketId: response.body.ticketId,
    });
  });
});
