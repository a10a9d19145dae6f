import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/app.js';
import { attachmentHelpers } from '../support/attachments.js';
import { type Desk, givenDesk } from '../support/desk.js';
import { givenUser, PASSWORD } from '../support/factories.js';
import { type Caller, call, login, type Response } from '../support/http.js';

/*
 * Tickets, their conversation, files and time, role by role, for a ticket of organisation A.
 * Whoever cannot open the ticket (an agent serving only B, B's requester, another requester of A)
 * gets 404 for every operation, read or write, exactly as for a ticket that does not exist: never
 * 403, never a byte of it. Whoever can open it gets 403 for what their role may not do.
 */

type Who =
  | 'admin'
  | 'serviceManager'
  | 'agentA'
  | 'agentB'
  | 'managerA'
  | 'owner'
  | 'colleagueA'
  | 'requesterB';
const WHO: Who[] = [
  'admin',
  'serviceManager',
  'agentA',
  'agentB',
  'managerA',
  'owner',
  'colleagueA',
  'requesterB',
];
type Expect = number | 'listed' | 'not listed';

let server: TestServer;
let desk: Desk;
const as = {} as Record<Who, Caller>;
const fx = {
  ticket: '',
  subject: 'Payroll export corrupts umlauts',
  note: 'INTERNAL: suspect the CSV encoder',
  noteId: '',
  publicFile: '',
  internalFile: '',
  candidate: '',
};

const app = () => server.app;
const ticketUrl = (suffix = '', ref = fx.ticket) => `/api/v1/tickets/${ref}${suffix}`;
const { upload, download } = attachmentHelpers(
  () => server,
  () => desk,
);
/** A new ticket of A opened by its owner, for writes that change or close what they touch. */
const fresh = async () =>
  (
    await call(app(), desk.callers.requester, 'POST', '/api/v1/tickets', {
      subject: 'Fresh ticket for a write',
      description: 'Matrix fixture.',
    })
  ).body.id as string;

beforeAll(async () => {
  server = await startTestServer();
  desk = await givenDesk(server);
  const manager = await givenUser(server.database.db, 'service_manager', desk.providerId);
  Object.assign(as, {
    admin: desk.callers.admin,
    serviceManager: await login(app(), manager.email, PASSWORD),
    agentA: desk.callers.agent1,
    agentB: desk.callers.outsider,
    managerA: desk.callers.manager,
    owner: desk.callers.requester,
    colleagueA: desk.callers.colleague,
    requesterB: desk.callers.requesterB,
  });
  fx.candidate = (await givenUser(server.database.db, 'requester', desk.a.id)).id;
  const ticket = await call(app(), desk.callers.requester, 'POST', '/api/v1/tickets', {
    subject: fx.subject,
    description: 'Ä becomes Ã„ in the export.',
  });
  fx.ticket = ticket.body.id;
  await call(app(), desk.callers.agent1, 'POST', ticketUrl('/messages'), { body: 'Looking into it.' });
  const note = await call(app(), desk.callers.agent1, 'POST', ticketUrl('/messages'), {
    body: fx.note,
    visibility: 'internal',
  });
  fx.noteId = note.body.id;
  fx.publicFile = (await upload(desk.callers.requester, fx.ticket, 'public bytes')).body.id;
  fx.internalFile = (
    await upload(desk.callers.agent1, fx.ticket, 'internal bytes', {
      fileName: 'trace.txt',
      contentType: 'text/plain',
      visibility: 'internal',
    })
  ).body.id;
  await call(app(), desk.callers.agent1, 'POST', ticketUrl('/time-entries'), {
    minutes: 30,
    activity: 'analysis',
  });
  await call(app(), desk.callers.agent1, 'POST', ticketUrl('/links'), {
    kind: 'related',
    ticket: await fresh(),
  });
});
afterAll(async () => server?.close());

type Op = (caller: Caller) => Promise<Response<any>>;
const ops: Record<string, Op> = {
  'GET ticket': (c) => call(app(), c, 'GET', ticketUrl()),
  'list tickets': (c) => call(app(), c, 'GET', '/api/v1/tickets?limit=100'),
  'search tickets by number': async (c) => {
    const number = (await call(app(), desk.callers.admin, 'GET', ticketUrl())).body.number;
    return call(app(), c, 'GET', `/api/v1/tickets?q=${number}&limit=100`);
  },
  PATCH: async (c) =>
    call(app(), c, 'PATCH', ticketUrl('', await fresh()), { urgency: 'high' }, { 'if-match': '"1"' }),
  'transition (close)': async (c) =>
    call(app(), c, 'POST', ticketUrl('/transition', await fresh()), {
      status: 'closed',
      reason: 'withdrawn',
    }),
  escalate: async (c) =>
    call(app(), c, 'POST', ticketUrl('/escalate', await fresh()), { reason: 'needs L2' }),
  assign: async (c) =>
    call(app(), c, 'POST', ticketUrl('/assign', await fresh()), { assigneeId: desk.agent1.id }),
  'messages list': (c) => call(app(), c, 'GET', ticketUrl('/messages?limit=100')),
  'reply (public)': (c) => call(app(), c, 'POST', ticketUrl('/messages'), { body: 'Any news?' }),
  'internal note': (c) =>
    call(app(), c, 'POST', ticketUrl('/messages'), { body: 'Note.', visibility: 'internal' }),
  history: (c) => call(app(), c, 'GET', ticketUrl('/history?limit=100')),
  'attachments list': (c) => call(app(), c, 'GET', ticketUrl('/attachments')),
  'download public attachment': (c) => download(c, fx.publicFile),
  'download internal attachment': (c) => download(c, fx.internalFile),
  'upload attachment': (c) => upload(c, fx.ticket, 'more bytes', { fileName: 'more.png' }),
  'upload internal attachment': (c) =>
    upload(c, fx.ticket, 'notes', { fileName: 'n.txt', visibility: 'internal' }),
  'time entries list': (c) => call(app(), c, 'GET', ticketUrl('/time-entries')),
  'log time': (c) =>
    call(app(), c, 'POST', ticketUrl('/time-entries'), { minutes: 15, activity: 'communication' }),
  'SLA explain': (c) => call(app(), c, 'GET', ticketUrl('/sla')),
  'change SLA policy': async (c) =>
    call(app(), c, 'PUT', ticketUrl('/sla-policy', await fresh()), { policyId: null }),
  'links list': (c) => call(app(), c, 'GET', ticketUrl('/links')),
  link: async (c) => call(app(), c, 'POST', ticketUrl('/links'), { kind: 'related', ticket: await fresh() }),
  'merge into another ticket': async (c) =>
    call(app(), c, 'POST', ticketUrl('/merge', await fresh()), { into: await fresh() }),
  'watchers list': (c) => call(app(), c, 'GET', ticketUrl('/watchers')),
  'add watcher (a colleague)': async (c) =>
    call(app(), c, 'POST', ticketUrl('/watchers', await fresh()), { userId: fx.candidate }),
};

