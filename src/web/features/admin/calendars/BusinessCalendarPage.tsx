import { Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { Calendar } from '../../../../contracts/sla.js';
import { WEEKDAYS, type Weekday } from '../../../../core/calendar/types.js';
import { ApiError } from '../../../app/api';
import { AnchorLink } from '../../../app/links';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { sentence } from '../../../ui/errors';
import { FormError } from '../../../ui/FormError';
import { formatDateTime } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { requiredText, useServerErrors } from '../../../ui/serverErrors';
import { calendarQuery, useUpdateCalendar } from './api';
import { HolidaysEditor } from './HolidaysEditor';
import { compactHours, editableHours } from './hours';
import { TimeZoneSelect } from './NewCalendarModal';
import { PreviewPanel } from './PreviewPanel';
import { type EditableHours, WeeklyHoursEditor } from './WeeklyHoursEditor';

const route = getRouteApi('/app/admin/calendars/$id');

type Values = { name: string; timezone: string; hours: EditableHours; holidays: string[] };

/** Problems the server names inside hours (`hours.mon[0][1]`) belong to that day's row. */
function dayErrors(error: unknown): Partial<Record<Weekday, string>> {
  if (!(error instanceof ApiError)) return {};
  const errors: Partial<Record<Weekday, string>> = {};
  for (const { path, message } of error.fieldErrors) {
    const day = /^hours\.(\w{3})/.exec(path)?.[1] as Weekday | undefined;
    if (day && WEEKDAYS.includes(day)) errors[day] = sentence(message);
  }
  return errors;
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </section>
  );
}

function CalendarForm({ calendar }: { calendar: Calendar }) {
  const form = useForm<Values>({
    initialValues: {
      name: calendar.name,
      timezone: calendar.timezone,
      hours: editableHours(calendar.hours),
      holidays: [...calendar.holidays],
    },
    validate: { name: requiredText },
  });
  const serverErrors = useServerErrors(form);
  const update = useUpdateCalendar(calendar.id);
  const submit = form.onSubmit((values) => {
    serverErrors.clear();
    update.mutate(
      { ...values, hours: compactHours(values.hours) },
      {
        onError: (error) => serverErrors.show(error),
      },
    );
  });
  const { values } = form;
  return (
    <Stack gap="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="xl">
          <FormError message={serverErrors.message} />
          <Paper withBorder radius="md" p="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('common.name')} required {...form.getInputProps('name')} />
              <TimeZoneSelect required {...form.getInputProps('timezone')} />
            </SimpleGrid>
          </Paper>
          <Section id="hours-heading" title={t('calendars.hours')}>
            <Text size="sm" c="dimmed" mb="sm">
              {t('calendars.hoursHint')}
            </Text>
            <WeeklyHoursEditor
              hours={values.hours}
              errors={dayErrors(update.error)}
              onChange={(hours) => form.setFieldValue('hours', hours)}
            />
          </Section>
          <Section id="holidays-heading" title={t('calendars.holidays')}>
            <HolidaysEditor
              calendarId={calendar.id}
              holidays={values.holidays}
              error={form.errors.holidays as string | undefined}
              dirty={form.isDirty()}
              onChange={(holidays) => form.setFieldValue('holidays', holidays)}
            />
          </Section>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('calendars.versionNote', {
                version: calendar.version,
                when: formatDateTime(calendar.updatedAt),
              })}
            </Text>
            <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
              {t('common.saveChanges')}
            </Button>
          </Group>
        </Stack>
      </form>
      <PreviewPanel
        calendar={{ timezone: values.timezone, hours: compactHours(values.hours), holidays: values.holidays }}
      />
    </Stack>
  );
}

/** One calendar: zone, weekly hours, holidays (with .ics import) and a due-time preview. */
export function BusinessCalendarPage() {
  const { id } = route.useParams();
  const calendar = useQuery(calendarQuery(id));
  return (
    <>
      <AnchorLink
        to="/admin/calendars"
        size="sm"
        mb="sm"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} aria-hidden />
        {t('calendars.back')}
      </AnchorLink>
      {calendar.isError ? (
        <ErrorAlert error={calendar.error} onRetry={() => calendar.refetch()} />
      ) : !calendar.data ? (
        <Skeleton height={320} radius="md" />
      ) : (
        <>
          <PageHeader title={calendar.data.name} description={t('calendars.detailDescription')} />
          {/* A new version (saved here, imported, or changed elsewhere) starts the form afresh. */}
          <CalendarForm key={calendar.data.version} calendar={calendar.data} />
        </>
      )}
    </>
  );
}
