import { createHash, randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { call } from '../support/http.js';
import { fixture, givenMailDesk, type MailDesk, postMail, ticketView } from '../support/mail.js';

/**
 * A corpus of real-world mail (test/fixtures/mail; the non-UTF-8 ones are made by
 * make-charset-fixtures.ts) through the raw-message endpoint, each with what must come of it.
 */
let server: TestServer;
let desk: MailDesk;
let base: { id: string; number: string; ourId: string };

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenMailDesk(server);
  const opened = await postMail(server, desk.inbound, fixture('plain-thunderbird.eml'));
  expect(opened.body.action).toBe('created');
  const ticket = (await ticketView(server, desk.agent, opened.body.ticketId)).ticket;
  base = { id: ticket.id, number: ticket.number.slice(2), ourId: `tend.${ticket.id}.ack@tend.test` };
});
afterAll(async () => server?.close());

const placeholders = () => ({
  NUMBER: base.number,
  OUR_ID: base.ourId,
  ROOT_ID: base.ourId,
  LAST_ID: base.ourId,
});

async function deliver(source: string | Buffer) {
  const raw = typeof source === 'string' ? fixture(source, placeholders()) : source;
  const response = await postMail(server, desk.inbound, raw);
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  expect(Object.keys(response.body).sort()).toEqual(['action', 'reason', 'ticketId']);
  return response.body as { action: string; ticketId: string | null; reason: string | null };
}

async function opened(source: string | Buffer) {
  const result = await deliver(source);
  expect(result.action, JSON.stringify(result)).toBe('created');
  return await ticketView(server, desk.agent, result.ticketId!);
}

async function requesterOf(ticket: { requesterId: string }) {
  return (await call(server.app, desk.admin, 'GET', `/api/v1/users/${ticket.requesterId}`)).body;
}

describe('charsets and encoded words', () => {
  const cases: [string, string, string[], string?][] = [
    [
      'iso-8859-1-outlook.eml',
      'Drucker druckt keine Umlaute (ÄÖÜß)',
      ['Bitte um Prüfung.', 'Mit freundlichen Grüßen'],
      'Jürgen Weiß',
    ],
    [
      'iso-8859-2-webmail.eml',
      'Přihlášení do účetního systému nefunguje',
      ['Žluťoučký kůň úpěl ďábelské ódy'],
      'Jiří Novák',
    ],
    [
      'windows-1252-8bit.eml',
      'Invoice export shows broken Euro sign',
      ['“€ 1 200,00”', '– please fix before Friday’s run', 'Thanks — Mike'],
    ],
    ['koi8-r-the-bat.eml', 'Не работает печать отчётов', ['ошибка "Принтер не найден"'], 'Ольга Петрова'],
    ['shift-jis-mobile.eml', 'ログインできません', ['経費精算システムにログインできません。'], '山田 太郎'],
    ['iso-2022-jp.eml', '共有フォルダにアクセスできません', ['いつもお世話になっております。'], '山田'],
    ['gb2312-foxmail.eml', '邮件服务器无法发送附件', ['我们的邮件服务器无法发送附件，请尽快处理。'], '王伟'],
    [
      '8bit-no-charset.eml',
      'Störung Kassensystem Müller',
      ['bei Müller & Söhne funktioniert', 'Größe der Datei'],
    ],
    ['utf8-raw-headers.eml', 'Café Wi-Fi — portail captif bloqué', ['ne s’affiche plus'], 'Renée'],
  ];
  it.each(cases)(
    '%s: subject, text and sender name decode exactly',
    async (name, subject, phrases, sender) => {
      const { ticket } = await opened(name);
      expect(ticket.subject).toBe(subject);
      for (const phrase of phrases) expect(ticket.description).toContain(phrase);
      expect(ticket.description).not.toContain('\uFFFD');
      if (sender) expect((await requesterOf(ticket)).name).toBe(sender);
    },
  );
});

