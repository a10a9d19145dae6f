import {
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { staffRoles } from '../../../contracts/common.js';
import { MAINTENANCE_KINDS, PLAN_CATEGORIES } from '../../../core/plans/index.js';
import { t } from '../../i18n/t';
import { FormError } from '../../ui/FormError';
import { peopleQuery, serviceDetailQuery, servicesQuery, teamsServingQuery } from './api';
import { type ChecklistDraft, ChecklistEditor } from './ChecklistEditor';
import { categoryLabel, kindLabel } from './labels';
import { SchedulePreview } from './SchedulePreview';

export type PlanValues = {
  serviceId: string;
  environmentId: string;
  title: string;
  kind: string;
  category: string;
  description: string;
  rrule: string;
  dtstart: string;
  timezone: string;
  exdates: string;
  generateAheadDays: number | string;
  defaultTeamId: string;
  defaultAssigneeId: string;
  active: boolean;
  checklist: ChecklistDraft;
};

const zones = (): string[] => {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return supported ? supported('timeZone') : ['UTC'];
};

/** "2026-12-24, 2026-12-31" (commas or lines) → ["2026-12-24", "2026-12-31"]. */
export const splitDates = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);

const select = { allowDeselect: false, comboboxProps: { withinPortal: true } } as const;

/** Who the plan's tasks go to: a team serving the service's organisation, and staff (of that team). */
function AssignmentFields({ form, disabled }: { form: UseFormReturnType<PlanValues>; disabled: boolean }) {
  const services = useQuery(servicesQuery);
  const organisationId = services.data?.find(
    (service) => service.id === form.values.serviceId,
  )?.organisationId;
  const teams = useQuery({ ...teamsServingQuery(organisationId ?? ''), enabled: Boolean(organisationId) });
  const people = useQuery(peopleQuery);
  const team = teams.data?.find((entry) => entry.id === form.values.defaultTeamId);
  const candidates = team
    ? team.members.map((member) => ({ value: member.id, label: member.name }))
    : (people.data ?? [])
        .filter((user) => user.active && staffRoles.includes(user.role))
        .map((user) => ({ value: user.id, label: user.name }));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select
        label={t('plans.form.team')}
        clearable
        disabled={disabled}
        data={(teams.data ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps('defaultTeamId')}
        onChange={(value) => form.setFieldValue('defaultTeamId', value ?? '')}
      />
      <Select
        label={t('plans.form.assignee')}
        clearable
        searchable
        disabled={disabled}
        data={candidates}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps('defaultAssigneeId')}
        onChange={(value) => form.setFieldValue('defaultAssigneeId', value ?? '')}
      />
    </SimpleGrid>
  );
}

function ScheduleFields({ form, disabled }: { form: UseFormReturnType<PlanValues>; disabled: boolean }) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('plans.form.rrule')}
          description={t('plans.form.rruleHint')}
          required
          disabled={disabled}
          {...form.getInputProps('rrule')}
        />
        <TextInput
          type="datetime-local"
          label={t('plans.form.dtstart')}
          description={t('plans.form.dtstartHint')}
          required
          disabled={disabled}
          {...form.getInputProps('dtstart')}
        />
        <Select
          label={t('plans.form.timezone')}
          searchable
          required
          disabled={disabled}
          data={zones()}
          {...select}
          {...form.getInputProps('timezone')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('plans.form.exdates')}
          description={t('plans.form.exdatesHint')}
          disabled={disabled}
          {...form.getInputProps('exdates')}
        />
        <NumberInput
          label={t('plans.form.ahead')}
          description={t('plans.form.aheadHint')}
          min={0}
          max={366}
          allowDecimal={false}
          disabled={disabled}
          {...form.getInputProps('generateAheadDays')}
        />
      </SimpleGrid>
      <SchedulePreview
        schedule={{
          rrule: form.values.rrule,
          dtstart: form.values.dtstart,
          timezone: form.values.timezone,
          exdates: splitDates(form.values.exdates),
        }}
      />
    </>
  );
}

type Props = {
  form: UseFormReturnType<PlanValues>;
  creating: boolean;
  disabled: boolean;
  error: string | null;
  busy: boolean;
  onSubmit: (values: PlanValues) => void;
  cancel: ReactNode;
};

/** Every field of a plan; the service is chosen once, at creation. */
export function PlanForm({ form, creating, disabled, error, busy, onSubmit, cancel }: Props) {
  const services = useQuery(servicesQuery);
  const service = useQuery({
    ...serviceDetailQuery(form.values.serviceId),
    enabled: Boolean(form.values.serviceId),
  });
  return (
    <form onSubmit={form.onSubmit(onSubmit)} noValidate>
      <Stack>
        <FormError message={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('plans.col.service')}
            required
            searchable
            disabled={!creating || disabled}
            data={(services.data ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
            {...select}
            {...form.getInputProps('serviceId')}
            onChange={(value) => {
              form.setFieldValue('serviceId', value ?? '');
              form.setFieldValue('environmentId', '');
              form.setFieldValue('defaultTeamId', '');
            }}
          />
          <Select
            label={t('plans.form.environment')}
            clearable
            disabled={disabled}
            data={(service.data?.environments ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('environmentId')}
            onChange={(value) => form.setFieldValue('environmentId', value ?? '')}
          />
        </SimpleGrid>
        <TextInput
          label={t('plans.col.title')}
          required
          disabled={disabled}
          {...form.getInputProps('title')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('plans.col.category')}
            data={PLAN_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }))}
            disabled={disabled}
            {...select}
            {...form.getInputProps('category')}
          />
          <Select
            label={t('plans.form.kind')}
            data={MAINTENANCE_KINDS.map((value) => ({ value, label: kindLabel(value) }))}
            disabled={disabled}
            {...select}
            {...form.getInputProps('kind')}
          />
        </SimpleGrid>
        <Textarea
          label={t('plans.form.description')}
          autosize
          minRows={2}
          disabled={disabled}
          {...form.getInputProps('description')}
        />
        <ScheduleFields form={form} disabled={disabled} />
        <AssignmentFields form={form} disabled={disabled} />
        <ChecklistEditor
          value={form.values.checklist}
          onChange={(next) => form.setFieldValue('checklist', next)}
          disabled={disabled}
          error={form.errors.checklist as string | undefined}
        />
        <Switch
          label={t('plans.form.active')}
          description={t('plans.form.activeHint')}
          disabled={disabled}
          {...form.getInputProps('active', { type: 'checkbox' })}
        />
        {!disabled && (
          <Group justify="flex-end" mt="sm">
            {cancel}
            <Button type="submit" loading={busy}>
              {creating ? t('plans.create') : t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
