import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Organisation } from '../../../../contracts/directory.js';
import { api, type QueryParams } from '../../../app/api';
import { fetchAllPages, useCursorList } from '../../../ui/lists';

export const organisationKeys = { all: ['organisations'] as const, list: ['organisations', 'list'] as const };

export type OrganisationInput = { name: string; domains: string[]; active?: boolean };

export function useOrganisationList(filters: QueryParams) {
  return useCursorList<Organisation>(organisationKeys.list, '/organisations', filters);
}

/** All organisations, for pickers and for showing names next to ids. */
export const allOrganisationsQuery = queryOptions({
  queryKey: [...organisationKeys.all, 'everything'],
  queryFn: () => fetchAllPages<Organisation>('/organisations', { sort: 'name' }),
  staleTime: 60_000,
});

export function useOrganisationLookup() {
  const query = useQuery(allOrganisationsQuery);
  const organisations = query.data ?? [];
  const byId = new Map(organisations.map((organisation) => [organisation.id, organisation]));
  const options = organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }));
  return { ...query, organisations, byId, options };
}

export function useSaveOrganisation(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganisationInput) =>
      id
        ? api.patch<Organisation>(`/organisations/${encodeURIComponent(id)}`, input)
        : api.post<Organisation>('/organisations', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.all }),
  });
}
