import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { acceptMessage, type InboundDeps, processInbound } from './inbound.service.js';
import { findMailboxForRecipient, type MailboxRow } from './mailboxes.repo.js';

/**
 * The built-in SMTP listener a mail server relays to. It accepts only recipients that are active
 * mailboxes with the SMTP route (or their plus addresses), refuses messages over the size limit,
 * offers STARTTLS when a certificate is configured, and answers 250 only once the raw message is
 * committed — processing follows, so a slow ticket never holds the sender's connection.
 */
export interface SmtpListenerOptions {
  host: string;
  port: number;
  maxBytes: number;
  tls: { cert: Buffer; key: Buffer } | null;
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

async function mailboxFor(deps: InboundDeps, address: string): Promise<MailboxRow | null> {
  const mailbox = await findMailboxForRecipient(deps.db, address);
  return mailbox?.active && mailbox.smtpEnabled ? mailbox : null;
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

export function loadTls(certFile: string | null, keyFile: string | null): SmtpListenerOptions['tls'] {
  if (!certFile && !keyFile) return null;
  if (!certFile || !keyFile)
    throw new Error('TEND_SMTP_TLS_CERT and TEND_SMTP_TLS_KEY must be set together (both PEM files)');
  return { cert: readFileSync(certFile), key: readFileSync(keyFile) };
}

export async function startSmtpListener(
  deps: InboundDeps,
  options: SmtpListenerOptions,
): Promise<SmtpListener> {
  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const onRcptTo = (
    address: { address: string },
    _session: SMTPServerSession,
    done: (error?: Error | null) => void,
  ) => {
    mailboxFor(deps, address.address)
      .then((mailbox) => done(mailbox ? null : smtpError(550, '5.1.1 No such mailbox here')))
      .catch((error: unknown) => {
        deps.log.error({ err: error }, 'SMTP recipient check failed');
        done(smtpError(451, '4.3.0 Temporary failure; try again later'));
      });
  };
  const onData = (
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    done: (error?: Error | null) => void,
  ) => {
    receive(deps, stream, session, options.maxBytes)
      .then((id) => {
        done(null);
        if (id)
          track(
            processInbound(deps, id).catch((error: unknown) =>
              deps.log.error({ err: error }, 'processing failed'),
            ),
          );
      })
      .catch((error: unknown) =>
        done(error instanceof Error && 'responseCode' in error ? error : temporary(deps, error)),
      );
  };
  const server = new SMTPServer({
    name: 'tend',
    banner: 'Tend mail intake',
    secure: false,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls ? { cert: options.tls.cert, key: options.tls.key } : {}),
    size: options.maxBytes,
    logger: false,
    socketTimeout: 60_000,
    onRcptTo,
    onData,
  });
  server.on('error', (error) => deps.log.warn({ err: error }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
    },
  };
}

function temporary(deps: InboundDeps, error: unknown): Error {
  deps.log.error({ err: error }, 'storing an SMTP message failed');
  return smtpError(451, '4.3.0 Could not store the message; try again later');
}

/** Store the message for its first mailbox recipient; the id to process, once committed. */
async function receive(
  deps: InboundDeps,
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  maxBytes: number,
): Promise<string | null> {
  const raw = await readAll(stream);
  if (stream.sizeExceeded)
    throw smtpError(552, `5.3.4 Message too big (at most ${Math.round(maxBytes / 1048576)} MB)`);
  let mailbox: MailboxRow | null = null;
  for (const recipient of session.envelope.rcptTo) {
    mailbox = await mailboxFor(deps, recipient.address);
    if (mailbox) break;
  }
  if (!mailbox) throw smtpError(550, '5.1.1 No such mailbox here');
  const mailFrom = session.envelope.mailFrom;
  const { row } = await acceptMessage(deps, {
    raw,
    mailbox,
    route: 'smtp',
    envelopeFrom: mailFrom ? mailFrom.address : null,
  });
  return row.status === 'received' ? row.id : null;
}
