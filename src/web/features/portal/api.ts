import { notifications } from '@mantine/notifications';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { z } from 'zod';
import type { User } from '../../../contracts/directory.js';
import type { Attachment } from '../../../contracts/ticket-attachments.js';
import type { CsatRating } from '../../../contracts/ticket-csat.js';
import type { createTicket, message, Ticket } from '../../../contracts/tickets.js';
import { api, type QueryParams } from '../../app/api';
import { contentTypeOf, postRaw } from '../../app/upload';
import { t } from '../../i18n/t';
import { fetchAllPages, useCursorList } from '../../ui/lists';

export type Message = z.infer<typeof message>;
export type NewTicket = z.input<typeof createTicket>;

/**
 * Query keys follow the live updates (app/live.ts): lists under ['tickets', …], one ticket and
 * everything about it under ['ticket', <number>], so a server event refreshes what is on screen.
 */
export const portalKeys = {
  list: ['tickets', 'portal'] as const,
  ticket: (ref: string) => ['ticket', ref] as const,
  part: (ref: string, part: 'messages' | 'attachments' | 'ratings') => ['ticket', ref, part] as const,
};

const path = (ref: string, rest = '') => `/tickets/${encodeURIComponent(ref)}${rest}`;

export function usePortalTickets(filters: QueryParams) {
  return useCursorList<Ticket>(portalKeys.list, '/tickets', { sort: '-updatedAt', ...filters });
}

export const portalTicketQuery = (ref: string) =>
  queryOptions({
    queryKey: portalKeys.ticket(ref),
    queryFn: ({ signal }) => api.get<Ticket>(path(ref), undefined, signal),
    staleTime: 10_000,
  });

/** The public conversation, oldest first (the server never sends a customer internal notes). */
export const messagesQuery = (ref: string) =>
  queryOptions({
    queryKey: portalKeys.part(ref, 'messages'),
    queryFn: () => fetchAllPages<Message>(path(ref, '/messages')),
    staleTime: 10_000,
  });

export const attachmentsQuery = (ref: string) =>
  queryOptions({
    queryKey: portalKeys.part(ref, 'attachments'),
    queryFn: () => fetchAllPages<Attachment>(path(ref, '/attachments')),
    staleTime: 10_000,
  });

export const ratingsQuery = (ref: string) =>
  queryOptions({
    queryKey: portalKeys.part(ref, 'ratings'),
    queryFn: async () => (await api.get<{ items: CsatRating[] }>(path(ref, '/ratings'))).items,
    staleTime: 10_000,
  });

/**
 * Names of the people of one's own organisation: a customer manager may read them (who opened a
 * ticket, who replied); a requester sees only themselves, so for them this stays off.
 */
export function useColleagueNames(enabled: boolean): Map<string, string> {
  const { data } = useQuery({
    queryKey: ['users', 'portal-colleagues'],
    queryFn: () => fetchAllPages<User>('/users', { sort: 'name' }),
    staleTime: 5 * 60_000,
    enabled,
  });
  return new Map((data ?? []).map((user) => [user.id, user.name]));
}

/**
 * Upload files to a ticket, one after the other; returns their ids for the message they go with.
 * `known` remembers files already uploaded, so that trying a failed reply again sends each once.
 */
export async function uploadFiles(
  ref: string,
  files: readonly File[],
  known: Map<File, string> = new Map(),
): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    let id = known.get(file);
    if (!id) {
      const uploaded = await postRaw<Attachment>(
        path(ref, '/attachments'),
        { fileName: file.name, visibility: 'public' },
        file,
        contentTypeOf(file),
      );
      id = uploaded.id;
      known.set(file, id);
    }
    ids.push(id);
  }
  return ids;
}

function useRefresh(ref: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: portalKeys.ticket(ref) }),
      queryClient.invalidateQueries({ queryKey: portalKeys.list }),
    ]);
}

/**
 * Open a ticket, then attach its files (attachments need the ticket first). The ticket exists once
 * created: a file that fails to upload is reported, never a reason to open the ticket twice.
 */
export function useOpenTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ ticket, files }: { ticket: NewTicket; files: File[] }) => {
      const created = await api.post<Ticket>('/tickets', ticket);
      const failed: string[] = [];
      for (const file of files) {
        await uploadFiles(created.number, [file]).catch(() => failed.push(file.name));
      }
      return { ticket: created, failed };
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.list }),
  });
}

export function useReply(ref: string) {
  const refresh = useRefresh(ref);
  const known = useRef(new Map<File, string>());
  return useMutation({
    mutationFn: async ({ body, files }: { body: string; files: File[] }) => {
      const attachmentIds = files.length > 0 ? await uploadFiles(ref, files, known.current) : undefined;
      return api.post<Message>(path(ref, '/messages'), { body, visibility: 'public', attachmentIds });
    },
    onSuccess: () => {
      known.current.clear();
      return refresh();
    },
  });
}

type Move = { status: 'closed' | 'open'; reason?: string /** said once it is done */; done: string };

/**
 * Close (withdraw) or reopen; customers may do nothing else with a ticket's status. The refreshed
 * ticket may no longer offer the action (and unmount its dialog), so the confirmation is shown here.
 */
export function useMoveTicket(ref: string) {
  const refresh = useRefresh(ref);
  return useMutation({
    mutationFn: ({ status, reason }: Move) =>
      api.post<Ticket>(path(ref, '/transition'), reason ? { status, reason } : { status }),
    onSuccess: (_ticket, move) => {
      notifications.show({ color: 'tend', message: move.done });
      return refresh();
    },
  });
}

/** Rate the current resolution; the card turns into the thank-you, so the hook confirms it. */
export function useRate(ref: string) {
  const refresh = useRefresh(ref);
  return useMutation({
    mutationFn: (input: { score: number; comment: string }) =>
      api.post<CsatRating>(path(ref, '/rating'), input),
    onSuccess: () => {
      notifications.show({ color: 'tend', message: t('portal.ratingSaved') });
      return refresh();
    },
  });
}
