import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Tier } from '../../../../contracts/common.js';
import type { Organisation, Team, User } from '../../../../contracts/directory.js';
import { api } from '../../../app/api';
import { t } from '../../../i18n/t';
import { fetchAllPages } from '../../../ui/lists';
import { userQuery } from '../../admin/users/api';

/** Names next to ids on the ticket page: people, teams, the organisation; and the pickers' choices. */

const teamQuery = (id: string) =>
  queryOptions({
    queryKey: ['teams', 'one', id],
    queryFn: () => api.get<Team>(`/teams/${encodeURIComponent(id)}`),
    staleTime: 5 * 60_000,
    retry: false,
  });

const organisationQuery = (id: string) =>
  queryOptions({
    queryKey: ['organisations', 'one', id],
    queryFn: () => api.get<Organisation>(`/organisations/${encodeURIComponent(id)}`),
    staleTime: 5 * 60_000,
    retry: false,
  });

export function useUserName(id: string | null | undefined): string {
  const { data, isError } = useQuery({ ...userQuery(id ?? ''), enabled: Boolean(id) });
  if (!id) return t('ticket.system');
  if (data) return data.name;
  return isError ? t('common.unknown') : '…';
}

export function useTeamName(id: string | null | undefined): string {
  const { data, isError } = useQuery({ ...teamQuery(id ?? ''), enabled: Boolean(id) });
  if (!id) return t('ticket.noTeam');
  if (data) return data.name;
  return isError ? t('common.unknown') : '…';
}

export function useOrganisationName(id: string): string {
  const { data } = useQuery(organisationQuery(id));
  return data?.name ?? '…';
}

/** Teams serving the ticket's organisation, optionally of one tier (the queues it may move to). */
export const servingTeamsQuery = (organisationId: string, tier?: Tier) =>
  queryOptions({
    queryKey: ['teams', 'serving', organisationId, tier ?? 'any'],
    queryFn: () =>
      fetchAllPages<Team>('/teams', { servesOrganisationId: organisationId, tier, sort: 'name' }),
    staleTime: 60_000,
  });

/** People who may watch a ticket: active users of its organisation and of the provider's staff. */
export const watcherCandidatesQuery = (organisationId: string, providerId: string) =>
  queryOptions({
    queryKey: ['users', 'watcher-candidates', organisationId, providerId],
    queryFn: async () => {
      const ids = organisationId === providerId ? [providerId] : [organisationId, providerId];
      const lists = await Promise.all(
        ids.map((id) => fetchAllPages<User>('/users', { organisationId: id, active: true, sort: 'name' })),
      );
      return lists.flat();
    },
    staleTime: 60_000,
  });
