import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Attachment } from '../../../../contracts/ticket-attachments.js';
import type { CsatRating } from '../../../../contracts/ticket-csat.js';
import type { TicketLink } from '../../../../contracts/ticket-links.js';
import type { TimeEntry } from '../../../../contracts/ticket-time-entries.js';
import type { Watcher } from '../../../../contracts/ticket-watchers.js';
import type { Ticket } from '../../../../contracts/tickets.js';
import { api, request } from '../../../app/api';
import { fetchAllPages } from '../../../ui/lists';
import type {
  HistoryEntry,
  InboundEmail,
  Message,
  SlaExplanation,
  TicketChanges,
  TimeEntryPage,
} from './types';

/**
 * Every query of the ticket page lives under ['ticket', ref, …]: the live updates invalidate
 * ['ticket', <number>] and ['ticket', <id>], which refreshes the ticket and all its parts at once.
 */
export const ticketKeys = {
  one: (ref: string) => ['ticket', ref] as const,
  part: (ref: string, part: string) => ['ticket', ref, part] as const,
};

const path = (ref: string, rest = '') => `/tickets/${encodeURIComponent(ref)}${rest}`;

export const ticketQuery = (ref: string) =>
  queryOptions({
    queryKey: ticketKeys.one(ref),
    queryFn: ({ signal }) => api.get<Ticket>(path(ref), undefined, signal),
    staleTime: 10_000,
  });

/** The ticket's parts, each a list fetched whole (a conversation is read from the top). */
function partQuery<T>(ref: string, part: string, load: () => Promise<T>) {
  return queryOptions({ queryKey: ticketKeys.part(ref, part), queryFn: load, staleTime: 10_000 });
}

export const messagesQuery = (ref: string) =>
  partQuery(ref, 'messages', () => fetchAllPages<Message>(path(ref, '/messages')));
export const attachmentsQuery = (ref: string) =>
  partQuery(ref, 'attachments', () => fetchAllPages<Attachment>(path(ref, '/attachments')));
export const emailsQuery = (ref: string) =>
  partQuery(
    ref,
    'emails',
    async () => (await api.get<{ items: InboundEmail[] }>(path(ref, '/emails'))).items,
  );
export const slaQuery = (ref: string) =>
  partQuery(ref, 'sla', () => api.get<SlaExplanation>(path(ref, '/sla')));
export const linksQuery = (ref: string) =>
  partQuery(ref, 'links', () => fetchAllPages<TicketLink>(path(ref, '/links')));
export const historyQuery = (ref: string) =>
  partQuery(ref, 'history', () => fetchAllPages<HistoryEntry>(path(ref, '/history')));
export const watchersQuery = (ref: string) =>
  partQuery(ref, 'watchers', async () => (await api.get<{ items: Watcher[] }>(path(ref, '/watchers'))).items);
export const ratingsQuery = (ref: string) =>
  partQuery(
    ref,
    'ratings',
    async () => (await api.get<{ items: CsatRating[] }>(path(ref, '/ratings'))).items,
  );

/** Time entries with the ticket's totals (the totals cover every entry, not just the first page). */
export const timeEntriesQuery = (ref: string) =>
  partQuery(ref, 'time', async (): Promise<TimeEntryPage> => {
    const first = await api.get<TimeEntryPage>(path(ref, '/time-entries'), { limit: 100 });
    const items: TimeEntry[] = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await api.get<TimeEntryPage>(path(ref, '/time-entries'), { limit: 100, cursor });
      items.push(...next.items);
      cursor = next.nextCursor;
    }
    return { ...first, items, nextCursor: null };
  });

/** After any change, the ticket and everything under it is read again (history, SLA, …). */
export function useRefreshTicket(ref: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ticketKeys.one(ref) });
}

/** Put a ticket the server returned into the cache, then refresh its parts. */
export function useStoreTicket(ref: string) {
  const queryClient = useQueryClient();
  return (ticket: Ticket) => {
    queryClient.setQueryData(ticketKeys.one(ref), ticket);
    return queryClient.invalidateQueries({
      queryKey: ticketKeys.one(ref),
      predicate: (query) => query.queryKey.length > 2,
    });
  };
}

/** PATCH with the version the edit started from: a 412 means someone else changed the ticket. */
export function patchTicket(ref: string, baseVersion: number, changes: TicketChanges) {
  return request<Ticket>('PATCH', path(ref), {
    body: changes,
    headers: { 'If-Match': `"${baseVersion}"` },
  });
}

export function useTicketAction<Input, Output = Ticket>(
  ref: string,
  call: (input: Input) => Promise<Output>,
) {
  const refresh = useRefreshTicket(ref);
  return useMutation({ mutationFn: call, onSuccess: () => refresh() });
}

export const ticketApi = {
  transition: (ref: string, status: string, reason?: string) =>
    api.post<Ticket>(path(ref, '/transition'), reason ? { status, reason } : { status }),
  escalate: (
    ref: string,
    direction: 'up' | 'down',
    body: { reason: string; tier?: string; teamId?: string },
  ) => api.post<Ticket>(path(ref, direction === 'up' ? '/escalate' : '/de-escalate'), body),
  reply: (ref: string, body: { body: string; visibility: 'public' | 'internal'; attachmentIds?: string[] }) =>
    api.post<Message>(path(ref, '/messages'), body),
  addLink: (ref: string, kind: string, other: string) =>
    api.post<TicketLink>(path(ref, '/links'), { kind, ticket: other }),
  removeLink: (ref: string, linkId: string) => api.delete(path(ref, `/links/${encodeURIComponent(linkId)}`)),
  merge: (ref: string, into: string, reason?: string) =>
    api.post<{ ticket: Ticket; into: Ticket; moved: Record<string, number> }>(path(ref, '/merge'), {
      into,
      ...(reason ? { reason } : {}),
    }),
  addWatcher: (ref: string, userId: string) => api.post<Watcher>(path(ref, '/watchers'), { userId }),
  removeWatcher: (ref: string, userId: string) =>
    api.delete(path(ref, `/watchers/${encodeURIComponent(userId)}`)),
  addTimeEntry: (ref: string, body: object) => api.post<TimeEntry>(path(ref, '/time-entries'), body),
  removeTimeEntry: (id: string) => api.delete(`/time-entries/${encodeURIComponent(id)}`),
  lookup: (ref: string) => api.get<Ticket>(path(ref)),
};
