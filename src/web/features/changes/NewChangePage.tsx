import { Button, Group, Paper, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { CHANGE_KINDS, CHANGE_RISKS, CHANGE_TYPES } from '../../../core/changes/lifecycle.js';
import { LEVELS } from '../../../core/tickets/priority.js';
import { ButtonLink } from '../../app/links';
import { t } from '../../i18n/t';
import { FormError } from '../../ui/FormError';
import { PageHeader } from '../../ui/PageHeader';
import { requiredText, useServerErrors } from '../../ui/serverErrors';
import { allOrganisationsQuery } from '../admin/organisations/api';
import { type AffectedEntry, AffectedPicker } from './AffectedPicker';
import { changeApi, useStoreChange } from './api';
import { kindLabel, riskLabel, typeLabel } from './labels';
import { localInputToInstant } from './time';

type Values = {
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

const options = (values: readonly string[], label: (value: string) => string) =>
  values.map((value) => ({ value, label: label(value) }));

/** Raise a change request (a draft): what, why, how, how to undo it, and what it touches. */
export function NewChangePage() {
  const navigate = useNavigate();
  const organisations = useQuery(allOrganisationsQuery);
  const store = useStoreChange();
  const form = useForm<Values>({
    initialValues: {
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
    },
    validate: { organisationId: requiredText, title: requiredText, description: requiredText },
  });
  const serverErrors = useServerErrors(form);
  const create = useMutation({ mutationFn: changeApi.create });
  const submit = form.onSubmit((values) => {
    serverErrors.clear();
    const { plannedStart, plannedEnd, type, kind, risk, impact, ...rest } = values;
    const body = {
      ...rest,
      type: type as 'normal',
      kind: kind as 'corrective',
      risk: risk as 'medium',
      impact: impact as 'medium',
      plannedStart: localInputToInstant(plannedStart),
      plannedEnd: localInputToInstant(plannedEnd),
    };
    create.mutate(body, {
      onSuccess: (change) => {
        store(change);
        notifications.show({ color: 'tend', message: t('changes.created', { number: change.number }) });
        void navigate({ to: '/changes/$ref', params: { ref: change.number } });
      },
      onError: (error) => serverErrors.show(error),
    });
  });
  const select = { allowDeselect: false, comboboxProps: { withinPortal: true } };
  return (
    <>
      <PageHeader title={t('changes.newTitle')} description={t('changes.newDescription')} />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormError message={serverErrors.message} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('common.organisation')}
                required
                searchable
                data={(organisations.data ?? []).map((org) => ({ value: org.id, label: org.name }))}
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
            <Textarea
              label={t('changes.form.testPlan')}
              autosize
              minRows={2}
              {...form.getInputProps('testPlan')}
            />
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
            <Group justify="flex-end" mt="sm">
              <ButtonLink to="/changes" variant="default">
                {t('common.cancel')}
              </ButtonLink>
              <Button type="submit" loading={create.isPending}>
                {t('changes.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
