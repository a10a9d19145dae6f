import { describe, expect, it } from 'vitest';
import { deliveryBody, patternsSelecting, wantsEvent } from './events.js';

describe('event type patterns', () => {
  it('selects an event by *, its exact type or any of its prefixes', () => {
    expect(patternsSelecting('ticket.created')).toEqual(['*', 'ticket.created', 'ticket.*']);
    expect(patternsSelecting('a.b.c')).toEqual(['*', 'a.b.c', 'a.*', 'a.b.*']);
    expect(patternsSelecting('ping')).toEqual(['*', 'ping']);
  });

  it('matches subscriptions', () => {
    expect(wantsEvent(['*'], 'ticket.created')).toBe(true);
    expect(wantsEvent(['ticket.*'], 'ticket.created')).toBe(true);
    expect(wantsEvent(['ticket.resolved', 'ticket.closed'], 'ticket.closed')).toBe(true);
    expect(wantsEvent(['ticket.resolved'], 'ticket.created')).toBe(false);
    expect(wantsEvent(['tick.*'], 'ticket.created')).toBe(false);
    expect(wantsEvent(['ticket.created.*'], 'ticket.created')).toBe(false);
  });
});

describe('the delivery body', () => {
  it('is the envelope {id, type, occurredAt, organisationId, data} around the event payload', () => {
    const body = deliveryBody({
      id: 42,
      type: 'ticket.created',
      at: new Date('2030-01-02T03:04:05.678Z'),
      organisationId: null,
      payload: { ticketId: 't-1' },
    });
    expect(body).toBe(
      '{"id":"42","type":"ticket.created","occurredAt":"2030-01-02T03:04:05.678Z","organisationId":null,"data":{"ticketId":"t-1"}}',
    );
  });
});
