import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createSlaPolicy, organisationPolicyList, SlaPolicy } from '../../../../contracts/sla.js';
import { api } from '../../../app/api';

export const policyKeys = {
  all: ['sla-policies'] as const,
  assignments: ['sla-policies', 'organisations'] as const,
};

export type PolicyInput = z.input<typeof createSlaPolicy>;
type Assignments = z.infer<typeof organisationPolicyList>;

export function usePolicies() {
  return useQuery({
    queryKey: policyKeys.all,
    queryFn: () => api.get<{ items: SlaPolicy[] }>('/sla/policies'),
    select: (data) => data.items,
  });
}

/** organisation id → policy id, for organisations with a policy of their own. */
export function useOrganisationPolicies() {
  return useQuery({
    queryKey: policyKeys.assignments,
    queryFn: () => api.get<Assignments>('/sla/organisation-policies'),
    select: (data) => new Map(data.items.map((item) => [item.organisationId, item.policyId])),
  });
}

export function useSavePolicy(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PolicyInput) =>
      id
        ? api.patch<SlaPolicy>(`/sla/policies/${encodeURIComponent(id)}`, input)
        : api.post<SlaPolicy>('/sla/policies', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: policyKeys.all }),
  });
}

export function useAssignPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ organisationId, policyId }: { organisationId: string; policyId: string | null }) =>
      api.put<{ policyId: string | null }>(
        `/organisations/${encodeURIComponent(organisationId)}/sla-policy`,
        {
          policyId,
        },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: policyKeys.assignments }),
  });
}
