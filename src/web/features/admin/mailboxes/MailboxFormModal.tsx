import {
  Button,
  Divider,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Mailbox } from '../../../../contracts/channels.js';
import { t } from '../../../i18n/t';
import { FormError } from '../../../ui/FormError';
import { emailText, requiredText, useServerErrors } from '../../../ui/serverErrors';
import { useAllTeams } from '../escalation/api';
import { useOrganisationLookup } from '../organisations/api';
import { useSaveMailbox } from './api';
import { ImapFields } from './ImapFields';
import { initialValues, LANGUAGES, type MailboxValues, TICKET_TYPES, toInput } from './values';

function MailboxForm({ mailbox, onClose }: { mailbox: Mailbox | null; onClose: () => void }) {
  const organisations = useOrganisationLookup();
  const teams = useAllTeams();
  const form = useForm<MailboxValues>({
    initialValues: initialValues(mailbox),
    validate: { address: mailbox ? undefined : emailText, name: requiredText },
  });
  const serverErrors = useServerErrors(form);
  const save = useSaveMailbox(mailbox?.id ?? null);
  const submit = form.onSubmit((values) => {
    serverErrors.clear();
    save.mutate(toInput(values), {
      onSuccess: (saved) => {
        notifications.show({
          color: 'tend',
          message: t(mailbox ? 'mailboxes.saved' : 'mailboxes.created', { address: saved.address }),
        });
        onClose();
      },
      onError: (error) => serverErrors.show(error),
    });
  });
  const none = { value: '', label: t('common.none') };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={serverErrors.message} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('mailboxes.address')}
            required
            disabled={Boolean(mailbox)}
            data-autofocus
            {...form.getInputProps('address')}
          />
          <TextInput label={t('common.name')} required {...form.getInputProps('name')} />
          <Select
            label={t('mailboxes.organisation')}
            description={t('mailboxes.organisationHint')}
            searchable
            allowDeselect={false}
            data={[none, ...organisations.options]}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('organisationId')}
          />
          <Select
            label={t('mailboxes.team')}
            description={t('mailboxes.teamHint')}
            searchable
            allowDeselect={false}
            data={[
              none,
              ...(teams.data ?? []).map((team) => ({ value: team.id, label: `${team.name} (${team.tier})` })),
            ]}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('teamId')}
          />
          <Select
            label={t('mailboxes.ticketType')}
            allowDeselect={false}
            data={TICKET_TYPES.map((value) => ({ value, label: t(`mailboxes.type.${value}`) }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('ticketType')}
          />
          <Select
            label={t('mailboxes.unknownSenders')}
            allowDeselect={false}
            data={[
              { value: 'create', label: t('mailboxes.unknown.create') },
              { value: 'reject', label: t('mailboxes.unknown.reject') },
            ]}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('unknownSenders')}
          />
          <Select
            label={t('mailboxes.language')}
            allowDeselect={false}
            data={LANGUAGES.map((value) => ({ value, label: t(`mailboxes.language.${value}`) }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('language')}
          />
        </SimpleGrid>
        <Divider label={t('mailboxes.routes')} labelPosition="left" />
        <Switch
          label={t('mailboxes.smtp')}
          description={t('mailboxes.smtpHint')}
          {...form.getInputProps('smtp', { type: 'checkbox' })}
        />
        <Switch
          label={t('mailboxes.webhook')}
          description={t('mailboxes.webhookHint')}
          {...form.getInputProps('webhook', { type: 'checkbox' })}
        />
        <ImapFields form={form} passwordSet={mailbox?.routes.imap?.passwordSet ?? false} />
        {form.errors.imap && (
          <Text size="xs" c="var(--mantine-color-error)">
            {form.errors.imap}
          </Text>
        )}
        <Divider />
        <Switch label={t('mailboxes.activeLabel')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {mailbox ? t('common.saveChanges') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Props = { opened: boolean; mailbox: Mailbox | null; onClose: () => void };

export function MailboxFormModal({ opened, mailbox, onClose }: Props) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={mailbox ? t('mailboxes.edit') : t('mailboxes.new')}
      size="xl"
    >
      {opened && <MailboxForm key={mailbox?.id ?? 'new'} mailbox={mailbox} onClose={onClose} />}
    </Modal>
  );
}
