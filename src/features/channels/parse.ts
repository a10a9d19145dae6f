import { type AddressObject, type Attachment, simpleParser } from 'mailparser';
import {
  decodeRawHeader,
  decodeUnlabelled,
  firstHeader,
  headerBlockEnd,
  labelUnlabelledTextParts,
  messageIdsIn,
  type RawHeaders,
  readRawHeaders,
} from './headers.js';

export interface MailAddress {
  address: string;
  name: string;
}

export interface MailFile {
  fileName: string;
  contentType: string;
  content: Buffer;
  /** Shown inside the HTML body (referenced by Content-ID), rather than attached. */
  inline: boolean;
  cid: string | null;
}

/** What the intake needs of a message; every field has a value, however broken the input. */
export interface ParsedMail {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  subject: string;
  from: MailAddress | null;
  replyTo: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  date: Date | null;
  headers: RawHeaders;
  text: string;
  /** Unsanitised; sanitise before showing it anywhere (html.ts). */
  html: string | null;
  files: MailFile[];
  /** Set when the message could not be read as MIME and was kept as text. */
  unreadable: boolean;
}

const REPLACEMENT = '\uFFFD';

function addressesOf(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects
    .flatMap((object) => object.value.flatMap((entry) => [entry, ...(entry.group ?? [])]))
    .flatMap((entry) => {
      const address = entry.address?.trim().toLowerCase();
      return address && /^[^\s@]+@[^\s@]+$/.test(address)
        ? [{ address, name: (entry.name ?? '').trim() }]
        : [];
    });
}

function fileOf(attachment: Attachment, index: number): MailFile {
  const contentType = (attachment.contentType || 'application/octet-stream').toLowerCase();
  const cid = attachment.cid ?? attachment.contentId?.replace(/^<|>$/g, '') ?? null;
  return {
    fileName: attachment.filename || defaultFileName(contentType, index),
    contentType,
    content: Buffer.isBuffer(attachment.content) ? attachment.content : Buffer.alloc(0),
    inline: Boolean(cid) && (attachment.related || attachment.contentDisposition === 'inline'),
    cid,
  };
}

const EXTENSIONS: Record<string, string> = {
  'message/rfc822': 'eml',
  'message/delivery-status': 'txt',
  'text/rfc822-headers': 'txt',
  'text/calendar': 'ics',
  'application/ms-tnef': 'dat',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
};

function defaultFileName(contentType: string, index: number): string {
  if (contentType === 'application/ms-tnef') return 'winmail.dat';
  return `part-${index + 1}.${EXTENSIONS[contentType] ?? 'bin'}`;
}

/** A header decoded by the parser, or — when it kept 8-bit bytes as replacement characters — by us. */
function repaired(parsed: string | undefined, headers: RawHeaders, key: string): string {
  if (parsed !== undefined && !parsed.includes(REPLACEMENT)) return parsed;
  const raw = firstHeader(headers, key);
  return raw === null ? (parsed ?? '') : decodeRawHeader(raw);
}

/** `"Name" <a@b>` → Name, from a raw (possibly 8-bit) From value. */
function displayNameOf(raw: string | null): string {
  if (!raw) return '';
  return decodeRawHeader(raw.replace(/<[^>]*>/g, ''))
    .replace(/["']/g, '')
    .trim();
}

async function runParser(raw: Buffer, extra: { skipHtmlToText?: boolean } = {}) {
  return await simpleParser(raw, {
    ...extra,
    keepDeliveryStatus: true,
    keepCidLinks: true,
    skipImageLinks: true,
    skipTextLinks: true,
    skipTextToHtml: true,
    maxHtmlLengthToParse: 2_000_000,
  });
}

function hasReplacement(mail: { text?: string; html: string | false }): boolean {
  return (mail.text ?? '').includes(REPLACEMENT) || (mail.html || '').includes(REPLACEMENT);
}

/**
 * Parse with mailparser; an 8-bit body without a charset gets a second pass as Windows-1252, and
 * HTML too large to turn into text (mailparser's error) a pass that does not try.
 */
async function parseMime(raw: Buffer) {
  const first = await runParser(raw).catch(() => runParser(raw, { skipHtmlToText: true }));
  if (!hasReplacement(first)) return first;
  const second = await runParser(labelUnlabelledTextParts(raw)).catch(() => null);
  return second && !hasReplacement(second) ? second : first;
}

/** PostgreSQL text cannot hold NUL characters; mail in the wild sometimes has them. */
function clean(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

function cleaned(mail: ParsedMail): ParsedMail {
  const address = (entry: MailAddress | null) =>
    entry && { address: clean(entry.address), name: clean(entry.name) };
  return {
    ...mail,
    subject: clean(mail.subject),
    text: clean(mail.text),
    html: mail.html === null ? null : clean(mail.html),
    from: address(mail.from),
    replyTo: address(mail.replyTo),
    files: mail.files.map((file) => ({ ...file, fileName: clean(file.fileName) })),
  };
}

export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  return cleaned(await parseAny(raw));
}

async function parseAny(raw: Buffer): Promise<ParsedMail> {
  const headers = readRawHeaders(raw);
  try {
    const mail = await parseMime(raw);
    const from = addressesOf(mail.from)[0] ?? null;
    if (from?.name.includes(REPLACEMENT)) from.name = displayNameOf(firstHeader(headers, 'from'));
    return {
      messageId: messageIdsIn(firstHeader(headers, 'message-id'))[0] ?? null,
      inReplyTo: messageIdsIn(firstHeader(headers, 'in-reply-to')),
      references: (headers.get('references') ?? []).flatMap(messageIdsIn),
      subject: repaired(mail.subject, headers, 'subject').replace(/\s+/g, ' ').trim(),
      from,
      replyTo: addressesOf(mail.replyTo)[0] ?? null,
      to: addressesOf(mail.to),
      cc: addressesOf(mail.cc),
      date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
      headers,
      text: (mail.text ?? '').replace(/\r\n/g, '\n'),
      html: typeof mail.html === 'string' && mail.html.trim() !== '' ? mail.html : null,
      files: mail.attachments.map(fileOf),
      unreadable: false,
    };
  } catch {
    return unreadableMail(raw, headers);
  }
}

/** The parser gave up: keep what the raw header block says, and the rest as text. */
export function unreadableMail(raw: Buffer, headers: RawHeaders = readRawHeaders(raw)): ParsedMail {
  const fromHeader = firstHeader(headers, 'from');
  const address = fromHeader ? /[^\s<>"']+@[^\s<>"']+/.exec(fromHeader)?.[0]?.toLowerCase() : undefined;
  return {
    messageId: messageIdsIn(firstHeader(headers, 'message-id'))[0] ?? null,
    inReplyTo: messageIdsIn(firstHeader(headers, 'in-reply-to')),
    references: (headers.get('references') ?? []).flatMap(messageIdsIn),
    subject: decodeRawHeader(firstHeader(headers, 'subject') ?? '').trim(),
    from: address ? { address, name: '' } : null,
    replyTo: null,
    to: [],
    cc: [],
    date: null,
    headers,
    text: decodeUnlabelled(raw.subarray(headerBlockEnd(raw), headerBlockEnd(raw) + 100_000)),
    html: null,
    files: [],
    unreadable: true,
  };
}
