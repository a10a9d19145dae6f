import { Alert, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { t } from '../../i18n/t';
import { errorMessage } from '../../ui/errors';
import { plansApi } from './api';

type Schedule = { rrule: string; dtstart: string; timezone: string; exdates: string[] };

/** An instant as the plan's zone shows it (falls back to the browser's zone for an unknown one). */
function inZone(instant: string, timezone: string): string {
  try {
    return new Intl.DateTimeFormat(undefined, {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone: timezone,
    }).format(new Date(instant));
  } catch {
    return new Date(instant).toLocaleString();
  }
}

/** The next due dates of the schedule being edited, from POST /maintenance/preview, as typing pauses. */
export function SchedulePreview({ schedule }: { schedule: Schedule }) {
  const [debounced] = useDebouncedValue(schedule, 400);
  const ready = Boolean(debounced.rrule.trim() && debounced.dtstart.trim() && debounced.timezone.trim());
  const preview = useQuery({
    queryKey: ['maintenance-plans', 'preview', debounced],
    // The zone travels with the answer: while a new zone's dates load, the old ones keep their zone.
    queryFn: async () => ({
      timezone: debounced.timezone,
      ...(await plansApi.preview({ ...debounced, from: new Date().toISOString() })),
    }),
    enabled: ready,
    retry: false,
    placeholderData: keepPreviousData,
  });
  return (
    <Paper withBorder radius="md" p="md" aria-live="polite">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('plans.preview.title')}
        </Title>
        {!ready && <Text size="sm">{t('plans.preview.incomplete')}</Text>}
        {ready && preview.isError && (
          <Alert color="red" variant="light" title={t('plans.preview.invalid')}>
            {errorMessage(preview.error)}
          </Alert>
        )}
        {ready && preview.data && !preview.isError && preview.data.occurrences.length === 0 && (
          <Text size="sm">{t('plans.preview.none')}</Text>
        )}
        {ready && preview.data && !preview.isError && preview.data.occurrences.length > 0 && (
          <List size="sm" spacing={2}>
            {preview.data.occurrences.map((occurrence) => (
              <List.Item key={occurrence.start}>{inZone(occurrence.start, preview.data.timezone)}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}
