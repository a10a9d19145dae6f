import { Button, Group, Paper, Radio, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { type GetInputPropsReturnType, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { LEVELS, type Level } from '../../../core/tickets/priority.js';
import { ButtonLink } from '../../app/links';
import { t } from '../../i18n/t';
import { FormError } from '../../ui/FormError';
import { PageHeader } from '../../ui/PageHeader';
import { requiredText, useServerErrors } from '../../ui/serverErrors';
import { useOpenTicket } from './api';
import { FilesField } from './FilesField';
import { CUSTOMER_TYPES, typeLabel } from './labels';

type Values = {
  type: (typeof CUSTOMER_TYPES)[number];
  subject: string;
  description: string;
  impact: Level;
  urgency: Level;
};

function TypeChoice(props: GetInputPropsReturnType) {
  return (
    <Radio.Group label={t('portal.form.type')} required {...props}>
      <Stack gap="xs" mt="xs">
        {CUSTOMER_TYPES.map((type) => (
          <Radio key={type} value={type} label={typeLabel(type)} description={t(`portal.typeHint.${type}`)} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

function LevelSelect({ field, ...props }: { field: 'impact' | 'urgency' } & GetInputPropsReturnType) {
  return (
    <Select
      label={t(`portal.form.${field}`)}
      allowDeselect={false}
      data={LEVELS.map((level) => ({ value: level, label: t(`portal.${field}.${level}`) }))}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}

/** Open a ticket: what kind, what happened, how bad it is, and any files that help. */
export function NewTicketPage() {
  const navigate = useNavigate();
  const [files, setFiles] = useState<File[]>([]);
  const form = useForm<Values>({
    initialValues: { type: 'incident', subject: '', description: '', impact: 'medium', urgency: 'medium' },
    validate: { subject: requiredText, description: requiredText },
  });
  const serverErrors = useServerErrors(form);
  const open = useOpenTicket();

  const submit = form.onSubmit((values) => {
    serverErrors.clear();
    open.mutate(
      { ticket: values, files },
      {
        onSuccess: ({ ticket, failed }) => {
          notifications.show({ color: 'tend', message: t('portal.opened', { number: ticket.number }) });
          if (failed.length > 0)
            notifications.show({
              color: 'red',
              autoClose: false,
              message: t('portal.filesFailed', { files: failed.join(', ') }),
            });
          void navigate({ to: '/portal/tickets/$ref', params: { ref: ticket.number } });
        },
        onError: (error) => serverErrors.show(error),
      },
    );
  });

  return (
    <>
      <PageHeader title={t('portal.newTicketTitle')} description={t('portal.newTicketDescription')} />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormError message={serverErrors.message} />
            <TypeChoice {...form.getInputProps('type')} />
            <TextInput
              label={t('portal.form.subject')}
              description={t('portal.form.subjectHint')}
              required
              {...form.getInputProps('subject')}
            />
            <Textarea
              label={t('portal.form.description')}
              description={t('portal.form.descriptionHint')}
              required
              autosize
              minRows={5}
              maxRows={16}
              {...form.getInputProps('description')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <LevelSelect field="impact" {...form.getInputProps('impact')} />
              <LevelSelect field="urgency" {...form.getInputProps('urgency')} />
            </SimpleGrid>
            <FilesField value={files} onChange={setFiles} />
            <Group justify="flex-end" mt="sm">
              <ButtonLink to="/portal/tickets" variant="default">
                {t('common.cancel')}
              </ButtonLink>
              <Button type="submit" loading={open.isPending}>
                {t('portal.submitTicket')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
