import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { expectFieldError } from '../support/errors.js';
import { call } from '../support/http.js';
import { givenMailDesk, type MailDesk, postMail } from '../support/mail.js';

/** Mailboxes: administrators set them up (audited); nobody else sees them or the mail record. */
let server: TestServer;
let desk: MailDesk;
const url = '/api/v1/channels/email/mailboxes';

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenMailDesk(server);
});
afterAll(async () => server?.close());

describe('mailboxes', () => {
  it('creates with defaults, lists by address, changes and deletes, each audited', async () => {
    const created = await call(server.app, desk.admin, 'POST', url, {
      address: 'Billing@Tend.test',
      name: 'Billing',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      address: 'billing@tend.test',
      organisationId: null,
      teamId: null,
      ticketType: 'incident',
      unknownSenders: 'create',
      language: 'en',
      routes: { smtp: true, webhook: true, imap: null },
      active: true,
    });
    const list = await call(server.app, desk.admin, 'GET', `${url}?limit=1`);
    expect(list.body.items.map((item: any) => item.address)).toEqual(['billing@tend.test']);
    const next = await call(server.app, desk.admin, 'GET', `${url}?limit=1&cursor=${list.body.nextCursor}`);
    expect(next.body.items.map((item: any) => item.address)).toEqual(['support@tend.test']);
    const changed = await call(server.app, desk.admin, 'PATCH', `${url}/${created.body.id}`, {
      ticketType: 'service_request',
      webhook: false,
      organisationId: desk.acme.id,
    });
    expect(changed.body).toMatchObject({
      ticketType: 'service_request',
      routes: { webhook: false },
      organisationId: desk.acme.id,
    });
    const refused = await postMail(server, desk.inbound, 'From: a@b.example\r\n\r\nx', 'billing@tend.test');
    expect(refused.status).toBe(404);
    expect((await call(server.app, desk.admin, 'DELETE', `${url}/${created.body.id}`)).status).toBe(204);
    expect((await call(server.app, desk.admin, 'GET', `${url}/${created.body.id}`)).status).toBe(404);
    const audit = await call(server.app, desk.admin, 'GET', `/api/v1/audit?entityId=${created.body.id}`);
    expect(audit.body.items.map((entry: any) => entry.action).sort()).toEqual([
      'mailbox.created',
      'mailbox.deleted',
      'mailbox.updated',
    ]);
  });

  it('refuses a taken address, a provider or unknown organisation, an unknown team, IMAP without a password', async () => {
    const taken = await call(server.app, desk.admin, 'POST', url, {
      address: 'SUPPORT@tend.test',
      name: 'Again',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('mailboxes.address_taken');
    const provider = desk.agentUser.organisationId;
    expectFieldError(
      await call(server.app, desk.admin, 'POST', url, {
        address: 'x@tend.test',
        name: 'X',
        organisationId: provider,
      }),
      'body.organisationId',
    );
    expectFieldError(
      await call(server.app, desk.admin, 'POST', url, {
        address: 'x@tend.test',
        name: 'X',
        teamId: '00000000-0000-7000-8000-000000000000',
      }),
      'body.teamId',
    );
    expectFieldError(
      await call(server.app, desk.admin, 'POST', url, {
        address: 'x@tend.test',
        name: 'X',
        imap: { host: 'imap.example', user: 'u' },
      }),
      'body.imap.password',
    );
    expectFieldError(
      await call(server.app, desk.admin, 'POST', url, { address: 'not an address', name: 'X' }),
      'body.address',
    );
    expectFieldError(
      await call(server.app, desk.admin, 'POST', url, { address: 'x@tend.test', name: 'X', colour: 'red' }),
      'body.colour',
    );
  });

  it('is for administrators only, and so is the record of received mail', async () => {
    for (const caller of [desk.agent, desk.janeCaller]) {
      expect((await call(server.app, caller, 'GET', url)).status).toBe(403);
      expect(
        (await call(server.app, caller, 'POST', url, { address: 'y@tend.test', name: 'Y' })).status,
      ).toBe(403);
      expect((await call(server.app, caller, 'GET', '/api/v1/channels/email/messages')).status).toBe(403);
    }
    expect((await call(server.app, desk.inbound, 'GET', url)).status).toBe(403);
  });

  it('documents every email-channel route in the OpenAPI document', async () => {
    const paths = Object.keys(
      (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths,
    );
    for (const path of [
      '/api/v1/channels/email/inbound',
      '/api/v1/channels/email/mailboxes',
      '/api/v1/channels/email/mailboxes/{id}',
      '/api/v1/channels/email/messages',
      '/api/v1/channels/email/messages/{id}',
      '/api/v1/channels/email/messages/{id}/raw',
      '/api/v1/channels/email/messages/{id}/reprocess',
    ])
      expect(paths).toContain(path);
  });
});
