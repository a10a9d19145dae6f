import nodemailer from 'nodemailer';
import type { Logger } from './logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** Threading: our Message-ID (with angle brackets), the message it answers, the thread. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Where replies go (a ticket's plus address, so answers find their ticket). */
  replyTo?: string;
  /** Files sent along (text only: they travel through the job queue as JSON), e.g. an .ics. */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  /** e.g. `text/calendar; charset=utf-8; method=PUBLISH` */
  contentType: string;
  content: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string | null }>;
  close(): void;
}

/**
 * SMTP when TEND_SMTP_URL is set. Without it, in development, mail is written to the log instead
 * (so password-reset links can be followed) — never both, and never silently dropped.
 */
export function createMailer(options: {
  smtpUrl: string | null;
  from: string;
  logWhenNoSmtp: boolean;
  log: Logger;
}): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(message) {
        const info = await transport.sendMail({ from: options.from, ...message });
        return { messageId: info.messageId ?? null };
      },
      close: () => transport.close(),
    };
  }
  return {
    async send(message) {
      if (!options.logWhenNoSmtp) throw new Error('no SMTP server is configured (TEND_SMTP_URL)');
      options.log.info(
        { mail: { to: message.to, subject: message.subject, text: message.text } },
        'mail (no SMTP configured)',
      );
      return { messageId: null };
    },
    close: () => {},
  };
}
