import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { CALENDAR_PRESETS, type CalendarPreset } from '../../../../core/calendar/presets.js';
import { t } from '../../../i18n/t';
import { FormError } from '../../../ui/FormError';
import { requiredText, useServerErrors } from '../../../ui/serverErrors';
import { useCreateCalendar } from './api';
import { timeZones } from './hours';

type Values = { name: string; timezone: string; preset: CalendarPreset };

/** The browser's own zone is the likeliest answer. */
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function TimeZoneSelect(props: React.ComponentProps<typeof Select>) {
  return (
    <Select
      label={t('calendars.timezone')}
      description={t('calendars.timezoneHint')}
      searchable
      allowDeselect={false}
      data={timeZones()}
      limit={50}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}

function NewCalendarForm({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const form = useForm<Values>({
    initialValues: { name: '', timezone: localZone(), preset: '8/5' },
    validate: { name: requiredText, timezone: requiredText },
  });
  const serverErrors = useServerErrors(form);
  const create = useCreateCalendar();
  const submit = form.onSubmit((values) => {
    serverErrors.clear();
    create.mutate(values, {
      onSuccess: (calendar) => {
        notifications.show({ color: 'tend', message: t('calendars.created', { name: calendar.name }) });
        onClose();
        void navigate({ to: '/admin/calendars/$id', params: { id: calendar.id } });
      },
      onError: (error) => serverErrors.show(error),
    });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={serverErrors.message} />
        <TextInput label={t('common.name')} required data-autofocus {...form.getInputProps('name')} />
        <TimeZoneSelect required {...form.getInputProps('timezone')} />
        <Select
          label={t('calendars.preset')}
          description={t('calendars.presetHint')}
          allowDeselect={false}
          data={CALENDAR_PRESETS.map((preset) => ({ value: preset, label: t(`calendars.preset.${preset}`) }))}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('preset')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A new calendar starts from a coverage preset; its hours and holidays are edited on its page. */
export function NewCalendarModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={t('calendars.new')} size="lg">
      {opened && <NewCalendarForm onClose={onClose} />}
    </Modal>
  );
}
