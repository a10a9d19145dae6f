import type { TicketFilters } from '../src/contracts/tickets.js';
import { ticketSort } from '../src/contracts/tickets.js';
import { listTickets } from '../src/features/tickets/tickets.repo.js';
import type { Actor } from '../src/platform/actor.js';
import type { BenchDatabase } from './db.js';

/**
 * Every sort of GET /tickets with each filter it offers, first page (25) and the page after it,
 * as an administrator (all organisations) and as an agent (the organisations their teams serve),
 * through the repository function the API calls. Reports the slowest combinations: with an index
 * for every list, none should scan the table.
 */
export interface ListTiming {
  who: string;
  sort: string;
  filter: string;
  ms: number;
}

export async function listMatrix(
  database: BenchDatabase,
  actors: { name: string; actor: Actor }[],
  sample: { teamId: string; assigneeId: string; organisationId: string; requesterId: string },
  repeat = 3,
): Promise<ListTiming[]> {
  const open = [
    'new',
    'open',
    'pending_customer',
    'pending_third_party',
    'on_hold',
  ] as TicketFilters['status'];
  const filters: [string, TicketFilters][] = [
    ['none', {}],
    ['status=open set', { status: open }],
    ['status=closed', { status: ['closed'] }],
    ['teamId', { teamId: sample.teamId }],
    ['teamId + open', { teamId: sample.teamId, status: open }],
    ['assigneeId + open', { assigneeId: sample.assigneeId, status: open }],
    ['assigneeId=none', { assigneeId: 'none' }],
    ['organisationId', { organisationId: sample.organisationId }],
    ['requesterId', { requesterId: sample.requesterId }],
    ['priority=P1', { priority: ['P1'] }],
    ['type=problem', { type: ['problem'] }],
    ['tier=L3', { tier: ['L3'] }],
    ['tag=vip', { tag: 'vip' }],
    ['tag=hardware', { tag: 'hardware' }],
    ['q=password', { q: 'password' }],
    ['q=rare word', { q: 'err-4821' }],
    ['created last 30 days', { createdFrom: new Date(Date.now() - 30 * 86_400_000).toISOString() }],
    ['updated in one old week', { updatedFrom: '2025-03-01T00:00:00Z', updatedTo: '2025-03-08T00:00:00Z' }],
    ['sla=breached', { sla: 'breached' } as TicketFilters],
    ['sla=breaching', { sla: 'breaching', slaWithinMinutes: 240 } as TicketFilters],
  ];
  const timings: ListTiming[] = [];
  for (const { name, actor } of actors) {
    for (const sort of ticketSort.options) {
      for (const [label, filter] of filters) {
        let best = Number.POSITIVE_INFINITY;
        for (let i = 0; i < repeat; i++) {
          const began = performance.now();
          const first = await listTickets(database.db, actor, filter, { sort, limit: 25, now: new Date() });
          if (first.nextCursor)
            await listTickets(database.db, actor, filter, {
              sort,
              limit: 25,
              cursor: first.nextCursor,
              now: new Date(),
            });
          best = Math.min(best, performance.now() - began);
        }
        timings.push({ who: name, sort, filter: label, ms: Math.round(best * 10) / 10 });
      }
    }
  }
  return timings.sort((a, b) => b.ms - a.ms);
}
