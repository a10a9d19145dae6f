import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { TestServer } from './app.js';
import { givenCustomer, givenProvider, givenTeam, givenUser, PASSWORD } from './factories.js';
import { type Caller, call, login } from './http.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'mail');

/** A corpus message as bytes, with `{{NAME}}` placeholders filled in (ids known only at run time). */
export function fixture(name: string, values: Record<string, string> = {}): Buffer {
  let raw = readFileSync(join(FIXTURES, name));
  for (const [key, value] of Object.entries(values)) {
    raw = Buffer.from(raw.toString('latin1').replaceAll(`{{${key}}}`, value), 'latin1');
  }
  return raw;
}

/**
 * A desk that receives mail: a provider with an admin and an L1 agent, customer Acme (owning the
 * domain acme.example) with requester Jane, a walk-in organisation for unknown senders, the
 * mailbox support@tend.test, and an API token with the email:inbound scope.
 */
export async function givenMailDesk(server: TestServer, mailbox: Record<string, unknown> = {}) {
  const db = server.database.db;
  const { admin, providerId } = await givenProvider(db);
  const adminCaller = await login(server.app, admin.email, PASSWORD);
  const acme = (
    await call(server.app, adminCaller, 'POST', '/api/v1/organisations', {
      name: 'Acme',
      domains: ['acme.example'],
    })
  ).body;
  const walkIn = await givenCustomer(db, 'Walk-in customers');
  const agent = await givenUser(db, 'agent', providerId);
  const team = await givenTeam(db, 'L1', [acme.id, walkIn.id], [agent.id]);
  const jane = (
    await call(server.app, adminCaller, 'POST', '/api/v1/users', {
      organisationId: acme.id,
      name: 'Jane Doe',
      email: 'jane@acme.example',
      role: 'requester',
      password: PASSWORD,
    })
  ).body;
  const created = await call(server.app, adminCaller, 'POST', '/api/v1/channels/email/mailboxes', {
    address: 'support@tend.test',
    name: 'Support',
    organisationId: walkIn.id,
    teamId: team.id,
    ...mailbox,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const token = await call(server.app, adminCaller, 'POST', '/api/v1/auth/tokens', {
    name: 'inbound',
    scopes: ['email:inbound'],
  });
  expect(token.status, JSON.stringify(token.body)).toBe(201);
  return {
    admin: adminCaller,
    agent: await login(server.app, agent.email, PASSWORD),
    agentUser: agent,
    acme,
    walkIn,
    team,
    jane,
    janeCaller: await login(server.app, 'jane@acme.example', PASSWORD),
    mailbox: created.body,
    inbound: { token: token.body.secret as string } as Caller,
  };
}
export type MailDesk = Awaited<ReturnType<typeof givenMailDesk>>;

/** POST a raw message to the inbound webhook, as a mail provider does. */
export async function postMail(
  server: TestServer,
  caller: Caller,
  raw: Buffer | string,
  mailbox = 'support@tend.test',
) {
  return await call(
    server.app,
    caller,
    'POST',
    `/api/v1/channels/email/inbound?mailbox=${encodeURIComponent(mailbox)}`,
    raw,
    { 'content-type': 'message/rfc822' },
  );
}

/** What an agent sees of a ticket: the ticket, its messages (notes included) and its files. */
export async function ticketView(server: TestServer, caller: Caller, ticketId: string) {
  const [ticket, messages, files] = await Promise.all([
    call(server.app, caller, 'GET', `/api/v1/tickets/${ticketId}`),
    call(server.app, caller, 'GET', `/api/v1/tickets/${ticketId}/messages?limit=100`),
    call(server.app, caller, 'GET', `/api/v1/tickets/${ticketId}/attachments?limit=100`),
  ]);
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(200);
  return { ticket: ticket.body, messages: messages.body.items as any[], files: files.body.items as any[] };
}

/** The record of one received message, as an administrator sees it. */
export async function inboundRecord(server: TestServer, admin: Caller, ticketId: string) {
  const list = await call(server.app, admin, 'GET', '/api/v1/channels/email/messages?limit=100');
  return (list.body.items as any[]).filter((item) => item.ticketId === ticketId);
}
