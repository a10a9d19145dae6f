import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAttempt } from '../../src/features/channels/inbound.repo.js';
import {
  acceptMessage,
  processInbound,
  processPending,
} from '../../src/features/channels/inbound.service.js';
import type { InboundDeps } from '../../src/features/channels/index.js';
import { findMailboxByAddress } from '../../src/features/channels/mailboxes.repo.js';
import { inboundDeps } from '../../src/main/channel-wiring.js';
import { silentLogger } from '../../src/platform/logger.js';
import { startTestServer, type TestServer } from '../support/app.js';
import { call } from '../support/http.js';
import { givenMailDesk, type MailDesk, postMail } from '../support/mail.js';

/**
 * A message is acknowledged only once stored; it is processed exactly once however often it is
 * delivered or whenever the process dies; a failing one ends in review and never blocks the rest.
 */
let server: TestServer;
let desk: MailDesk;
let deps: InboundDeps;
let counter = 0;

beforeAll(async () => {
  server = await startTestServer({ env: { TEND_INBOUND_SENDER_LIMIT_PER_HOUR: '1000' } });
  desk = await givenMailDesk(server);
  deps = inboundDeps({
    config: server.config,
    database: server.database,
    clock: server.clock,
    log: silentLogger(),
  });
});
afterAll(async () => server?.close());

function message(
  subject: string,
  from = 'jane@acme.example',
  id = `robust.${++counter}.${Date.now()}@acme.example`,
) {
  return Buffer.from(
    `From: ${from}\r\nTo: support@tend.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\n\r\nBody of ${subject}\r\n`,
  );
}

async function ticketsWithSubject(subject: string): Promise<number> {
  const { rows } = await server.database.pool.query(
    'select count(*)::int as n from tickets where subject = $1',
    [subject],
  );
  return rows[0].n;
}

async function mailbox() {
  return (await findMailboxByAddress(server.database.db, 'support@tend.test'))!;
}

describe('exactly once', () => {
  it('a crash between receiving and processing: the redelivery (or the safety net) processes it once', async () => {
    const raw = message('Crash after receive');
    const { row } = await acceptMessage(deps, {
      raw,
      mailbox: await mailbox(),
      route: 'smtp',
      envelopeFrom: null,
    });
    expect(row.status).toBe('received');
    // The process died here: acknowledged (committed), never processed. The sender delivers again.
    const again = await postMail(server, desk.inbound, raw);
    expect(again.body).toMatchObject({ action: 'created' });
    expect(await postMail(server, desk.inbound, raw).then((response) => response.body)).toMatchObject({
      action: 'ignored',
      reason: 'duplicate',
    });
    expect(await processPending(deps, 20, 0)).toBe(0);
    expect(await ticketsWithSubject('Crash after receive')).toBe(1);
  });

  it('the safety net processes a message left behind, once, even run twice at the same time', async () => {
    const raw = message('Left behind');
    await acceptMessage(deps, { raw, mailbox: await mailbox(), route: 'smtp', envelopeFrom: null });
    await Promise.all([processPending(deps, 20, 0), processPending(deps, 20, 0)]);
    expect(await ticketsWithSubject('Left behind')).toBe(1);
  });

  it('a crash in the middle of processing rolls everything back; the retry creates one ticket', async () => {
    const raw = message('Crash while processing');
    const { row } = await acceptMessage(deps, {
      raw,
      mailbox: await mailbox(),
      route: 'smtp',
      envelopeFrom: null,
    });
    let calls = 0;
    const failing: InboundDeps = {
      ...deps,
      tickets: {
        ...deps.tickets,
        hooks: {
          ...deps.tickets.hooks!,
          prepareCreate: async (executor, organisationId, facts) => {
            const plan = await deps.tickets.hooks!.prepareCreate(executor, organisationId, facts);
            if (++calls > 1) return plan;
            // The ticket's own statement fails after its insert: a timeline entry of no ticket
            // breaks a foreign key (checked at the end of the statement), as a crash there would.
            return (ticket, now) => {
              const planned = plan(ticket, now);
              const crash = sql`insert into sla_timeline (ticket_id, at, kind, reason, data)
                values (${randomUUID()}, now(), 'crash', 'simulated crash after the ticket insert', '{}')`;
              return { ...planned, writes: [...planned.writes, crash] };
            };
          },
        },
      },
    };
    const done = await processInbound(failing, row.id);
    expect(done).toMatchObject({ status: 'created', attempts: 2 });
    expect(await ticketsWithSubject('Crash while processing')).toBe(1);
  });

  it('ten simultaneous deliveries of one message: one ticket, nine duplicates', async () => {
    const raw = message('Delivered ten times');
    const results = await Promise.all(Array.from({ length: 10 }, () => postMail(server, desk.inbound, raw)));
    const actions = results.map((result) => `${result.status} ${result.body.action}`).sort();
    expect(actions).toEqual(['202 created', ...Array(9).fill('202 ignored')]);
    expect(new Set(results.map((result) => result.body.ticketId))).toEqual(
      new Set([results.find((r) => r.body.action === 'created')!.body.ticketId]),
    );
    expect(await ticketsWithSubject('Delivered ten times')).toBe(1);
  });
});

