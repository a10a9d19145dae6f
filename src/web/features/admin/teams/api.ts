import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Tier } from '../../../../contracts/common.js';
import type { Team } from '../../../../contracts/directory.js';
import { api, type QueryParams } from '../../../app/api';
import { useCursorList } from '../../../ui/lists';

export const teamKeys = { all: ['teams'] as const, list: ['teams', 'list'] as const };

export type TeamInput = {
  name: string;
  tier: Tier;
  description: string;
  roundRobin: boolean;
  servedOrganisationIds: string[];
  memberIds: string[];
  active?: boolean;
};

export function useTeamList(filters: QueryParams) {
  return useCursorList<Team>(teamKeys.list, '/teams', filters);
}

export function useSaveTeam(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TeamInput) =>
      id ? api.patch<Team>(`/teams/${encodeURIComponent(id)}`, input) : api.post<Team>('/teams', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.all }),
  });
}
