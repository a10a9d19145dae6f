import { Button, Group, Modal, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Organisation } from '../../../../contracts/directory.js';
import { t } from '../../../i18n/t';
import { FormError } from '../../../ui/FormError';
import { requiredText, useServerErrors } from '../../../ui/serverErrors';
import { useSaveOrganisation } from './api';

type Props = { opened: boolean; organisation: Organisation | null; onClose: () => void };

function OrganisationForm({
  organisation,
  onClose,
}: {
  organisation: Organisation | null;
  onClose: () => void;
}) {
  const form = useForm({
    initialValues: {
      name: organisation?.name ?? '',
      domains: organisation?.domains ?? [],
      active: organisation?.active ?? true,
    },
    validate: { name: requiredText },
  });
  const serverErrors = useServerErrors(form);
  const save = useSaveOrganisation(organisation?.id ?? null);
  const isProvider = organisation?.kind === 'provider';

  const submit = form.onSubmit((values) => {
    serverErrors.clear();
    const input = organisation && !isProvider ? values : { name: values.name, domains: values.domains };
    save.mutate(input, {
      onSuccess: (saved) => {
        const key = organisation ? 'orgs.saved' : 'orgs.created';
        notifications.show({ color: 'tend', message: t(key, { name: saved.name }) });
        onClose();
      },
      onError: (error) => serverErrors.show(error),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={serverErrors.message} />
        <TextInput label={t('common.name')} required data-autofocus {...form.getInputProps('name')} />
        <TagsInput
          label={t('orgs.domains')}
          description={t('orgs.domainsHint')}
          placeholder={t('orgs.domainsPlaceholder')}
          splitChars={[',', ' ']}
          clearable
          {...form.getInputProps('domains')}
        />
        {organisation && !isProvider && (
          <Switch
            label={t('orgs.activeLabel')}
            description={t('orgs.activeHint')}
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {organisation ? t('common.saveChanges') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Create or edit an organisation; the form starts fresh every time the modal opens. */
export function OrganisationFormModal({ opened, organisation, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={organisation ? t('orgs.edit') : t('orgs.new')} size="lg">
      {opened && (
        <OrganisationForm key={organisation?.id ?? 'new'} organisation={organisation} onClose={onClose} />
      )}
    </Modal>
  );
}
