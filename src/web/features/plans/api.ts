import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Team, User } from '../../../contracts/directory.js';
import type {
  createPlan,
  Plan,
  Task,
  TaskTimeEntry,
  taskHistoryPage,
  taskTimeEntryPage,
} from '../../../contracts/plans.js';
import type { Service, ServiceDetail } from '../../../contracts/services.js';
import { api, type QueryParams, request } from '../../app/api';
import { fetchAllPages, useCursorList } from '../../ui/lists';

export type NewPlan = z.input<typeof createPlan>;
export type TimePage = z.infer<typeof taskTimeEntryPage>;
export type HistoryPage = z.infer<typeof taskHistoryPage>;

/**
 * Plans under ['maintenance-plans', …]; tasks, lists and single ones, under ['maintenance-tasks', …]
 * so that live `maintenance_task.*` events refresh them (app/live.ts).
 */
export const planKeys = {
  all: ['maintenance-plans'] as const,
  list: ['maintenance-plans', 'list'] as const,
  one: (id: string) => ['maintenance-plans', 'one', id] as const,
};
export const taskKeys = {
  all: ['maintenance-tasks'] as const,
  list: ['maintenance-tasks', 'list'] as const,
  one: (ref: string) => ['maintenance-tasks', 'one', ref] as const,
  time: (ref: string) => ['maintenance-tasks', 'one', ref, 'time'] as const,
  history: (ref: string) => ['maintenance-tasks', 'one', ref, 'history'] as const,
};

const planPath = (id: string) => `/maintenance/plans/${encodeURIComponent(id)}`;
const taskPath = (ref: string, rest = '') => `/maintenance/tasks/${encodeURIComponent(ref)}${rest}`;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export function usePlanList(filters: QueryParams) {
  return useCursorList<Plan>(planKeys.list, '/maintenance/plans', filters);
}

export function useTaskList(filters: QueryParams) {
  return useCursorList<Task>(taskKeys.list, '/maintenance/tasks', filters);
}

export const planQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.one(id),
    queryFn: ({ signal }) => api.get<Plan>(planPath(id), undefined, signal),
  });

export const taskQuery = (ref: string) =>
  queryOptions({
    queryKey: taskKeys.one(ref),
    queryFn: ({ signal }) => api.get<Task>(taskPath(ref), undefined, signal),
  });

export const taskTimeQuery = (ref: string) =>
  queryOptions({
    queryKey: taskKeys.time(ref),
    queryFn: ({ signal }) => api.get<TimePage>(taskPath(ref, '/time-entries'), { limit: 100 }, signal),
  });

export const taskHistoryQuery = (ref: string) =>
  queryOptions({
    queryKey: taskKeys.history(ref),
    queryFn: ({ signal }) => api.get<HistoryPage>(taskPath(ref, '/history'), { limit: 100 }, signal),
  });

export const servicesQuery = queryOptions({
  queryKey: ['services', 'everything'],
  queryFn: () => fetchAllPages<Service>('/services'),
  staleTime: 60_000,
});

export const serviceDetailQuery = (id: string) =>
  queryOptions({
    queryKey: ['services', 'one', id],
    queryFn: ({ signal }) => api.get<ServiceDetail>(`/services/${encodeURIComponent(id)}`, undefined, signal),
    staleTime: 60_000,
  });

/** Teams serving an organisation, and every active user (for names and assignee choices). */
export const teamsServingQuery = (organisationId: string) =>
  queryOptions({
    queryKey: ['teams', 'serving', organisationId],
    queryFn: () => fetchAllPages<Team>('/teams', { servesOrganisationId: organisationId }),
    staleTime: 60_000,
  });

export const peopleQuery = queryOptions({
  queryKey: ['users', 'maintenance-names'],
  queryFn: () => fetchAllPages<User>('/users', { sort: 'name' }),
  staleTime: 5 * 60_000,
});

export function useNames() {
  const services = useQuery(servicesQuery);
  const people = useQuery(peopleQuery);
  const serviceNames = new Map((services.data ?? []).map((service) => [service.id, service.name]));
  const personNames = new Map((people.data ?? []).map((user) => [user.id, user.name]));
  return {
    service: (id: string) => serviceNames.get(id) ?? '',
    person: (id: string | null) => (id ? (personNames.get(id) ?? '') : ''),
  };
}

export type Occurrence = { start: string; end: string };

export const plansApi = {
  create: (input: NewPlan) => api.post<Plan>('/maintenance/plans', input),
  update: (id: string, version: number, input: Partial<NewPlan>) =>
    request<Plan>('PATCH', planPath(id), { body: input, headers: ifMatch(version) }),
  preview: (body: { rrule: string; dtstart: string; timezone: string; exdates?: string[]; from: string }) =>
    api.post<{ occurrences: Occurrence[] }>('/maintenance/preview', {
      ...body,
      durationMinutes: 1,
      until: new Date(new Date(body.from).getTime() + 5 * 366 * 86_400_000).toISOString(),
      limit: 8,
    }),
  updateTask: (ref: string, version: number, input: Record<string, unknown>) =>
    request<Task>('PATCH', taskPath(ref), { body: input, headers: ifMatch(version) }),
  transition: (ref: string, body: { state: string; reason?: string; outcome?: string }) =>
    api.post<Task>(taskPath(ref, '/transition'), body),
  tick: (ref: string, itemId: number, done: boolean) =>
    api.post<Task>(taskPath(ref, `/checklist/${itemId}`), { done }),
  logTime: (ref: string, body: { minutes: number; activity: string; billable: boolean; note: string }) =>
    api.post<TaskTimeEntry>(taskPath(ref, '/time-entries'), body),
  deleteTime: (id: string) => api.delete(`/maintenance/time-entries/${encodeURIComponent(id)}`),
};

/** Put a task the server returned into the cache, and let lists refresh. */
export function useStoreTask() {
  const queryClient = useQueryClient();
  return (task: Task) => {
    queryClient.setQueryData(taskKeys.one(task.number), task);
    void queryClient.invalidateQueries({ queryKey: taskKeys.all });
  };
}
