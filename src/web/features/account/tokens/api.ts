import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiToken, TokenScope } from '../../../../contracts/auth.js';
import { api } from '../../../app/api';

const tokenKeys = { all: ['tokens'] as const };

export type CreateTokenInput = { name: string; scopes: TokenScope[]; expiresInDays: number | null };
export type CreatedToken = { token: ApiToken; secret: string };

export function useTokens() {
  return useQuery({
    queryKey: tokenKeys.all,
    queryFn: () => api.get<{ items: ApiToken[] }>('/auth/tokens'),
    select: (data) => data.items,
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTokenInput) => api.post<CreatedToken>('/auth/tokens', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: ApiToken) => api.delete(`/auth/tokens/${encodeURIComponent(token.id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
