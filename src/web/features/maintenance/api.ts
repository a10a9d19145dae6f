import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createMaintenanceWindow,
  MaintenanceOccurrence,
  MaintenanceWindow,
  updateMaintenanceWindow,
} from '../../../contracts/maintenance-windows.js';
import type {
  createComponent,
  createEnvironment,
  createService,
  Service,
  ServiceComponent,
  ServiceDetail,
  ServiceEnvironment,
  ServiceOwner,
  updateComponent,
  updateService,
} from '../../../contracts/services.js';
import { api, type QueryParams } from '../../app/api';
import { fetchAllPages, useCursorList } from '../../ui/lists';

export type NewService = z.input<typeof createService>;
export type ServiceChanges = z.input<typeof updateService>;
export type NewWindow = z.input<typeof createMaintenanceWindow>;
export type WindowChanges = z.input<typeof updateMaintenanceWindow>;

/**
 * Services under ['services', …] (the changes and plans pages share the detail key), windows and
 * their occurrences under ['maintenance-windows', …].
 */
export const serviceKeys = {
  all: ['services'] as const,
  list: ['services', 'list'] as const,
  one: (id: string) => ['services', 'one', id] as const,
};
export const windowKeys = {
  all: ['maintenance-windows'] as const,
  ofService: (serviceId: string) => ['maintenance-windows', 'service', serviceId] as const,
  occurrences: (from: string, until: string, filters: QueryParams) =>
    ['maintenance-windows', 'occurrences', from, until, filters] as const,
};

const servicePath = (id: string, rest = '') => `/services/${encodeURIComponent(id)}${rest}`;

export function useServiceList(filters: QueryParams) {
  return useCursorList<Service>(serviceKeys.list, '/services', filters);
}

export const serviceQuery = (id: string) =>
  queryOptions({
    queryKey: serviceKeys.one(id),
    queryFn: ({ signal }) => api.get<ServiceDetail>(servicePath(id), undefined, signal),
    staleTime: 10_000,
  });

export const serviceWindowsQuery = (serviceId: string) =>
  queryOptions({
    queryKey: windowKeys.ofService(serviceId),
    queryFn: () => fetchAllPages<MaintenanceWindow>('/maintenance/windows', { serviceId }),
    staleTime: 10_000,
  });

export const occurrencesQuery = (from: string, until: string, filters: QueryParams) =>
  queryOptions({
    queryKey: windowKeys.occurrences(from, until, filters),
    queryFn: ({ signal }) =>
      api.get<{ items: MaintenanceOccurrence[]; truncated: boolean }>(
        '/maintenance/occurrences',
        { from, until, limit: 2000, ...filters },
        signal,
      ),
    staleTime: 30_000,
  });

/** Every mutation here refreshes services and windows (they are few and shown together). */
function useRefreshing<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: serviceKeys.all });
      await queryClient.invalidateQueries({ queryKey: windowKeys.all });
    },
  });
}

export const useCreateService = () =>
  useRefreshing((input: NewService) => api.post<ServiceDetail>('/services', input));

export const useUpdateService = (id: string) =>
  useRefreshing((input: ServiceChanges) => api.patch<ServiceDetail>(servicePath(id), input));

export const useAddEnvironment = (id: string) =>
  useRefreshing((input: z.input<typeof createEnvironment>) =>
    api.post<ServiceEnvironment>(servicePath(id, '/environments'), input),
  );

export const useRemoveEnvironment = (id: string) =>
  useRefreshing((environmentId: string) =>
    api.delete<null>(servicePath(id, `/environments/${encodeURIComponent(environmentId)}`)),
  );

export const useAddComponent = (id: string) =>
  useRefreshing((input: z.input<typeof createComponent>) =>
    api.post<ServiceComponent>(servicePath(id, '/components'), input),
  );

export const useUpdateComponent = (id: string) =>
  useRefreshing(({ componentId, ...input }: z.input<typeof updateComponent> & { componentId: string }) =>
    api.patch<ServiceComponent>(servicePath(id, `/components/${encodeURIComponent(componentId)}`), input),
  );

export const useRemoveComponent = (id: string) =>
  useRefreshing((componentId: string) =>
    api.delete<null>(servicePath(id, `/components/${encodeURIComponent(componentId)}`)),
  );

export const useAddOwner = (id: string) =>
  useRefreshing((input: { userId: string; role: ServiceOwner['role'] }) =>
    api.post<ServiceOwner[]>(servicePath(id, '/owners'), input),
  );

export const useRemoveOwner = (id: string) =>
  useRefreshing((owner: { userId: string; role: ServiceOwner['role'] }) =>
    api.delete<null>(servicePath(id, `/owners/${encodeURIComponent(owner.userId)}/${owner.role}`)),
  );

export const useSaveWindow = (windowId: string | null) =>
  useRefreshing((input: NewWindow | WindowChanges) =>
    windowId
      ? api.patch<MaintenanceWindow>(`/maintenance/windows/${encodeURIComponent(windowId)}`, input)
      : api.post<MaintenanceWindow>('/maintenance/windows', input),
  );

export const useDeleteWindow = () =>
  useRefreshing((windowId: string) =>
    api.delete<null>(`/maintenance/windows/${encodeURIComponent(windowId)}`),
  );
