import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEvent } from '../../src/features/outbox/index.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { givenUser, PASSWORD } from '../support/factories.js';
import { call, login } from '../support/http.js';
import { fixture, givenMailDesk, type MailDesk, postMail } from '../support/mail.js';
import { type Mta, startMta } from '../support/mta.js';
import { settle } from '../support/webhooks.js';

/**
 * Mail Tend sends about tickets, through the worker's queued mail job and nodemailer to a receiving
 * MTA on loopback (smtp-server): what, to whom, in which language, threaded so that clients group
 * it and answers find the ticket again.
 */
let mta: Mta;
let server: TestServer;
let desk: MailDesk;
let ticket: { id: string; number: string };
const JANE = 'jane@acme.example';
const ORIGINAL = '<5c1f2a90-7d3e-4f6b-9a51-2f0e8b3c6d11@acme.example>';

beforeAll(async () => {
  mta = await startMta();
  server = await startTestServer({
    worker: true,
    env: { TEND_SMTP_URL: mta.url, TEND_MAIL_FROM: 'Tend Support <support@tend.test>' },
  });
  desk = await givenMailDesk(server);
});
afterAll(async () => {
  await server?.close();
  await mta?.close();
});

describe('a ticket’s mail', () => {
  it('acknowledges a mailed request in its thread, with a Reply-To that leads back to the ticket', async () => {
    const opened = await postMail(server, desk.inbound, fixture('plain-thunderbird.eml'));
    ticket = (await call(server.app, desk.agent, 'GET', `/api/v1/tickets/${opened.body.ticketId}`)).body;
    const [ack] = await mta.waitFor(JANE);
    expect(ack!.parsed.subject).toBe(
      `[${ticket.number}] We received your request: VPN drops every 20 minutes`,
    );
    expect(ack!.parsed.messageId).toMatch(new RegExp(`^<tend\\.${ticket.id}\\.e\\d+\\.0@tend\\.test>$`));
    expect(ack!.parsed.inReplyTo).toBe(ORIGINAL);
    expect(ack!.parsed.references).toEqual(ORIGINAL);
    expect(ack!.parsed.replyTo?.text).toBe(`support+${ticket.number}@tend.test`);
    expect(ack!.header('auto-submitted')).toBe('auto-generated');
    expect(ack!.parsed.text).toMatch(/^##- Please type your reply above this line -##/);
  });

  it('sends the agent’s public reply — never an internal note — and threads the answer back in', async () => {
    await call(server.app, desk.agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      body: 'TOP SECRET: the customer is on the naughty list',
      visibility: 'internal',
    });
    await call(server.app, desk.agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      body: 'Please install VPN profile v2 and restart.',
      visibility: 'public',
    });
    const mails = await mta.waitFor(JANE, 2);
    await settle(500);
    const all = mta.received.filter((mail) => mail.to.includes(JANE));
    expect(all).toHaveLength(2);
    const reply = all[1]!;
    expect(reply.parsed.subject).toBe(`Re: [${ticket.number}] VPN drops every 20 minutes`);
    expect(reply.parsed.text).toContain('Please install VPN profile v2 and restart.');
    for (const mail of mta.received) expect(mail.raw.toString()).not.toContain('TOP SECRET');
    expect(reply.parsed.references).toEqual(ORIGINAL);

    // Jane answers from her client: In-Reply-To is our reply's Message-ID, the quote below the marker.
    const answer = Buffer.from(
      [
        `From: Jane Doe <${JANE}>`,
        `To: ${reply.parsed.replyTo?.text}`,
        `Subject: Re: ${reply.parsed.subject}`,
        'Message-ID: <jane.answer.1@acme.example>',
        `In-Reply-To: ${reply.parsed.messageId}`,
        `References: ${ORIGINAL} ${reply.parsed.messageId}`,
        '',
        'Done, works now.',
        '',
        `On Tue, Jane wrote:`,
        `> ${reply.parsed.text?.split('\n')[0]}`,
        '',
      ].join('\r\n'),
    );
    expect((await postMail(server, desk.inbound, answer)).body).toEqual({
      action: 'appended',
      ticketId: ticket.id,
      reason: null,
    });
    const messages = (await call(server.app, desk.agent, 'GET', `/api/v1/tickets/${ticket.id}/messages`)).body
      .items;
    expect(messages.at(-1)).toMatchObject({ authorId: desk.jane.id, body: 'Done, works now.' });
    await settle(700);
    expect(mta.received.filter((mail) => mail.to.includes(JANE))).toHaveLength(mails.length);
  });

  it('tells the requester when the ticket waits for them and when it is resolved', async () => {
    await call(server.app, desk.agent, 'POST', `/api/v1/tickets/${ticket.id}/transition`, {
      status: 'pending_customer',
    });
    await call(server.app, desk.agent, 'POST', `/api/v1/tickets/${ticket.id}/transition`, {
      status: 'resolved',
    });
    const mails = (await mta.waitFor(JANE, 4)).slice(2); // queued mail may arrive in any order
    const bySubject = new Map(mails.map((mail) => [mail.parsed.subject, mail]));
    expect(bySubject.has(`[${ticket.number}] We need information from you: VPN drops every 20 minutes`)).toBe(
      true,
    );
    const resolved = bySubject.get(`[${ticket.number}] Resolved: VPN drops every 20 minutes`);
    expect(resolved!.parsed.text).toContain('within 7 days');
    expect(resolved!.parsed.inReplyTo).toBe('<jane.answer.1@acme.example>');
  });

  it('tells an agent about an assignment and an SLA warning', async () => {
    const agent2 = await givenUser(server.database.db, 'agent', desk.agentUser.organisationId);
    await server.database.pool.query('insert into team_members (team_id, user_id) values ($1, $2)', [
      desk.team.id,
      agent2.id,
    ]);
    const reopened = await call(
      server.app,
      desk.janeCaller,
      'POST',
      `/api/v1/tickets/${ticket.id}/transition`,
      { status: 'open' },
    );
    expect(reopened.status).toBe(200);
    const assigned = await call(server.app, desk.admin, 'POST', `/api/v1/tickets/${ticket.id}/assign`, {
      assigneeId: agent2.id,
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const [mail] = await mta.waitFor(agent2.email);
    expect(mail!.parsed.subject).toBe(`[${ticket.number}] Assigned to you: VPN drops every 20 minutes`);
    // What the SLA checker publishes when a warning threshold is reached.
    await server.database.db.transaction((tx) =>
      publishEvent(
        tx,
        { actor: SYSTEM_ACTOR, requestId: null, now: new Date() },
        {
          type: 'ticket.sla_warning',
          aggregateType: 'ticket',
          aggregateId: ticket.id,
          organisationId: desk.acme.id,
          payload: {
            ticketId: ticket.id,
            number: ticket.number,
            target: 'next_response',
            dueAt: '2030-03-05T12:00:00.000Z',
            priority: 'P3',
          },
        },
      ),
    );
    const [, warning] = await mta.waitFor(agent2.email, 2);
    expect(warning!.parsed.subject).toBe(`[${ticket.number}] SLA warning: VPN drops every 20 minutes`);
    expect(warning!.parsed.text).toContain('next response due 2030-03-05T12:00:00.000Z');
  });

  it('gives no automatic answer to a sender who asked for none', async () => {
    const raw = Buffer.from(
      'From: robot@acme.example\r\nTo: support@tend.test\r\nSubject: Disk almost full\r\nMessage-ID: <robot.1@acme.example>\r\nX-Auto-Response-Suppress: All\r\n\r\nDisk at 95 %.\r\n',
    );
    expect((await postMail(server, desk.inbound, raw)).body.action).toBe('created');
    const noreply = Buffer.from(
      'From: no-reply@acme.example\r\nTo: support@tend.test\r\nSubject: Job failed\r\nMessage-ID: <noreply.1@acme.example>\r\n\r\nJob failed.\r\n',
    );
    expect((await postMail(server, desk.inbound, noreply)).body.action).toBe('created');
    const forged = fixture('dmarc-fail-spoofed.eml')
      .toString('latin1')
      .replaceAll('jane@acme.example', 'victim@acme.example');
    expect((await postMail(server, desk.inbound, Buffer.from(forged, 'latin1'))).body).toMatchObject({
      action: 'created',
      reason: 'sender_unverified',
    });
    await settle(1500);
    const silent = ['robot@acme.example', 'no-reply@acme.example', 'victim@acme.example'];
    expect(mta.received.filter((mail) => mail.to.some((to) => silent.includes(to)))).toEqual([]);
  });

  it('writes in the mailbox’s language; portal tickets thread under their own root id', async () => {
    await call(server.app, desk.admin, 'PATCH', `/api/v1/channels/email/mailboxes/${desk.mailbox.id}`, {
      language: 'de',
    });
    const raw = Buffer.from(
      'From: Jürgen <juergen@acme.example>\r\nTo: support@tend.test\r\nSubject: Drucker\r\nMessage-ID: <de.1@acme.example>\r\n\r\nKaputt.\r\n',
    );
    const opened = await postMail(server, desk.inbound, raw);
    const german = (await call(server.app, desk.agent, 'GET', `/api/v1/tickets/${opened.body.ticketId}`))
      .body;
    const [mail] = await mta.waitFor('juergen@acme.example');
    expect(mail!.parsed.subject).toBe(`[${german.number}] Ihre Anfrage ist eingegangen: Drucker`);

    const colleague = await givenUser(server.database.db, 'requester', desk.acme.id);
    const caller = await login(server.app, colleague.email, PASSWORD);
    const portal = await call(server.app, caller, 'POST', '/api/v1/tickets', {
      subject: 'From the portal',
      description: 'Hi',
    });
    const [ack] = await mta.waitFor(colleague.email);
    expect(ack!.parsed.subject).toBe(`[${portal.body.number}] We received your request: From the portal`);
    expect(ack!.parsed.inReplyTo).toBe(`<tend.${portal.body.id}.ticket@tend.test>`);
    expect(ack!.parsed.replyTo).toBeUndefined();
  });
});
