import { Select, SimpleGrid, Switch, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { CHANGE_KINDS, CHANGE_RISKS, CHANGE_TYPES } from '../../../core/changes/lifecycle.js';
import { LEVELS } from '../../../core/tickets/priority.js';
import { t } from '../../i18n/t';
import { type AffectedEntry, AffectedPicker } from './AffectedPicker';
import { kindLabel, riskLabel, typeLabel } from './labels';

export type Values = {
  organisationId: string;
  type: string;
  kind: string;
  title: string;
  description: string;
  risk: string;
  impact: string;
  implementationPlan: string;
  backoutPlan: string;
  testPlan: string;
  requiresDowntime: boolean;
  plannedStart: string;
  plannedEnd: string;
  affected: AffectedEntry[];
};

export const EMPTY_CHANGE: Values = {
  organisationId: '',
  type: 'normal',
  kind: 'corrective',
  title: '',
  description: '',
  risk: 'medium',
  impact: 'medium',
  implementationPlan: '',
  backoutPlan: '',
  testPlan: '',
  requiresDowntime: false,
  plannedStart: '',
  plannedEnd: '',
  affected: [],
};

const options = (values: readonly string[], label: (value: string) => string) =>
  values.map((value) => ({ value, label: label(value) }));

const select = { allowDeselect: false, comboboxProps: { withinPortal: true } };

type FieldsProps = { form: UseFormReturnType<Values> };

/** Whose change, which type and kind, what and why, how risky. */
export function WhatFields({
  form,
  organisations,
}: FieldsProps & { organisations: { value: string; label: string }[] }) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('common.organisation')}
          required
          searchable
          data={organisations}
          {...select}
          {...form.getInputProps('organisationId')}
          onChange={(value) => {
            form.setFieldValue('organisationId', value ?? '');
            form.setFieldValue('affected', []);
          }}
        />
        <Select
          label={t('changes.col.type')}
          data={options(CHANGE_TYPES, typeLabel)}
          {...select}
          {...form.getInputProps('type')}
        />
        <Select
          label={t('changes.col.kind')}
          data={options(CHANGE_KINDS, kindLabel)}
          {...select}
          {...form.getInputProps('kind')}
        />
      </SimpleGrid>
      <TextInput label={t('changes.col.title')} required {...form.getInputProps('title')} />
      <Textarea
        label={t('changes.form.description')}
        required
        autosize
        minRows={3}
        {...form.getInputProps('description')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('changes.col.risk')}
          data={options(CHANGE_RISKS, riskLabel)}
          {...select}
          {...form.getInputProps('risk')}
        />
        <Select
          label={t('changes.form.impact')}
          data={LEVELS.map((level) => ({ value: level, label: t(`changes.impact.${level}`) }))}
          {...select}
          {...form.getInputProps('impact')}
        />
      </SimpleGrid>
    </>
  );
}

/** How it is done and undone, what it touches, whether it takes something down, and when. */
export function PlanFields({ form }: FieldsProps) {
  return (
    <>
      <Textarea
        label={t('changes.form.implementationPlan')}
        autosize
        minRows={3}
        {...form.getInputProps('implementationPlan')}
      />
      <Textarea
        label={t('changes.form.backoutPlan')}
        autosize
        minRows={2}
        {...form.getInputProps('backoutPlan')}
      />
      <Textarea label={t('changes.form.testPlan')} autosize minRows={2} {...form.getInputProps('testPlan')} />
      <AffectedPicker
        organisationId={form.values.organisationId}
        value={form.values.affected}
        onChange={(value) => form.setFieldValue('affected', value)}
        error={form.errors.affected as string | undefined}
      />
      <Switch
        label={t('changes.form.requiresDowntime')}
        description={t('changes.form.requiresDowntimeHint')}
        {...form.getInputProps('requiresDowntime', { type: 'checkbox' })}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="datetime-local"
          label={t('changes.form.plannedStart')}
          {...form.getInputProps('plannedStart')}
        />
        <TextInput
          type="datetime-local"
          label={t('changes.form.plannedEnd')}
          {...form.getInputProps('plannedEnd')}
        />
      </SimpleGrid>
    </>
  );
}
