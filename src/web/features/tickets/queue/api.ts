import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Team, User } from '../../../../contracts/directory.js';
import type { BulkItemResult, bulkChanges } from '../../../../contracts/ticket-bulk.js';
import type { SavedView } from '../../../../contracts/ticket-views.js';
import type { createTicket, Ticket } from '../../../../contracts/tickets.js';
import { api, type QueryParams } from '../../../app/api';
import { isStaff } from '../../../app/permissions';
import { useSession } from '../../../app/session';
import { fetchAllPages, useCursorList } from '../../../ui/lists';
import type { TicketSort } from './search';

/**
 * Queue data. Keys start with ['tickets'] and ['ticket-views'] on purpose: the live updates
 * (app/live.ts) invalidate those prefixes when tickets change, so lists and counts follow.
 */
export const queueKeys = {
  tickets: ['tickets'] as const,
  list: ['tickets', 'list'] as const,
  views: ['ticket-views'] as const,
};

export function useTicketList(filters: QueryParams) {
  return useCursorList<Ticket>(queueKeys.list, '/tickets', filters);
}

export const savedViewsQuery = queryOptions({
  queryKey: [...queueKeys.views, 'mine'],
  queryFn: async () => (await api.get<{ items: SavedView[] }>('/views')).items,
  staleTime: 15_000,
});

/** Every team (a few dozen at most), for filters, bulk moves and names next to ids. */
export const allTeamsQuery = queryOptions({
  queryKey: ['teams', 'everything'],
  queryFn: () => fetchAllPages<Team>('/teams', { sort: 'name' }),
  staleTime: 60_000,
});

/** The provider's active staff: assignees. */
export const staffQuery = (providerId: string) =>
  queryOptions({
    queryKey: ['users', 'staff', providerId],
    queryFn: async () =>
      (
        await fetchAllPages<User>('/users', { organisationId: providerId, active: true, sort: 'name' })
      ).filter((user) => isStaff(user.role)),
    staleTime: 60_000,
  });

/** The teams I am a member of, and lookups by id for teams and staff. */
export function useDeskDirectory() {
  const { user, organisation } = useSession();
  const teams = useQuery(allTeamsQuery).data ?? [];
  const staff = useQuery(staffQuery(organisation.id)).data ?? [];
  return {
    teams,
    staff,
    myTeams: teams.filter((team) => team.members.some((member) => member.id === user.id)),
    teamById: new Map(teams.map((team) => [team.id, team])),
    staffById: new Map(staff.map((person) => [person.id, person])),
  };
}

export type ViewInput = {
  name: string;
  filters: Record<string, string>;
  sort: TicketSort;
  teamId: string | null;
};

function useInvalidateViews() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queueKeys.views });
}

export function useSaveView(id: string | null) {
  const invalidate = useInvalidateViews();
  return useMutation({
    mutationFn: (input: Partial<ViewInput>) =>
      id
        ? api.patch<SavedView>(`/views/${encodeURIComponent(id)}`, input)
        : api.post<SavedView>('/views', input),
    onSuccess: invalidate,
  });
}

export function useDeleteView() {
  const invalidate = useInvalidateViews();
  return useMutation({
    mutationFn: (view: SavedView) => api.delete(`/views/${encodeURIComponent(view.id)}`),
    onSuccess: invalidate,
  });
}

export type BulkChanges = z.input<typeof bulkChanges>;
export type BulkInput = { ticketIds: string[]; changes: BulkChanges; reason?: string };

/** The bulk endpoint answers 200 with a result per ticket; some may have failed. */
export function useBulkUpdate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BulkInput) => api.post<{ results: BulkItemResult[] }>('/tickets/bulk', input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queueKeys.tickets }),
        queryClient.invalidateQueries({ queryKey: queueKeys.views }),
        queryClient.invalidateQueries({ queryKey: ['ticket'] }),
      ]),
  });
}

export type NewTicketInput = z.input<typeof createTicket>;

export function useOpenTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewTicketInput) => api.post<Ticket>('/tickets', input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queueKeys.tickets }),
        queryClient.invalidateQueries({ queryKey: queueKeys.views }),
      ]),
  });
}
