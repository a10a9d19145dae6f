import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
  header(name: string): string;
}

/** A receiving MTA on loopback (smtp-server) that keeps every message Tend sends. */
export async function startMta() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            received.push({
              to: session.envelope.rcptTo.map((entry) => entry.address),
              raw,
              parsed,
              header: (name) => {
                const value = parsed.headers.get(name.toLowerCase());
                return typeof value === 'string' ? value : JSON.stringify(value ?? '');
              },
            });
            done();
          })
          .catch(done);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Mail to `address` so far, waiting until there are at least `count`. */
    async waitFor(address: string, count = 1, timeoutMs = 15_000): Promise<ReceivedMail[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mine = received.filter((mail) => mail.to.includes(address));
        if (mine.length >= count) return mine;
        if (Date.now() > deadline)
          throw new Error(`expected ${count} mails to ${address}, got ${mine.length}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type Mta = Awaited<ReturnType<typeof startMta>>;
