import { Alert, Button, Group, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { type PreviewInput, usePreview } from './api';

type Props = { calendar: PreviewInput['calendar'] };

/** "2026-03-30T09:15" for a datetime-local input, in the browser's zone. */
function localInputValue(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** An instant on the calendar's own wall clock, so "due 17:00 Berlin time" reads as such. */
function inZone(instant: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(
      new Date(instant),
    );
  } catch {
    return instant;
  }
}

/**
 * Try the calendar as it is being edited (saved or not): start + N business minutes → due time,
 * computed by the server's SLA engine (POST /sla/preview), never by a second implementation here.
 */
export function PreviewPanel({ calendar }: Props) {
  const [start, setStart] = useState(() => localInputValue(new Date()));
  const [minutes, setMinutes] = useState<number | string>(240);
  const preview = usePreview();
  const run = () => {
    const startAt = new Date(start);
    if (Number.isNaN(startAt.getTime()) || typeof minutes !== 'number') return;
    preview.mutate({ calendar, start: startAt.toISOString(), minutes });
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="preview-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="preview-heading">
          {t('calendars.previewTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('calendars.previewHint')}
        </Text>
        <Group align="flex-end" gap="sm">
          <TextInput
            type="datetime-local"
            label={t('calendars.previewStart')}
            value={start}
            onChange={(event) => setStart(event.currentTarget.value)}
            w={{ base: '100%', xs: 230 }}
          />
          <NumberInput
            label={t('calendars.previewMinutes')}
            min={0}
            step={15}
            value={minutes}
            onChange={setMinutes}
            w={{ base: '100%', xs: 180 }}
          />
          <Button onClick={run} loading={preview.isPending}>
            {t('calendars.previewRun')}
          </Button>
        </Group>
        {preview.error ? <ErrorAlert error={preview.error} /> : null}
        {preview.data && (
          <Alert color="tend" variant="light" title={t('calendars.previewDue')} aria-live="polite">
            <Text size="sm" fw={600} data-testid="preview-due">
              {inZone(preview.data.due, calendar.timezone)} ({calendar.timezone})
            </Text>
            <Text size="sm">{t('calendars.previewLocal', { when: formatDateTime(preview.data.due) })}</Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
