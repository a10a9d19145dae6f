import { Button, Group, Modal, NumberInput, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { MaintenanceWindow } from '../../../contracts/maintenance-windows.js';
import type { ServiceDetail } from '../../../contracts/services.js';
import { t } from '../../i18n/t';
import { FormError } from '../../ui/FormError';
import { saveForm } from '../../ui/saveForm';
import { requiredText, useServerErrors } from '../../ui/serverErrors';
import { useSaveWindow } from './api';

type Props = {
  opened: boolean;
  service: ServiceDetail;
  window: MaintenanceWindow | null;
  onClose: () => void;
};

type Values = {
  title: string;
  environmentId: string;
  recurring: boolean;
  rrule: string;
  dtstart: string;
  timezone: string;
  durationMinutes: number | string;
  exdates: string;
  description: string;
};

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const zones = (): string[] => {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return supported ? supported('timeZone') : [browserZone()];
};

function initialValues(window: MaintenanceWindow | null): Values {
  return {
    title: window?.title ?? '',
    environmentId: window?.environmentId ?? '',
    recurring: window ? window.rrule !== null : true,
    rrule: window?.rrule ?? 'FREQ=WEEKLY;BYDAY=SU',
    dtstart: window?.dtstart.slice(0, 16) ?? '',
    timezone: window?.timezone ?? browserZone(),
    durationMinutes: window?.durationMinutes ?? 240,
    exdates: window?.exdates.join(', ') ?? '',
    description: window?.description ?? '',
  };
}

const splitList = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((item) => item.trim())
    .filter(Boolean);

function bodyOf(values: Values) {
  return {
    title: values.title,
    environmentId: values.environmentId || null,
    rrule: values.recurring ? values.rrule : null,
    dtstart: values.dtstart,
    timezone: values.timezone,
    durationMinutes: Number(values.durationMinutes),
    exdates: values.recurring ? splitList(values.exdates) : [],
    description: values.description,
  };
}

function WindowForm({ service, window, onClose }: Omit<Props, 'opened'>) {
  const form = useForm<Values>({
    initialValues: initialValues(window),
    validate: { title: requiredText, dtstart: requiredText, timezone: requiredText },
  });
  const serverErrors = useServerErrors(form);
  const save = useSaveWindow(window?.id ?? null);
  const submit = form.onSubmit((values) => {
    const body = bodyOf(values);
    saveForm(save, serverErrors, window ? body : { ...body, serviceId: service.id }, {
      message: (saved) => t(window ? 'windows.saved' : 'windows.created', { title: saved.title }),
      onClose,
    });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={serverErrors.message} />
        <TextInput label={t('windows.titleLabel')} required data-autofocus {...form.getInputProps('title')} />
        <Select
          label={t('windows.environment')}
          allowDeselect={false}
          data={[
            { value: '', label: t('services.everyEnvironment') },
            ...service.environments.map((environment) => ({
              value: environment.id,
              label: environment.name,
            })),
          ]}
          {...form.getInputProps('environmentId')}
        />
        <Switch label={t('windows.recurring')} {...form.getInputProps('recurring', { type: 'checkbox' })} />
        {form.values.recurring && (
          <TextInput
            label={t('windows.rrule')}
            description={t('windows.rruleHint')}
            required
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            {...form.getInputProps('rrule')}
          />
        )}
        <Group grow align="flex-start">
          <TextInput
            type="datetime-local"
            label={t(form.values.recurring ? 'windows.firstStart' : 'windows.start')}
            description={t('windows.startHint')}
            required
            {...form.getInputProps('dtstart')}
          />
          <Select
            label={t('windows.timezone')}
            required
            searchable
            data={zones()}
            {...form.getInputProps('timezone')}
          />
        </Group>
        <NumberInput
          label={t('windows.durationLabel')}
          min={1}
          max={527040}
          allowDecimal={false}
          {...form.getInputProps('durationMinutes')}
        />
        {form.values.recurring && (
          <TextInput
            label={t('windows.exdates')}
            description={t('windows.exdatesHint')}
            {...form.getInputProps('exdates')}
          />
        )}
        <Textarea
          label={t('windows.descriptionLabel')}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('description')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {window ? t('common.saveChanges') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Reserve a maintenance window for the service, or change one. */
export function WindowFormModal({ opened, service, window, onClose }: Props) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t(window ? 'windows.edit' : 'windows.newTitle')}
      size="lg"
    >
      {opened && <WindowForm service={service} window={window} onClose={onClose} />}
    </Modal>
  );
}
