import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpListener, startSmtpListener } from '../../src/features/channels/index.js';
import { inboundDeps } from '../../src/main/channel-wiring.js';
import { silentLogger } from '../../src/platform/logger.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { call } from '../support/http.js';
import { FIXTURES, fixture, givenMailDesk, type MailDesk } from '../support/mail.js';
import { eventually } from '../support/webhooks.js';

/**
 * The built-in SMTP listener, fed by a real SMTP client (nodemailer) over loopback, with STARTTLS
 * from a certificate made for the test.
 */
let server: TestServer;
let desk: MailDesk;
let listener: SmtpListener;
let certDir: string;
const MAX_BYTES = 2 * 1024 * 1024;

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenMailDesk(server);
  certDir = mkdtempSync(join(tmpdir(), 'tend-smtp-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-keyout',
      join(certDir, 'key.pem'),
      '-out',
      join(certDir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const deps = inboundDeps({
    config: server.config,
    database: server.database,
    clock: server.clock,
    log: silentLogger(),
  });
  listener = await startSmtpListener(deps, {
    host: '127.0.0.1',
    port: 0,
    maxBytes: MAX_BYTES,
    tls: { cert: readFileSync(join(certDir, 'cert.pem')), key: readFileSync(join(certDir, 'key.pem')) },
  });
});
afterAll(async () => {
  await listener?.close();
  await server?.close();
  rmSync(certDir, { recursive: true, force: true });
});

function client() {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port: listener.port,
    secure: false,
    requireTLS: true,
    tls: { rejectUnauthorized: false },
  });
}

async function send(raw: Buffer, to: string[] = ['support@tend.test'], from = 'jane@acme.example') {
  const transport = client();
  try {
    return await transport.sendMail({ envelope: { from, to }, raw });
  } finally {
    transport.close();
  }
}

async function stored(messageId: string) {
  const { rows } = await server.database.pool.query(
    `select m.status, m.route, m.ticket_id, m.envelope_from, b.data from inbound_messages m join blobs b on b.sha256 = m.blob_sha256 where m.message_id = $1`,
    [messageId],
  );
  return rows;
}

const crlf = (buffer: Buffer) => buffer.toString('latin1').replace(/\r?\n/g, '\r\n');

describe('the SMTP listener', () => {
  it('takes mail over STARTTLS, stores it before answering 250, and makes the ticket', async () => {
    const info = await send(fixture('plain-thunderbird.eml'));
    expect(info.accepted).toEqual(['support@tend.test']);
    // The 250 came after the commit: the raw message is there already, whatever the processing.
    const id = '5c1f2a90-7d3e-4f6b-9a51-2f0e8b3c6d11@acme.example';
    const rows = await stored(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ route: 'smtp', envelope_from: 'jane@acme.example' });
    expect(crlf(rows[0].data)).toBe(crlf(fixture('plain-thunderbird.eml')));
    const processed = await eventually(
      () => stored(id),
      (rows) => rows[0]?.status === 'created',
    );
    const ticket = await call(server.app, desk.agent, 'GET', `/api/v1/tickets/${processed[0].ticket_id}`);
    expect(ticket.body).toMatchObject({ requesterId: desk.jane.id, channel: 'email' });
  });

  it('carries the whole corpus byte for byte (line ends aside), and processes each message', async () => {
    const names = readdirSync(FIXTURES).filter(
      (name) => name.endsWith('.eml') && !fixture(name).includes('{{'),
    );
    for (const name of names) await send(fixture(name));
    const { rows } = await server.database.pool.query(
      `select m.status, b.data from inbound_messages m join blobs b on b.sha256 = m.blob_sha256 where m.route = 'smtp'`,
    );
    expect(rows.length).toBe(names.length);
    for (const name of names.filter((entry) => !entry.startsWith('garbage')))
      expect(
        rows.some((row) => crlf(row.data) === crlf(fixture(name))),
        name,
      ).toBe(true);
    await eventually(
      async () =>
        (
          await server.database.pool.query(
            `select count(*)::int as n from inbound_messages where status = 'received'`,
          )
        ).rows[0].n,
      (pending) => pending === 0,
      20_000,
    );
  });

  it('refuses recipients that are not mailboxes; accepts plus addresses; splits a mixed envelope', async () => {
    await expect(send(fixture('unknown-domain-sender.eml'), ['nobody@tend.test'])).rejects.toMatchObject({
      responseCode: 550,
    });
    const raw = Buffer.from(
      'From: jane@acme.example\r\nSubject: plus\r\nMessage-ID: <smtp.plus.1@acme.example>\r\n\r\nHi\r\n',
    );
    const info = await send(raw, ['support+T-1@tend.test', 'nobody@tend.test']);
    expect(info.accepted).toEqual(['support+T-1@tend.test']);
    expect(info.rejected).toEqual(['nobody@tend.test']);
  });

  it('refuses a mailbox whose SMTP route is off', async () => {
    const mailbox = await call(
      server.app,
      desk.admin,
      'PATCH',
      `/api/v1/channels/email/mailboxes/${desk.mailbox.id}`,
      { smtp: false },
    );
    expect(mailbox.status).toBe(200);
    try {
      await expect(send(fixture('unknown-domain-sender.eml'))).rejects.toMatchObject({ responseCode: 550 });
    } finally {
      await call(server.app, desk.admin, 'PATCH', `/api/v1/channels/email/mailboxes/${desk.mailbox.id}`, {
        smtp: true,
      });
    }
  });

  it('refuses a message over the size limit with 552 and stores nothing of it', async () => {
    const big = Buffer.concat([
      Buffer.from(
        'From: jane@acme.example\r\nSubject: Too big\r\nMessage-ID: <too.big@acme.example>\r\n\r\n',
      ),
      Buffer.from(`${'x'.repeat(76)}\r\n`.repeat(Math.ceil((MAX_BYTES + 1000) / 78))),
    ]);
    await expect(send(big)).rejects.toMatchObject({ responseCode: 552 });
    expect(await stored('too.big@acme.example')).toHaveLength(0);
  });

  it('a message delivered twice (the sender missed our 250) is processed once', async () => {
    const raw = Buffer.from(
      'From: jane@acme.example\r\nSubject: Twice by SMTP\r\nMessage-ID: <smtp.twice.1@acme.example>\r\n\r\nHi\r\n',
    );
    await send(raw);
    await send(raw);
    const rows = await eventually(
      () => stored('smtp.twice.1@acme.example'),
      (found) => found[0]?.status === 'created',
    );
    expect(rows).toHaveLength(1);
    const { rows: tickets } = await server.database.pool.query(
      `select count(*)::int as n from tickets where subject = 'Twice by SMTP'`,
    );
    expect(tickets[0].n).toBe(1);
  });
});