describe('structure: alternatives, attachments, inline images, Outlook specials', () => {
  it('a plain message: requester matched, mailbox queue, email channel, signature cut, original kept for staff', async () => {
    const { ticket, files } = await ticketView(server, desk.agent, base.id);
    expect(ticket).toMatchObject({
      requesterId: desk.jane.id,
      channel: 'email',
      type: 'incident',
      teamId: desk.team.id,
    });
    expect(ticket.description).toContain('Reconnecting works at once.');
    expect(ticket.description).not.toContain('Finance | Acme');
    expect(files).toMatchObject([{ fileName: 'VPN drops every 20 minutes.eml', visibility: 'internal' }]);
    const original = await server.app.inject({
      method: 'GET',
      url: files[0].downloadUrl,
      headers: { cookie: (desk.agent as any).cookie },
    });
    expect(original.rawPayload.equals(fixture('plain-thunderbird.eml'))).toBe(true);
    const asJane = await ticketView(server, desk.janeCaller, base.id);
    expect(asJane.files).toEqual([]);
  });

  it('multipart/alternative with hostile HTML: the text version, and HTML without scripts or remote content', async () => {
    const result = await deliver('multipart-alternative-hostile-html.eml');
    const { ticket } = await ticketView(server, desk.agent, result.ticketId!);
    expect(ticket.description).toBe(
      'The sales dashboard shows "No data" for every region since the update.\n\nScreenshot: see below.',
    );
    const record = (
      await call(server.app, desk.admin, 'GET', '/api/v1/channels/email/messages?limit=100')
    ).body.items.find((item: any) => item.ticketId === ticket.id);
    const detail = (await call(server.app, desk.admin, 'GET', `/api/v1/channels/email/messages/${record.id}`))
      .body;
    expect(detail.html).toContain('<b>dashboard</b>');
    expect(detail.html).toContain('href="https://status.acme.example/" rel="noopener noreferrer nofollow"');
    for (const bad of [
      '<script',
      'onload',
      'onerror',
      'tracker.example',
      'javascript:',
      '<iframe',
      '<form',
      'url(',
      '<style',
    ])
      expect(detail.html).not.toContain(bad);
    const asAgent = await call(server.app, desk.agent, 'GET', `/api/v1/tickets/${ticket.id}/emails`);
    expect(asAgent.body.items).toMatchObject([{ id: record.id, html: detail.html, status: 'created' }]);
    expect(
      (await call(server.app, desk.janeCaller, 'GET', `/api/v1/tickets/${ticket.id}/emails`)).status,
    ).toBe(403);
  });

  it('multipart/mixed: attachments with RFC 2231 names, public, byte for byte', async () => {
    const { files } = await opened('multipart-mixed-pdf-rfc2231.eml');
    const shown = files.filter((file) => file.visibility === 'public');
    expect(shown.map((file) => [file.fileName, file.contentType]).sort()).toEqual(
      [
        ['Rechnung März 2030.pdf', 'application/pdf'],
        ['export.csv', 'text/csv'],
      ].sort(),
    );
    const pdf = await server.app.inject({
      method: 'GET',
      url: shown.find((file) => file.contentType === 'application/pdf').downloadUrl,
      headers: { cookie: (desk.janeCaller as any).cookie },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('an inline image is stored and the HTML points at its download', async () => {
    const { ticket, files } = await opened('inline-image-apple-mail.eml');
    const image = files.find((file) => file.fileName === 'dialog.png');
    expect(image).toMatchObject({ contentType: 'image/png', size: 70, visibility: 'public' });
    const record = (
      await call(server.app, desk.admin, 'GET', '/api/v1/channels/email/messages?limit=100')
    ).body.items.find((item: any) => item.ticketId === ticket.id);
    const detail = (await call(server.app, desk.admin, 'GET', `/api/v1/channels/email/messages/${record.id}`))
      .body;
    expect(detail.html).toContain(`src="${image.downloadUrl}"`);
    expect(detail.html).not.toContain('cid:');
  });

  it.each([
    ['winmail-dat-outlook.eml', [['winmail.dat', 'application/ms-tnef']]],
    [
      'calendar-invite-outlook.eml',
      [
        ['part-1.ics', 'text/calendar'],
        ['invite.ics', 'application/ics'],
      ],
    ],
  ])('%s: its parts are kept as files', async (name, expected) => {
    const { ticket, files } = await opened(name);
    expect(ticket.description.length).toBeGreaterThan(10);
    const shown = files.filter((file) => file.visibility === 'public');
    expect(shown.map((file) => [file.fileName, file.contentType]).sort()).toEqual([...expected].sort());
  });

  it('HTML-only mail becomes text; a forward keeps what was forwarded', async () => {
    expect((await opened('html-only-webmail.eml')).ticket.description).toBe(
      'The password reset link in your mail says expired even if I click it at once.',
    );
    const forward = (await opened('forwarded-outlook.eml')).ticket;
    expect(forward.description).toContain('Please have a look');
    expect(forward.description).toContain('the target volume \\\\nas02\\backup is full');
  });

  it('a 20 MB attachment arrives whole', async () => {
    const big = randomBytes(20 * 1024 * 1024);
    const raw = await new MailComposer({
      from: 'Jane Doe <jane@acme.example>',
      to: 'support@tend.test',
      subject: 'Database dump for analysis',
      text: 'The dump is attached.',
      attachments: [{ filename: 'dump.bin', content: big, contentType: 'application/octet-stream' }],
    })
      .compile()
      .build();
    const { files } = await opened(raw);
    const dump = files.find((file) => file.fileName === 'dump.bin');
    expect(dump.size).toBe(big.length);
    expect(dump.sha256).toBe(createHash('sha256').update(big).digest('hex'));
  }, 120_000);
});

describe('senders', () => {
  it('an unknown sender of a domain no organisation owns becomes a requester of the mailbox’s organisation', async () => {
    const { ticket } = await opened('unknown-domain-sender.eml');
    const requester = await requesterOf(ticket);
    expect(requester).toMatchObject({
      name: 'Sam Walker',
      email: 'sam@walkin.example',
      role: 'requester',
      organisationId: desk.walkIn.id,
    });
    expect(ticket.organisationId).toBe(desk.walkIn.id);
  });

  it('an unknown sender of an organisation’s domain becomes its requester', async () => {
    const raw = fixture('unknown-domain-sender.eml')
      .toString('latin1')
      .replace('Sam Walker <sam@walkin.example>', 'New Person <new.person@ACME.example>')
      .replace('sam.20300319110000@walkin.example', 'new.person.1@acme.example');
    const { ticket } = await opened(Buffer.from(raw, 'latin1'));
    expect(ticket.organisationId).toBe(desk.acme.id);
    expect(await requesterOf(ticket)).toMatchObject({
      email: 'new.person@acme.example',
      organisationId: desk.acme.id,
    });
  });

  it('mail that failed DMARC still arrives, flagged for review', async () => {
    const result = await deliver('dmarc-fail-spoofed.eml');
    expect(result).toMatchObject({ action: 'created', reason: 'sender_unverified' });
    expect((await ticketView(server, desk.agent, result.ticketId!)).ticket.tags).toContain('email-review');
  });
});

describe('loops and noise', () => {
  it.each([
    'auto-reply-exchange-oof.eml',
    'auto-reply-x-autoreply.eml',
    'auto-reply-subject-only.eml',
    'newsletter-precedence-bulk.eml',
    'mailing-list-precedence-list.eml',
  ])('%s: ignored, never a ticket nor a message', async (name) => {
    const before = await ticketView(server, desk.agent, base.id);
    const result = await deliver(name);
    expect(result).toEqual({ action: 'ignored', ticketId: null, reason: 'auto_reply' });
    const after = await ticketView(server, desk.agent, base.id);
    expect(after.messages.length).toBe(before.messages.length);
  });

  it.each([
    ['read-receipt-mdn.eml', 'auto_reply'],
    ['own-address-loop.eml', 'own_message'],
  ])('%s: ignored (%s)', async (name, reason) => {
    expect(await deliver(name)).toEqual({ action: 'ignored', ticketId: null, reason });
  });

  it('a plain-text bounce (qmail) quoting our mail is recognised as a bounce of that ticket', async () => {
    const result = await deliver('qmail-bounce-plain.eml');
    expect(result).toEqual({ action: 'appended', ticketId: base.id, reason: 'bounce' });
  });

  it('a bounce is attached to the ticket whose mail it returns, as an internal note, and flags it', async () => {
    const result = await deliver('dsn-bounce-postfix.eml');
    expect(result).toEqual({ action: 'appended', ticketId: base.id, reason: 'bounce' });
    const view = await ticketView(server, desk.agent, base.id);
    expect(view.ticket.tags).toContain('email-bounce');
    const note = view.messages.at(-1);
    expect(note).toMatchObject({ visibility: 'internal', channel: 'email' });
    expect(note.body).toContain('gone@acme.example (5.1.1)');
    expect(view.files.filter((file) => file.visibility === 'public')).toEqual([]);
    const asJane = await ticketView(server, desk.janeCaller, base.id);
    expect(asJane.messages.map((message) => message.id)).not.toContain(note.id);
  });
});

describe('broken input', () => {
  it('broken headers (no colon, unterminated words, bad date, unclosed boundary, bad base64) still make a ticket', async () => {
    const { ticket } = await opened('broken-headers.eml');
    expect(ticket.requesterId).toBe(desk.jane.id);
    expect(ticket.description).toContain('The printer queue is stuck again.');
  });

  it('without a From, the Sender (or the return path) is the sender', async () => {
    const raw = Buffer.from(
      'Sender: Jane Doe <jane@acme.example>\r\nTo: support@tend.test\r\nSubject: No From header\r\nMessage-ID: <no.from.1@acme.example>\r\n\r\nHello\r\n',
    );
    expect((await opened(raw)).ticket.requesterId).toBe(desk.jane.id);
  });

  it('NUL characters (which PostgreSQL text cannot hold) are dropped', async () => {
    const { ticket } = await opened('nul-bytes.eml');
    expect(ticket.subject).toBe('Export has NUL bytes');
    expect(ticket.description).toBe('The export file contains NUL characters.');
  });

  it('HTML too large to turn into text still makes a ticket', async () => {
    const html = `<html><body><p>Report below.</p>${'<div>row</div>'.repeat(250_000)}</body></html>`;
    const raw = await new MailComposer({
      from: 'jane@acme.example',
      to: 'support@tend.test',
      subject: 'Huge HTML',
      html,
    })
      .compile()
      .build();
    const { ticket } = await opened(raw);
    expect(ticket.subject).toBe('Huge HTML');
  }, 60_000);

  it('binary garbage is kept for review and reported, not an error', async () => {
    const result = await deliver('garbage-binary.eml');
    expect(result).toEqual({ action: 'ignored', ticketId: null, reason: 'review: no_sender' });
    const review = await call(server.app, desk.admin, 'GET', '/api/v1/channels/email/messages?status=review');
    expect(review.body.items).toMatchObject([{ status: 'review', flagged: true, reason: 'no_sender' }]);
    const raw = await server.app.inject({
      method: 'GET',
      url: review.body.items[0].rawUrl,
      headers: { cookie: (desk.admin as any).cookie },
    });
    expect(raw.rawPayload.equals(fixture('garbage-binary.eml'))).toBe(true);
  });

  it('a message without a Message-ID is known by its bytes: the second delivery is a duplicate', async () => {
    const first = await deliver('no-message-id.eml');
    expect(first.action).toBe('created');
    expect(await deliver('no-message-id.eml')).toEqual({
      action: 'ignored',
      ticketId: first.ticketId,
      reason: 'duplicate',
    });
  });
});
