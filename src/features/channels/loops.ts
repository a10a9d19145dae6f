import { firstHeader, messageIdsIn, type RawHeaders } from './headers.js';
import type { ParsedMail } from './parse.js';

/**
 * Mail that must not become a ticket or get an answer: auto-replies (RFC 3834 Auto-Submitted,
 * X-Autoreply and friends, Precedence bulk/junk/list, out-of-office subjects), bounces (RFC 3464
 * delivery status reports) and our own mail coming back.
 */
export type MailKind = 'normal' | 'auto_reply' | 'bounce';

const AUTO_HEADERS = ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-auto-reply', 'x-mail-autoreply'];
/** Subjects of auto-replies from mailers that set no header: "Out of Office: …", "Automatic reply: …". */
const OUT_OF_OFFICE =
  /^(automatic reply|auto[- ]?reply|auto[- ]?response|automatische antwort|out of (the )?office( reply| autoreply)?|abwesenheitsnotiz|réponse automatique|respuesta automática|risposta automatica|automatisch antwoord|autosvar|fuera de la oficina)\s*:/i;

function header(headers: RawHeaders, key: string): string {
  return (firstHeader(headers, key) ?? '').trim().toLowerCase();
}

export function isAutoReply(mail: ParsedMail): boolean {
  const { headers } = mail;
  const autoSubmitted = header(headers, 'auto-submitted');
  if (autoSubmitted !== '' && autoSubmitted !== 'no') return true;
  if (AUTO_HEADERS.some((key) => headers.has(key))) return true;
  if (/^(bulk|junk|list|auto_reply)$/.test(header(headers, 'precedence'))) return true;
  if (/^(bulk|junk|list|auto_reply)$/.test(header(headers, 'x-precedence'))) return true;
  // Read receipts and other reports; and RFC 3834's null return path of automatic mail.
  if (/^multipart\/report/.test(header(headers, 'content-type'))) return true;
  if (header(headers, 'return-path') === '<>') return true;
  return OUT_OF_OFFICE.test(mail.subject.trim());
}

/** Non-standard bounces (qmail, old Exchange, hosted filters): a mailer daemon and a telling subject. */
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounces?)([+.@-])/i;
const BOUNCE_SUBJECT =
  /^(undeliver(ed|able)|delivery (status notification|failure|has failed)|failure notice|returned mail|mail delivery (failed|system)|non[- ]?delivery|unzustellbar|nicht zustellbar|non remis)/i;

export function isBounce(mail: ParsedMail): boolean {
  const contentType = header(mail.headers, 'content-type');
  if (/multipart\/report/.test(contentType) && /report-type="?delivery-status/.test(contentType)) return true;
  if (mail.files.some((file) => file.contentType === 'message/delivery-status')) return true;
  const fromDaemon = DAEMON.test(mail.from?.address ?? '') || header(mail.headers, 'return-path') === '<>';
  return fromDaemon && (BOUNCE_SUBJECT.test(mail.subject.trim()) || mail.headers.has('x-failed-recipients'));
}

export function classify(mail: ParsedMail): MailKind {
  if (isBounce(mail)) return 'bounce';
  return isAutoReply(mail) ? 'auto_reply' : 'normal';
}

/**
 * Never answer automatically: to an automatic sender, a no-reply address, a null return path, or
 * a sender who asked for no auto-responses (Microsoft's X-Auto-Response-Suppress).
 */
export function mayAutoAnswer(mail: ParsedMail): boolean {
  if (classify(mail) !== 'normal') return false;
  const suppress = header(mail.headers, 'x-auto-response-suppress');
  if (/\b(all|autoreply|oof)\b/.test(suppress)) return false;
  if (header(mail.headers, 'return-path') === '<>') return false;
  const address = mail.from?.address ?? '';
  return !/^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?)([+-.@])/i.test(address);
}

export interface BounceReport {
  recipients: { address: string; status: string; action: string }[];
  /** Message-IDs of the message that bounced (from the returned message or its headers). */
  originalMessageIds: string[];
}

function fieldsOf(text: string): Map<string, string>[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map(
      (block) =>
        new Map(
          block
            .replace(/\n[ \t]+/g, ' ')
            .split('\n')
            .flatMap((line) => {
              const match = /^([\w-]+)\s*:\s*(.*)$/.exec(line);
              return match ? [[match[1]!.toLowerCase(), match[2]!.trim()] as [string, string]] : [];
            }),
        ),
    );
}

function messageIdHeaderIn(text: string): string[] {
  const match = /^[ >]*Message-ID:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(text);
  return messageIdsIn(match?.[1]);
}

/** The returned message's id: in the returned part, or quoted in the text of a plain bounce. */
function originalIds(mail: ParsedMail): string[] {
  const returned = mail.files.filter((file) =>
    ['message/rfc822', 'text/rfc822-headers'].includes(file.contentType),
  );
  const fromParts = returned.flatMap((file) =>
    messageIdHeaderIn(file.content.subarray(0, 64 * 1024).toString('latin1')),
  );
  return fromParts.length > 0 ? fromParts : messageIdHeaderIn(mail.text.slice(0, 200_000));
}

/** What an RFC 3464 report says: who failed, with which status, and for which message. */
export function readBounce(mail: ParsedMail): BounceReport {
  const status = mail.files.find((file) => file.contentType === 'message/delivery-status');
  const blocks = status ? fieldsOf(status.content.toString('utf8')) : [];
  const recipients = blocks
    .filter((block) => block.has('final-recipient') || block.has('original-recipient'))
    .map((block) => ({
      address: (block.get('final-recipient') ?? block.get('original-recipient') ?? '').replace(
        /^rfc822\s*;\s*/i,
        '',
      ),
      status: block.get('status') ?? '',
      action: block.get('action') ?? '',
    }));
  const failed = (firstHeader(mail.headers, 'x-failed-recipients') ?? '')
    .split(',')
    .map((entry) => entry.trim());
  for (const address of failed.filter(Boolean)) {
    if (!recipients.some((entry) => entry.address === address))
      recipients.push({ address, status: '', action: 'failed' });
  }
  return { recipients, originalMessageIds: [...originalIds(mail), ...mail.inReplyTo] };
}