const L = 'listed';
const N = 'not listed';
// biome-ignore format: the table is aligned by column
const matrix: [string, Expect[]][] = [
  //                                    admin serviceMgr agentA agentB managerA owner colleagueA requesterB
  ['GET ticket',                         [200, 200, 200, 404, 200, 200, 404, 404]],
  ['list tickets',                       [  L,   L,   L,   N,   L,   L,   N,   N]],
  ['search tickets by number',           [  L,   L,   L,   N,   L,   L,   N,   N]],
  ['PATCH',                              [200, 200, 200, 404, 403, 403, 404, 404]],
  ['transition (close)',                 [200, 200, 200, 404, 200, 200, 404, 404]],
  ['escalate',                           [200, 200, 200, 404, 403, 403, 404, 404]],
  ['assign',                             [200, 200, 200, 404, 403, 403, 404, 404]],
  ['messages list',                      [200, 200, 200, 404, 200, 200, 404, 404]],
  ['reply (public)',                     [201, 201, 201, 404, 201, 201, 404, 404]],
  ['internal note',                      [201, 201, 201, 404, 403, 403, 404, 404]],
  ['history',                            [200, 200, 200, 404, 200, 200, 404, 404]],
  ['attachments list',                   [200, 200, 200, 404, 200, 200, 404, 404]],
  ['download public attachment',         [200, 200, 200, 404, 200, 200, 404, 404]],
  ['download internal attachment',       [200, 200, 200, 404, 404, 404, 404, 404]],
  ['upload attachment',                  [201, 201, 201, 404, 201, 201, 404, 404]],
  ['upload internal attachment',         [201, 201, 201, 404, 403, 403, 404, 404]],
  ['time entries list',                  [200, 200, 200, 404, 200, 403, 404, 404]],
  ['log time',                           [201, 201, 201, 404, 403, 403, 404, 404]],
  ['SLA explain',                        [200, 200, 200, 404, 200, 200, 404, 404]],
  ['change SLA policy',                  [200, 200, 403, 404, 403, 403, 404, 404]],
  ['links list',                         [200, 200, 200, 404, 200, 200, 404, 404]],
  ['link',                               [201, 201, 201, 404, 403, 403, 404, 404]],
  ['merge into another ticket',          [200, 200, 200, 404, 403, 403, 404, 404]],
  ['watchers list',                      [200, 200, 200, 404, 200, 200, 404, 404]],
  ['add watcher (a colleague)',          [201, 201, 201, 404, 201, 201, 404, 404]],
];
const cells = matrix.flatMap(([op, expected]) => WHO.map((who, i) => [op, who, expected[i]!] as const));
const CUSTOMERS: Who[] = ['managerA', 'owner'];

describe('a ticket of organisation A, operation by role', () => {
  it.each(cells)('%s as %s → %s', async (op, who, expected) => {
    const response = await ops[op]!(as[who]);
    const text = JSON.stringify(response.body);
    if (expected === 'listed' || expected === 'not listed') {
      expect(response.status).toBe(200);
      const ids = response.body.items.map((item: { id: string }) => item.id);
      if (expected === 'listed') expect(ids).toContain(fx.ticket);
      else expect(text).not.toContain(fx.ticket);
      return;
    }
    expect(response.status, text).toBe(expected);
    if (expected === 404 || expected === 403) {
      expect(Object.keys(response.body)).toEqual(['error']);
      expect(response.body.error.code).toMatch(expected === 404 ? /\.not_found$/ : /forbidden$/);
      expect(text).not.toContain(fx.subject);
      if (expected === 404) expect(text).not.toContain(fx.ticket);
    }
    // Customers who see the ticket never see what is internal to the support team.
    if (CUSTOMERS.includes(who) && expected === 200) {
      expect(text).not.toContain(fx.note);
      expect(text).not.toContain(fx.noteId);
      expect(text).not.toContain(fx.internalFile);
    }
  });

  it('answers 404, not 403, for a ticket that does not exist, whoever asks', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const who of WHO) {
      const patch = await call(
        app(),
        as[who],
        'PATCH',
        ticketUrl('', missing),
        { urgency: 'low' },
        { 'if-match': '"1"' },
      );
      const note = await call(app(), as[who], 'POST', ticketUrl('/messages', missing), {
        body: 'x',
        visibility: 'internal',
      });
      expect([patch.status, note.status]).toEqual([404, 404]);
    }
  });
});
