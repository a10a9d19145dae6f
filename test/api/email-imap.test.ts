import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapConnector, ImapSession } from '../../src/features/channels/index.js';
import { pollImapMailboxes } from '../../src/features/channels/index.js';
import { inboundDeps } from '../../src/main/channel-wiring.js';
import { silentLogger } from '../../src/platform/logger.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { call } from '../support/http.js';
import { fixture, givenMailDesk, type MailDesk } from '../support/mail.js';

/**
 * IMAP polling against an in-memory mailbox behind the poller's session interface (the imapflow
 * adapter is a thin layer over it): what is stored is marked, what is marked is not taken again,
 * a crash between the two is harmless, and a failing mailbox records why.
 */
interface FakeMessage {
  uid: number;
  raw: Buffer;
  flags: Set<string>;
  folder: string;
}

function fakeServer() {
  const messages: FakeMessage[] = [];
  let failNextMark = false;
  let refuse: string | null = null;
  const connector: ImapConnector = async (settings) => {
    if (refuse) throw new Error(refuse);
    const inFolder = () => messages.filter((message) => message.folder === settings.folder);
    const session: ImapSession = {
      async pending(limit) {
        return inFolder()
          .filter((message) => (settings.after === 'flag' ? !message.flags.has('$Tend') : true))
          .filter((message) => !message.flags.has('$TendTooLarge'))
          .slice(0, limit)
          .map((message) => ({ uid: message.uid, size: message.raw.length }));
      },
      async source(uid) {
        return inFolder().find((message) => message.uid === uid)?.raw ?? null;
      },
      async markTaken(uid) {
        if (failNextMark) {
          failNextMark = false;
          throw new Error('connection reset');
        }
        const message = messages.find((entry) => entry.uid === uid)!;
        if (settings.after === 'move') message.folder = settings.moveTo!;
        else for (const flag of ['\\Seen', '$Tend']) message.flags.add(flag);
      },
      async markTooLarge(uid) {
        messages.find((entry) => entry.uid === uid)!.flags.add('$TendTooLarge');
      },
      async close() {},
    };
    return session;
  };
  return {
    connector,
    messages,
    deliver(raw: Buffer, folder = 'INBOX') {
      messages.push({ uid: messages.length + 1, raw, flags: new Set(), folder });
    },
    crashOnNextMark() {
      failNextMark = true;
    },
    refuseLogin(reason: string | null) {
      refuse = reason;
    },
  };
}

let server: TestServer;
let desk: MailDesk;
const imap = fakeServer();
const poll = () =>
  pollImapMailboxes(
    inboundDeps({
      config: server.config,
      database: server.database,
      clock: server.clock,
      log: silentLogger(),
    }),
    imap.connector,
    { maxBytes: 100_000 },
  );

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenMailDesk(server, {
    imap: { host: 'imap.example', user: 'support', password: 'secret', after: 'flag' },
  });
});
afterAll(async () => server?.close());

async function ticketCount(subject: string): Promise<number> {
  const { rows } = await server.database.pool.query(
    'select count(*)::int as n from tickets where subject = $1',
    [subject],
  );
  return rows[0].n;
}

function message(subject: string, id: string) {
  return Buffer.from(
    `From: jane@acme.example\r\nTo: support@tend.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\n\r\nHello\r\n`,
  );
}

describe('IMAP polling', () => {
  it('never shows the password; takes new mail, flags it, and does not take it again', async () => {
    const shown = await call(
      server.app,
      desk.admin,
      'GET',
      `/api/v1/channels/email/mailboxes/${desk.mailbox.id}`,
    );
    expect(shown.body.routes.imap).toMatchObject({
      host: 'imap.example',
      port: 993,
      tls: 'implicit',
      passwordSet: true,
    });
    expect(JSON.stringify(shown.body)).not.toContain('secret');
    imap.deliver(fixture('plain-thunderbird.eml'));
    imap.deliver(fixture('koi8-r-the-bat.eml'));
    expect(await poll()).toEqual({ stored: 2, skipped: 0 });
    expect(imap.messages.every((entry) => entry.flags.has('$Tend') && entry.flags.has('\\Seen'))).toBe(true);
    expect(await ticketCount('VPN drops every 20 minutes')).toBe(1);
    expect(await ticketCount('Не работает печать отчётов')).toBe(1);
    expect(await poll()).toEqual({ stored: 0, skipped: 0 });
  });

  it('a crash between storing and flagging: fetched again, recognised, processed once', async () => {
    imap.deliver(message('IMAP crash', 'imap.crash.1@acme.example'));
    imap.crashOnNextMark();
    await poll();
    const failed = await call(
      server.app,
      desk.admin,
      'GET',
      `/api/v1/channels/email/mailboxes/${desk.mailbox.id}`,
    );
    expect(failed.body.routes.imap.error).toBe('connection reset');
    expect(await poll()).toEqual({ stored: 1, skipped: 0 });
    expect(await ticketCount('IMAP crash')).toBe(1);
    const ok = await call(
      server.app,
      desk.admin,
      'GET',
      `/api/v1/channels/email/mailboxes/${desk.mailbox.id}`,
    );
    expect(ok.body.routes.imap).toMatchObject({ error: null, checkedAt: expect.any(String) });
  });

  it('leaves a message over the size limit alone, flagged, and goes on with the next', async () => {
    imap.deliver(
      Buffer.concat([message('Too big for IMAP', 'imap.big@acme.example'), Buffer.alloc(200_000, 65)]),
    );
    imap.deliver(message('After the big one', 'imap.after@acme.example'));
    expect(await poll()).toEqual({ stored: 1, skipped: 1 });
    expect(await ticketCount('After the big one')).toBe(1);
    expect(await poll()).toEqual({ stored: 0, skipped: 0 });
  });

  it('moves taken mail when told to; a refused login is recorded, not thrown', async () => {
    await call(server.app, desk.admin, 'PATCH', `/api/v1/channels/email/mailboxes/${desk.mailbox.id}`, {
      imap: { host: 'imap.example', user: 'support', after: 'move', moveTo: 'Tend/Done' },
    });
    imap.deliver(message('Move me', 'imap.move@acme.example'));
    // Everything still in the folder is taken and moved; mail taken before is recognised, not redone.
    expect(await poll()).toEqual({ stored: 5, skipped: 0 });
    expect(
      imap.messages
        .filter((entry) => entry.folder === 'INBOX')
        .map((entry) => entry.flags.has('$TendTooLarge')),
    ).toEqual([true]);
    expect(await ticketCount('Move me')).toBe(1);
    expect(await ticketCount('VPN drops every 20 minutes')).toBe(1);
    imap.refuseLogin('AUTHENTICATIONFAILED Invalid credentials');
    expect(await poll()).toEqual({ stored: 0, skipped: 0 });
    const shown = await call(
      server.app,
      desk.admin,
      'GET',
      `/api/v1/channels/email/mailboxes/${desk.mailbox.id}`,
    );
    expect(shown.body.routes.imap.error).toBe('AUTHENTICATIONFAILED Invalid credentials');
    imap.refuseLogin(null);
  });
});
