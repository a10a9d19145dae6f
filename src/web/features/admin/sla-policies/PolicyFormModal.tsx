import { Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { SlaPolicy } from '../../../../contracts/sla.js';
import { PRIORITIES } from '../../../../core/tickets/priority.js';
import { t } from '../../../i18n/t';
import { FormError } from '../../../ui/FormError';
import { saveForm } from '../../../ui/saveForm';
import { requiredText, useServerErrors } from '../../../ui/serverErrors';
import { useAllCalendars } from '../calendars/api';
import { type PolicyInput, useSavePolicy } from './api';
import { toDuration, toMinutes } from './duration';
import { TARGETS, type TargetGrid, TargetsEditor } from './TargetsEditor';

export const PAUSE_STATUSES = ['pending_customer', 'pending_third_party', 'on_hold'] as const;

type Values = {
  name: string;
  calendarId: string;
  targets: TargetGrid;
  warningPercent: number | string;
  pauseStatuses: string[];
  isDefault: boolean;
};

function gridOf(targets: SlaPolicy['targets'] | undefined): TargetGrid {
  return Object.fromEntries(
    PRIORITIES.map((priority) => [
      priority,
      Object.fromEntries(TARGETS.map((target) => [target, toDuration(targets?.[priority]?.[target])])),
    ]),
  ) as TargetGrid;
}

/** Only the targets that were filled in, as the API takes them. */
function targetsOf(grid: TargetGrid): PolicyInput['targets'] {
  const targets: PolicyInput['targets'] = {};
  for (const priority of PRIORITIES) {
    const row = Object.fromEntries(
      TARGETS.flatMap((target) => {
        const minutes = toMinutes(grid[priority][target]);
        return minutes === undefined ? [] : [[target, minutes]];
      }),
    );
    if (Object.keys(row).length > 0) targets[priority] = row;
  }
  return targets;
}

function PolicyForm({ policy, onClose }: { policy: SlaPolicy | null; onClose: () => void }) {
  const calendars = useAllCalendars();
  const form = useForm<Values>({
    initialValues: {
      name: policy?.name ?? '',
      calendarId: policy?.calendarId ?? '',
      targets: gridOf(policy?.targets),
      warningPercent: policy?.warningPercent ?? 75,
      pauseStatuses: policy?.pauseStatuses ?? ['pending_customer'],
      isDefault: policy?.isDefault ?? false,
    },
    validate: { name: requiredText, calendarId: (value) => (value ? null : t('errors.required')) },
  });
  const serverErrors = useServerErrors(form);
  const save = useSavePolicy(policy?.id ?? null);
  const submit = form.onSubmit((values) => {
    const input: PolicyInput = {
      ...values,
      targets: targetsOf(values.targets),
      warningPercent: Number(values.warningPercent),
      pauseStatuses: values.pauseStatuses as PolicyInput['pauseStatuses'],
    };
    saveForm(save, serverErrors, input, {
      message: (saved) => t(policy ? 'slaPolicies.saved' : 'slaPolicies.created', { name: saved.name }),
      onClose,
    });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={serverErrors.message} />
        <TextInput label={t('common.name')} required data-autofocus {...form.getInputProps('name')} />
        <Select
          label={t('slaPolicies.calendar')}
          description={t('slaPolicies.calendarHint')}
          required
          searchable
          data={(calendars.data ?? []).map((calendar) => ({
            value: calendar.id,
            label: `${calendar.name} (${calendar.timezone})`,
          }))}
          nothingFoundMessage={t('slaPolicies.noCalendars')}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('calendarId')}
        />
        <TargetsEditor
          value={form.values.targets}
          error={form.errors.targets as string | undefined}
          onChange={(targets) => form.setFieldValue('targets', targets)}
        />
        <NumberInput
          label={t('slaPolicies.warningPercent')}
          description={t('slaPolicies.warningPercentHint')}
          min={1}
          max={99}
          suffix=" %"
          w={{ base: '100%', xs: 220 }}
          {...form.getInputProps('warningPercent')}
        />
        <Checkbox.Group
          label={t('slaPolicies.pauseStatuses')}
          description={t('slaPolicies.pauseStatusesHint')}
          {...form.getInputProps('pauseStatuses')}
        >
          <Stack gap={6} mt="xs">
            {PAUSE_STATUSES.map((status) => (
              <Checkbox key={status} value={status} label={t(`slaPolicies.status.${status}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Switch
          label={t('slaPolicies.isDefault')}
          description={t('slaPolicies.isDefaultHint')}
          {...form.getInputProps('isDefault', { type: 'checkbox' })}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {policy ? t('common.saveChanges') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Props = { opened: boolean; policy: SlaPolicy | null; onClose: () => void };

export function PolicyFormModal({ opened, policy, onClose }: Props) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={policy ? t('slaPolicies.edit') : t('slaPolicies.new')}
      size="xl"
    >
      {opened && <PolicyForm key={policy?.id ?? 'new'} policy={policy} onClose={onClose} />}
    </Modal>
  );
}
