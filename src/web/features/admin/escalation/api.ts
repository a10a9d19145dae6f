import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Team } from '../../../../contracts/directory.js';
import type { escalationMatrix, escalationRule, putEscalationMatrix } from '../../../../contracts/sla.js';
import { api } from '../../../app/api';
import { fetchAllPages } from '../../../ui/lists';

export type EscalationRule = z.infer<typeof escalationRule>;
export type RuleInput = z.input<typeof putEscalationMatrix>['rules'][number];
type Matrix = z.infer<typeof escalationMatrix>;

const matrixKey = ['escalation-matrix'] as const;

export function useMatrix() {
  return useQuery({ queryKey: matrixKey, queryFn: () => api.get<Matrix>('/sla/escalation-matrix') });
}

/** The API replaces the whole matrix at once; a cell's edit sends every rule. */
export function usePutMatrix() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rules: RuleInput[]) => api.put<Matrix>('/sla/escalation-matrix', { rules }),
    onSuccess: (matrix) => queryClient.setQueryData(matrixKey, matrix),
  });
}

export function useAllTeams() {
  return useQuery({
    queryKey: ['teams', 'everything'],
    queryFn: () => fetchAllPages<Team>('/teams', { sort: 'name' }),
    staleTime: 60_000,
  });
}

/** A stored rule as the PUT body takes it (no id). */
export const asInput = ({ id: _id, ...rule }: EscalationRule): RuleInput => rule;
