import { describe, expect, it } from 'vitest';
import { classify, mayAutoAnswer, readBounce } from './loops.js';
import { parseMail } from './parse.js';

const mail = (headers: string, body = 'Hello') => parseMail(Buffer.from(`${headers}\r\n\r\n${body}\r\n`));
const base = 'From: Jane <jane@acme.example>\r\nTo: support@tend.test\r\nSubject: Help';

describe('classify', () => {
  it.each([
    ['a normal mail', base, 'normal'],
    ['Auto-Submitted: no', `${base}\r\nAuto-Submitted: no`, 'normal'],
    ['Auto-Submitted: auto-replied', `${base}\r\nAuto-Submitted: auto-replied`, 'auto_reply'],
    ['X-Autoreply', `${base}\r\nX-Autoreply: yes`, 'auto_reply'],
    ['Precedence: bulk', `${base}\r\nPrecedence: bulk`, 'auto_reply'],
    ['Precedence: list', `${base}\r\nPrecedence: list`, 'auto_reply'],
    ['a null return path', `Return-Path: <>\r\n${base}`, 'auto_reply'],
    [
      'an out-of-office subject',
      base.replace('Subject: Help', 'Subject: Out of Office: back Monday'),
      'auto_reply',
    ],
    [
      'a subject about out-of-office',
      base.replace('Subject: Help', 'Subject: Out of office assistant broken'),
      'normal',
    ],
    ['a DSN', `${base}\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b`, 'bounce'],
    [
      'a plain bounce',
      'From: MAILER-DAEMON@mx.example\r\nTo: support@tend.test\r\nSubject: Undelivered Mail Returned to Sender',
      'bounce',
    ],
    [
      'a mailer daemon saying something else',
      'From: postmaster@mx.example\r\nSubject: Quota report',
      'normal',
    ],
  ])('%s', async (_name, headers, expected) => {
    expect(classify(await mail(headers))).toBe(expected);
  });
});

describe('mayAutoAnswer', () => {
  it.each([
    [base, true],
    [`${base}\r\nX-Auto-Response-Suppress: OOF, AutoReply`, false],
    [base.replace('jane@acme.example', 'no-reply@acme.example'), false],
    [base.replace('jane@acme.example', 'noreply+x@acme.example'), false],
    [`${base}\r\nPrecedence: bulk`, false],
  ])('%s → %s', async (headers, expected) => {
    expect(mayAutoAnswer(await mail(headers))).toBe(expected);
  });
});

describe('readBounce', () => {
  it('finds the returned message quoted in a plain bounce', async () => {
    const bounce = await mail(
      'From: MAILER-DAEMON@mx.example\r\nX-Failed-Recipients: gone@acme.example\r\nSubject: failure notice',
      '--- copy of the message\r\n\r\nMessage-ID: <tend.abc@tend.test>\r\nSubject: x\r\n',
    );
    expect(readBounce(bounce)).toEqual({
      recipients: [{ address: 'gone@acme.example', status: '', action: 'failed' }],
      originalMessageIds: ['tend.abc@tend.test'],
    });
  });
});
