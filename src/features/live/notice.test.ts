import { describe, expect, it } from 'vitest';
import type { Role } from '../../contracts/common.js';
import type { Actor } from '../../platform/actor.js';
import { audience, type LiveNotice, parseNotice, toLiveEvent } from './notice.js';

const ORG_A = 'a0000000-0000-7000-8000-000000000001';
const ORG_B = 'b0000000-0000-7000-8000-000000000002';
const ME = 'c0000000-0000-7000-8000-000000000003';
const OTHER = 'd0000000-0000-7000-8000-000000000004';

const actor = (role: Role, organisations: Actor['organisations'], userId = ME): Actor => ({
  kind: 'user',
  userId,
  role,
  organisationId: null,
  scopes: 'all',
  tokenId: null,
  organisations,
});
const inA = { all: false, ids: [ORG_A] } as const;
const everything = { all: true } as const;

const notice = (
  overrides: Partial<LiveNotice> = {},
  ticket: Partial<NonNullable<LiveNotice['ticket']>> = {},
) => ({
  id: 7,
  type: 'ticket.updated',
  at: '2030-01-02T03:04:05.678+00:00',
  kind: 'ticket',
  entityId: 'e0000000-0000-7000-8000-000000000005',
  organisationId: ORG_A,
  actorId: OTHER,
  internal: false,
  ticket: {
    number: 10001,
    teamId: null,
    requesterId: OTHER,
    watcherIds: [],
    watchersTruncated: false,
    ...ticket,
  },
  ...overrides,
});

describe('who hears of an event', () => {
  const cases: [string, Actor, LiveNotice, 'yes' | 'no' | 'check'][] = [
    ['an agent, of their organisation', actor('agent', inA), notice(), 'yes'],
    [
      'an agent, of an internal note',
      actor('agent', inA),
      notice({ internal: true, type: 'ticket.noted' }),
      'yes',
    ],
    ['an agent, not of another organisation', actor('agent', inA), notice({ organisationId: ORG_B }), 'no'],
    ['an agent, of a change in scope', actor('agent', inA), notice({ kind: 'change', ticket: null }), 'yes'],
    [
      'an agent with a scope, not of an event of no organisation',
      actor('agent', inA),
      notice({ organisationId: null }),
      'no',
    ],
    [
      'an admin, of an event of no organisation',
      actor('admin', everything),
      notice({ organisationId: null }),
      'yes',
    ],
    ['a customer manager, of their organisation', actor('customer_manager', inA), notice(), 'yes'],
    [
      'a customer manager, not of another',
      actor('customer_manager', inA),
      notice({ organisationId: ORG_B }),
      'no',
    ],
    ['a customer manager, never of a note', actor('customer_manager', inA), notice({ internal: true }), 'no'],
    [
      'a customer manager, not of a change request',
      actor('customer_manager', inA),
      notice({ kind: 'change', ticket: null }),
      'no',
    ],
    ['a requester, of their own ticket', actor('requester', inA), notice({}, { requesterId: ME }), 'yes'],
    [
      'a requester, of a watched ticket',
      actor('requester', inA),
      notice({}, { watcherIds: [OTHER, ME] }),
      'yes',
    ],
    ['a requester, not of a colleague’s', actor('requester', inA), notice(), 'no'],
    [
      'a requester, never of a note on their own',
      actor('requester', inA),
      notice({ internal: true }, { requesterId: ME }),
      'no',
    ],
    [
      'a requester, to be checked when watchers were left out',
      actor('requester', inA),
      notice({}, { watchersTruncated: true }),
      'check',
    ],
  ];
  it.each(cases)('%s', (_name, who, event, expected) => {
    expect(audience(who, event)).toBe(expected);
  });
});

describe('what they are told', () => {
  it('names the entity and number, says whether it was them, and nothing of the content', () => {
    expect(toLiveEvent(actor('agent', inA, OTHER), notice())).toEqual({
      id: 7,
      type: 'ticket.updated',
      at: '2030-01-02T03:04:05.678Z',
      entity: { kind: 'ticket', id: 'e0000000-0000-7000-8000-000000000005', number: 'T-10001' },
      byYou: true,
    });
  });

  it('takes only notices that look like one', () => {
    expect(parseNotice('not json')).toBeNull();
    expect(parseNotice('{"id":"1","type":"x","kind":"y"}')).toBeNull();
    expect(parseNotice(JSON.stringify(notice()))).toMatchObject({ id: 7 });
  });
});