describe('failures end in review and block nothing', () => {
  it('a message whose processing always fails is tried three times, kept for review, and the next one goes through', async () => {
    const broken: InboundDeps = {
      ...deps,
      tickets: {
        ...deps.tickets,
        hooks: {
          ...deps.tickets.hooks!,
          prepareCreate: async () => {
            throw new Error('always fails');
          },
        },
      },
    };
    const raw = message('Always failing');
    const { row } = await acceptMessage(broken, {
      raw,
      mailbox: await mailbox(),
      route: 'smtp',
      envelopeFrom: null,
    });
    const failed = await processInbound(broken, row.id);
    expect(failed).toMatchObject({
      status: 'review',
      reason: 'processing_failed',
      flagged: true,
      attempts: 3,
      lastError: 'always fails',
      subject: 'Always failing',
      fromAddress: 'jane@acme.example',
    });
    expect(await ticketsWithSubject('Always failing')).toBe(0);
    expect(await processPending(deps, 20, 0)).toBe(0);
    expect((await postMail(server, desk.inbound, message('Next in line'))).body.action).toBe('created');
    const reprocessed = await call(
      server.app,
      desk.admin,
      'POST',
      `/api/v1/channels/email/messages/${row.id}/reprocess`,
    );
    expect(reprocessed.body).toMatchObject({ status: 'created', attempts: 1 });
  });

  it('a message that kills the process on every attempt stops being retried', async () => {
    const { row } = await acceptMessage(deps, {
      raw: message('Poison'),
      mailbox: await mailbox(),
      route: 'imap',
      envelopeFrom: null,
    });
    for (let i = 0; i < 3; i++) await countAttempt(server.database.db, row.id); // three attempts that never finished
    const result = await processInbound(deps, row.id);
    expect(result).toMatchObject({
      status: 'review',
      reason: 'processing_failed',
      lastError: 'too many attempts',
    });
    expect(await ticketsWithSubject('Poison')).toBe(0);
  });
});

describe('the endpoint contract', () => {
  it('refuses callers without the email:inbound scope or admin role, unknown mailboxes, empty bodies', async () => {
    expect((await postMail(server, null, message('x'))).status).toBe(401);
    const write = await call(server.app, desk.admin, 'POST', '/api/v1/auth/tokens', {
      name: 'w',
      scopes: ['write'],
    });
    const refused = await postMail(server, { token: write.body.secret }, message('x'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('auth.insufficient_scope');
    expect((await postMail(server, desk.agent, message('x'))).status).toBe(403);
    const unknown = await postMail(server, desk.inbound, message('x'), 'nobody@tend.test');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('mailboxes.not_found');
    expect((await postMail(server, desk.inbound, '')).status).toBe(400);
  });

  it('accepts a mailbox’s plus address and any content type', async () => {
    const response = await call(
      server.app,
      desk.inbound,
      'POST',
      `/api/v1/channels/email/inbound?mailbox=${encodeURIComponent('Support+anything@TEND.test')}`,
      message('Plain text type'),
      { 'content-type': 'text/plain' },
    );
    expect(response.status).toBe(202);
    expect(response.body.action).toBe('created');
  });
});

describe('limits', () => {
  let small: TestServer;
  let smallDesk: MailDesk;
  beforeAll(async () => {
    small = await startTestServer({
      env: { TEND_INBOUND_MAX_MB: '1', TEND_INBOUND_SENDER_LIMIT_PER_HOUR: '2' },
    });
    smallDesk = await givenMailDesk(small, { unknownSenders: 'reject' });
  });
  afterAll(async () => small?.close());

  it('a message over TEND_INBOUND_MAX_MB is refused with 413 and not stored', async () => {
    const huge = Buffer.concat([message('Huge'), Buffer.alloc(1024 * 1024 + 10, 0x41)]);
    const response = await postMail(small, smallDesk.inbound, huge);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('inbound.too_large');
    const { rows } = await small.database.pool.query('select count(*)::int as n from inbound_messages');
    expect(rows[0].n).toBe(0);
  });

  it('a sender over the hourly limit is ignored', async () => {
    const results = [];
    for (let i = 0; i < 3; i++)
      results.push((await postMail(small, smallDesk.inbound, message(`Flood ${i}`))).body);
    expect(results.map((result) => result.action)).toEqual(['created', 'created', 'ignored']);
    expect(results[2].reason).toBe('rate_limited');
  });

  it('a mailbox that rejects unknown senders ignores them (unless their domain belongs to an organisation)', async () => {
    expect(
      (await postMail(small, smallDesk.inbound, message('Who am I', 'stranger@nowhere.example'))).body,
    ).toEqual({
      action: 'ignored',
      ticketId: null,
      reason: 'unknown_sender',
    });
    expect(
      (await postMail(small, smallDesk.inbound, message('Colleague', 'colleague@acme.example'))).body.action,
    ).toBe('created');
  });
});
