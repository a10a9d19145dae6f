import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { changeBacklog, changeCalendar, changeKpis } from '../../../contracts/change-reports.js';
import type { Change, ChangeDetail, createChange } from '../../../contracts/changes.js';
import type { Service, ServiceDetail } from '../../../contracts/services.js';
import { api, type QueryParams } from '../../app/api';
import { fetchAllPages, useCursorList } from '../../ui/lists';

export type NewChange = z.input<typeof createChange>;
export type ChangeCalendar = z.infer<typeof changeCalendar>;
export type ChangeBacklog = z.infer<typeof changeBacklog>;
export type ChangeKpis = z.infer<typeof changeKpis>;

/** Lists under ['changes', …]; one change under ['change', <number>]. */
export const changeKeys = {
  all: ['changes'] as const,
  list: ['changes', 'list'] as const,
  calendar: (from: string, until: string) => ['changes', 'calendar', from, until] as const,
  backlog: ['changes', 'backlog'] as const,
  kpis: (from: string, until: string) => ['changes', 'kpis', from, until] as const,
  one: (ref: string) => ['change', ref] as const,
};

const path = (ref: string, rest = '') => `/changes/${encodeURIComponent(ref)}${rest}`;

export function useChangeList(filters: QueryParams) {
  return useCursorList<Change>(changeKeys.list, '/changes', { sort: '-updatedAt', ...filters });
}

export const changeQuery = (ref: string) =>
  queryOptions({
    queryKey: changeKeys.one(ref),
    queryFn: ({ signal }) => api.get<ChangeDetail>(path(ref), undefined, signal),
    staleTime: 10_000,
  });

export const calendarQuery = (from: string, until: string) =>
  queryOptions({
    queryKey: changeKeys.calendar(from, until),
    queryFn: ({ signal }) => api.get<ChangeCalendar>('/changes/calendar', { from, until }, signal),
    staleTime: 30_000,
  });

export const backlogQuery = queryOptions({
  queryKey: changeKeys.backlog,
  queryFn: ({ signal }) => api.get<ChangeBacklog>('/changes/backlog', undefined, signal),
  staleTime: 30_000,
});

export const kpisQuery = (from: string, until: string) =>
  queryOptions({
    queryKey: changeKeys.kpis(from, until),
    queryFn: ({ signal }) => api.get<ChangeKpis>('/changes/kpis', { from, until }, signal),
    staleTime: 30_000,
  });

/** Every service the caller can see, and one service with its environments. */
export const servicesQuery = queryOptions({
  queryKey: ['services', 'everything'],
  queryFn: () => fetchAllPages<Service>('/services'),
  staleTime: 60_000,
});

export function useServiceNames(): Map<string, string> {
  const { data } = useQuery(servicesQuery);
  return new Map((data ?? []).map((service) => [service.id, service.name]));
}

export const serviceDetailQuery = (id: string) =>
  queryOptions({
    queryKey: ['services', 'one', id],
    queryFn: ({ signal }) => api.get<ServiceDetail>(`/services/${encodeURIComponent(id)}`, undefined, signal),
    staleTime: 60_000,
  });

export const changeApi = {
  create: (input: NewChange) => api.post<ChangeDetail>('/changes', input),
  transition: (
    ref: string,
    body: { state: string; comment?: string; plannedStart?: string; plannedEnd?: string },
  ) => api.post<ChangeDetail>(path(ref, '/transition'), body),
  decide: (ref: string, decision: 'approve' | 'reject', comment: string) =>
    api.post<ChangeDetail>(path(ref, `/${decision}`), comment ? { comment } : {}),
};

/** Put a change the server returned into the cache, and let lists and reports refresh. */
export function useStoreChange() {
  const queryClient = useQueryClient();
  return (change: ChangeDetail) => {
    queryClient.setQueryData(changeKeys.one(change.number), change);
    void queryClient.invalidateQueries({ queryKey: changeKeys.all });
  };
}
