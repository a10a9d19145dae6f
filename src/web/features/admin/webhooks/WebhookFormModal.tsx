import { Button, Group, Modal, Select, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Webhook } from '../../../../contracts/webhooks.js';
import { t } from '../../../i18n/t';
import { CopyField } from '../../../ui/CopyField';
import { FormError } from '../../../ui/FormError';
import { requiredText, useServerErrors } from '../../../ui/serverErrors';
import { useOrganisationLookup } from '../organisations/api';
import { useCreateWebhook, useUpdateWebhook, type WebhookWithSecret } from './api';
import { KNOWN_EVENT_TYPES } from './events';

type Values = { name: string; url: string; eventTypes: string[]; organisationId: string; active: boolean };

const ALL_ORGANISATIONS = '';

/** The signing secret, shown once after creating or rotating; it cannot be read again. */
export function SecretView({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <Stack>
      <Text size="sm">{t('webhooks.secretText')}</Text>
      <CopyField label={t('webhooks.secretLabel')} value={secret} copyLabel={t('webhooks.copySecret')} />
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('tokens.done')}</Button>
      </Group>
    </Stack>
  );
}

function WebhookForm({
  webhook,
  onCreated,
  onClose,
}: {
  webhook: Webhook | null;
  onCreated: (created: WebhookWithSecret) => void;
  onClose: () => void;
}) {
  const organisations = useOrganisationLookup();
  const form = useForm<Values>({
    initialValues: {
      name: webhook?.name ?? '',
      url: webhook?.url ?? 'https://',
      eventTypes: webhook?.eventTypes ?? ['ticket.*'],
      organisationId: webhook?.organisationId ?? ALL_ORGANISATIONS,
      active: webhook?.active ?? true,
    },
    validate: {
      name: requiredText,
      url: requiredText,
      eventTypes: (value) => (value.length > 0 ? null : t('webhooks.eventsRequired')),
    },
  });
  const serverErrors = useServerErrors(form);
  const create = useCreateWebhook();
  const update = useUpdateWebhook(webhook?.id ?? '');
  const submit = form.onSubmit((values) => {
    serverErrors.clear();
    const input = { ...values, url: values.url.trim(), organisationId: values.organisationId || null };
    const onError = (error: unknown) => serverErrors.show(error);
    if (webhook)
      update.mutate(input, {
        onSuccess: (saved) => {
          notifications.show({ color: 'tend', message: t('webhooks.saved', { name: saved.name }) });
          onClose();
        },
        onError,
      });
    else create.mutate(input, { onSuccess: onCreated, onError });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={serverErrors.message} />
        <TextInput label={t('common.name')} required data-autofocus {...form.getInputProps('name')} />
        <TextInput
          label={t('webhooks.url')}
          description={t('webhooks.urlHint')}
          required
          type="url"
          {...form.getInputProps('url')}
        />
        <TagsInput
          label={t('webhooks.events')}
          description={t('webhooks.eventsHint')}
          data={[...KNOWN_EVENT_TYPES]}
          clearable
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('eventTypes')}
        />
        <Select
          label={t('webhooks.organisation')}
          description={t('webhooks.organisationHint')}
          searchable
          allowDeselect={false}
          data={[
            { value: ALL_ORGANISATIONS, label: t('webhooks.allOrganisations') },
            ...organisations.options,
          ]}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('organisationId')}
        />
        <Switch label={t('webhooks.activeLabel')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {webhook ? t('common.saveChanges') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Props = { opened: boolean; webhook: Webhook | null; onClose: () => void };

/** Create a webhook (then show its secret once) or edit one. */
export function WebhookFormModal({ opened, webhook, onClose }: Props) {
  const [created, setCreated] = useState<WebhookWithSecret | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  const title = created ? t('webhooks.secretTitle') : webhook ? t('webhooks.edit') : t('webhooks.new');
  return (
    <Modal opened={opened} onClose={close} title={title} size="lg" closeOnClickOutside={!created}>
      {opened && !created && (
        <WebhookForm key={webhook?.id ?? 'new'} webhook={webhook} onCreated={setCreated} onClose={close} />
      )}
      {opened && created && <SecretView secret={created.secret} onDone={close} />}
    </Modal>
  );
}
