import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../../contracts/common.js';
import type { User } from '../../../../contracts/directory.js';
import { api, type QueryParams } from '../../../app/api';
import { fetchAllPages, useCursorList } from '../../../ui/lists';

export const userKeys = { all: ['users'] as const, list: ['users', 'list'] as const };

export type CreateUserInput = {
  organisationId: string;
  name: string;
  email: string;
  role: Role;
  password?: string;
};
export type UpdateUserInput = { name: string; email: string; role: Role };

export function useUserList(filters: QueryParams) {
  return useCursorList<User>(userKeys.list, '/users', filters);
}

/** Active users of one organisation (team member pickers use the provider organisation). */
export const organisationUsersQuery = (organisationId: string) =>
  queryOptions({
    queryKey: [...userKeys.all, 'organisation', organisationId],
    queryFn: () => fetchAllPages<User>('/users', { organisationId, active: true, sort: 'name' }),
    staleTime: 60_000,
  });

/** One user by id, cached for a while (names next to ids, e.g. audit actors). */
export const userQuery = (id: string) =>
  queryOptions({
    queryKey: [...userKeys.all, 'one', id],
    queryFn: () => api.get<User>(`/users/${encodeURIComponent(id)}`),
    staleTime: 5 * 60_000,
    retry: false,
  });

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: userKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['teams'] }),
    ]);
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api.post<User>('/users', input),
    onSuccess: invalidate,
  });
}

export function useUpdateUser(id: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: UpdateUserInput) => api.patch<User>(`/users/${encodeURIComponent(id)}`, input),
    onSuccess: invalidate,
  });
}

export function useSetUserActive() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ user, active }: { user: User; active: boolean }) =>
      api.post<User>(`/users/${encodeURIComponent(user.id)}/${active ? 'reactivate' : 'deactivate'}`),
    onSuccess: invalidate,
  });
}
