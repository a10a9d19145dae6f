import { ImapFlow } from 'imapflow';
import type { Logger } from '../../platform/logger.js';
import { acceptMessage, type InboundDeps, processInbound } from './inbound.service.js';
import { imapMailboxes, type MailboxImap, type MailboxRow, updateMailboxRow } from './mailboxes.repo.js';

/**
 * IMAP polling of an existing mailbox. Each message is stored (committed) before it is marked as
 * taken — moved to another folder, or flagged \Seen + $Tend — so a crash in between only means it is
 * fetched once more, and the store recognises it by its Message-ID. Messages over the size limit
 * are flagged $TendTooLarge and left alone; one broken message never stops the others.
 */
export const TAKEN = '$Tend';
export const TOO_LARGE = '$TendTooLarge';

export interface ImapMessageRef {
  uid: number;
  size: number;
}

/** What the poller needs of an IMAP connection (imapflow in production, a fake in tests). */
export interface ImapSession {
  /** Messages still to take, oldest first. */
  pending(limit: number): Promise<ImapMessageRef[]>;
  source(uid: number): Promise<Buffer | null>;
  markTaken(uid: number): Promise<void>;
  markTooLarge(uid: number): Promise<void>;
  close(): Promise<void>;
}

export type ImapConnector = (settings: MailboxImap) => Promise<ImapSession>;

/** imapflow, always over TLS (implicit, or STARTTLS required before login). */
export function imapflowConnector(log: Logger): ImapConnector {
  return async (settings) => {
    const client = new ImapFlow({
      host: settings.host,
      port: settings.port,
      secure: settings.tls === 'implicit',
      ...({ doSTARTTLS: settings.tls === 'starttls' } as object),
      auth: { user: settings.user, pass: settings.password },
      logger: false,
      connectionTimeout: 30_000,
      socketTimeout: 120_000,
    });
    client.on('error', (error: Error) => log.warn({ err: error }, 'IMAP connection error'));
    await client.connect();
    const lock = await client.getMailboxLock(settings.folder);
    const mark = (uid: number, flags: string[]) => client.messageFlagsAdd(String(uid), flags, { uid: true });
    return {
      async pending(limit) {
        const query = settings.after === 'flag' ? { unKeyword: TAKEN } : { all: true };
        const uids = ((await client.search(query, { uid: true })) || []).slice(0, limit * 2);
        if (uids.length === 0) return [];
        const found = await client.fetchAll(
          uids.join(','),
          { uid: true, size: true, flags: true },
          { uid: true },
        );
        return found
          .filter((message) => !message.flags?.has(TOO_LARGE))
          .map((message) => ({ uid: message.uid, size: message.size ?? 0 }))
          .slice(0, limit);
      },
      async source(uid) {
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        const source = message ? message.source : undefined; // false when the message is gone
        return source ? Buffer.from(source) : null;
      },
      async markTaken(uid) {
        if (settings.after === 'move' && settings.moveTo)
          await client.messageMove(String(uid), settings.moveTo, { uid: true });
        else await mark(uid, ['\\Seen', TAKEN]);
      },
      async markTooLarge(uid) {
        await mark(uid, [TOO_LARGE]);
      },
      async close() {
        lock.release();
        await client.logout().catch(() => client.close());
      },
    };
  };
}

export interface PollResult {
  stored: number;
  skipped: number;
}

/** One pass over one mailbox: store, mark taken, then process each message. */
export async function pollMailbox(
  deps: InboundDeps,
  connect: ImapConnector,
  mailbox: MailboxRow,
  options: { maxBytes: number; batch: number },
): Promise<PollResult> {
  const session = await connect(mailbox.imap!);
  const result: PollResult = { stored: 0, skipped: 0 };
  try {
    for (const message of await session.pending(options.batch)) {
      if (message.size > options.maxBytes) {
        await session.markTooLarge(message.uid);
        result.skipped++;
        continue;
      }
      const raw = await session.source(message.uid);
      if (!raw) continue;
      const { row } = await acceptMessage(deps, { raw, mailbox, route: 'imap', envelopeFrom: null });
      await session.markTaken(message.uid);
      result.stored++;
      if (row.status === 'received') await processInbound(deps, row.id);
    }
  } finally {
    await session.close();
  }
  return result;
}

/** Every IMAP mailbox in turn; a mailbox that fails records why and the others go on. */
export async function pollImapMailboxes(
  deps: InboundDeps,
  connect: ImapConnector,
  options: { maxBytes: number; batch?: number },
): Promise<PollResult> {
  const total: PollResult = { stored: 0, skipped: 0 };
  for (const mailbox of await imapMailboxes(deps.db)) {
    let error: string | null = null;
    try {
      const result = await pollMailbox(deps, connect, mailbox, {
        maxBytes: options.maxBytes,
        batch: options.batch ?? 50,
      });
      total.stored += result.stored;
      total.skipped += result.skipped;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      deps.log.warn({ err: failure, mailbox: mailbox.address }, 'IMAP poll failed');
    }
    await updateMailboxRow(deps.db, mailbox.id, { imapCheckedAt: deps.clock.now(), imapError: error });
  }
  return total;
}
