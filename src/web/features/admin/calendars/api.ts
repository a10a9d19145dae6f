import { notifications } from '@mantine/notifications';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Calendar, holidayImportResult, slaPreviewResult } from '../../../../contracts/sla.js';
import type { CalendarPreset } from '../../../../core/calendar/presets.js';
import { api, type QueryParams } from '../../../app/api';
import { postRaw } from '../../../app/upload';
import { t } from '../../../i18n/t';
import { fetchAllPages, useCursorList } from '../../../ui/lists';
import type { WeeklyHours } from './hours';

export const calendarKeys = {
  all: ['calendars'] as const,
  list: ['calendars', 'list'] as const,
  one: (id: string) => ['calendars', 'one', id] as const,
};

export type CalendarFields = { name: string; timezone: string; hours: WeeklyHours; holidays: string[] };
export type NewCalendar = { name: string; timezone: string; preset: CalendarPreset };
export type HolidayImport = z.infer<typeof holidayImportResult>;
export type PreviewResult = z.infer<typeof slaPreviewResult>;
export type PreviewInput = {
  calendar: { timezone: string; hours: WeeklyHours; holidays: string[] };
  start: string;
  minutes: number;
};

const path = (id: string, rest = '') => `/calendars/${encodeURIComponent(id)}${rest}`;

export function useCalendarList(filters: QueryParams) {
  return useCursorList<Calendar>(calendarKeys.list, '/calendars', filters);
}

/** Every calendar, for pickers (policies name one) and for names next to ids. */
export function useAllCalendars() {
  return useQuery({
    queryKey: [...calendarKeys.all, 'everything'],
    queryFn: () => fetchAllPages<Calendar>('/calendars'),
    staleTime: 60_000,
  });
}

export const calendarQuery = (id: string) =>
  queryOptions({ queryKey: calendarKeys.one(id), queryFn: () => api.get<Calendar>(path(id)) });

function useStoreCalendar() {
  const queryClient = useQueryClient();
  return (calendar: Calendar) => {
    queryClient.setQueryData(calendarKeys.one(calendar.id), calendar);
    return queryClient.invalidateQueries({ queryKey: calendarKeys.all });
  };
}

export function useCreateCalendar() {
  const store = useStoreCalendar();
  return useMutation({
    mutationFn: (input: NewCalendar) => api.post<Calendar>('/calendars', input),
    onSuccess: store,
  });
}

/**
 * Saving or importing gives the calendar a new version, which starts its page's form afresh (and
 * unmounts whatever asked): so the confirmation is shown here, not by the caller.
 */
export function useUpdateCalendar(id: string) {
  const store = useStoreCalendar();
  return useMutation({
    mutationFn: (input: Partial<CalendarFields>) => api.patch<Calendar>(path(id), input),
    onSuccess: (saved) => {
      notifications.show({ color: 'tend', message: t('calendars.saved', { name: saved.name }) });
      return store(saved);
    },
  });
}

/** Add the dates of an iCalendar holiday feed (.ics); the server skips dates it already has. */
export function useImportHolidays(id: string) {
  const store = useStoreCalendar();
  return useMutation({
    mutationFn: async (file: File) =>
      postRaw<HolidayImport>(path(id, '/holidays/import'), {}, await file.text(), 'text/calendar'),
    onSuccess: (result) => {
      const message = t('calendars.imported', { added: result.added.length, skipped: result.skipped });
      notifications.show({ color: 'tend', message });
      return store(result.calendar);
    },
  });
}

/** Start + N business minutes on the calendar as edited (saved or not): when is it due? */
export function usePreview() {
  return useMutation({
    mutationFn: (input: PreviewInput) => api.post<PreviewResult>('/sla/preview', input),
  });
}
