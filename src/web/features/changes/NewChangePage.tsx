import { Button, Group, Paper, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { ButtonLink } from '../../app/links';
import { t } from '../../i18n/t';
import { FormError } from '../../ui/FormError';
import { PageHeader } from '../../ui/PageHeader';
import { requiredText, useServerErrors } from '../../ui/serverErrors';
import { allOrganisationsQuery } from '../admin/organisations/api';
import { changeApi, useStoreChange } from './api';
import { EMPTY_CHANGE, PlanFields, type Values, WhatFields } from './ChangeFormFields';
import { localInputToInstant } from './time';

/** Raise a change request (a draft): what, why, how, how to undo it, and what it touches. */
export function NewChangePage() {
  const navigate = useNavigate();
  const organisations = useQuery(allOrganisationsQuery);
  const store = useStoreChange();
  const form = useForm<Values>({
    initialValues: EMPTY_CHANGE,
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
  return (
    <>
      <PageHeader title={t('changes.newTitle')} description={t('changes.newDescription')} />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormError message={serverErrors.message} />
            <WhatFields
              form={form}
              organisations={(organisations.data ?? []).map((org) => ({ value: org.id, label: org.name }))}
            />
            <PlanFields form={form} />
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
