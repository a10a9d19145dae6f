import { NumberInput, PasswordInput, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { t } from '../../../i18n/t';
import type { MailboxValues } from './values';

type Props = { form: UseFormReturnType<MailboxValues>; passwordSet: boolean };

/** Where Tend fetches this mailbox's mail by IMAP, if it does; the password is never shown again. */
export function ImapFields({ form, passwordSet }: Props) {
  const enabled = form.values.imapEnabled;
  return (
    <Stack gap="sm">
      <Switch
        label={t('mailboxes.imap')}
        description={t('mailboxes.imapHint')}
        {...form.getInputProps('imapEnabled', { type: 'checkbox' })}
      />
      {enabled && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('mailboxes.imapHost')} required {...form.getInputProps('imap.host')} />
          <NumberInput
            label={t('mailboxes.imapPort')}
            min={1}
            max={65535}
            {...form.getInputProps('imap.port')}
          />
          <Select
            label={t('mailboxes.imapTls')}
            allowDeselect={false}
            data={[
              { value: 'implicit', label: t('mailboxes.tls.implicit') },
              { value: 'starttls', label: t('mailboxes.tls.starttls') },
            ]}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('imap.tls')}
          />
          <TextInput label={t('mailboxes.imapUser')} required {...form.getInputProps('imap.user')} />
          <PasswordInput
            label={t('mailboxes.imapPassword')}
            description={passwordSet ? t('mailboxes.imapPasswordKeep') : undefined}
            required={!passwordSet}
            {...form.getInputProps('imap.password')}
          />
          <TextInput label={t('mailboxes.imapFolder')} {...form.getInputProps('imap.folder')} />
          <Select
            label={t('mailboxes.imapAfter')}
            allowDeselect={false}
            data={[
              { value: 'flag', label: t('mailboxes.after.flag') },
              { value: 'move', label: t('mailboxes.after.move') },
            ]}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('imap.after')}
          />
          {form.values.imap.after === 'move' && (
            <TextInput label={t('mailboxes.imapMoveTo')} required {...form.getInputProps('imap.moveTo')} />
          )}
        </SimpleGrid>
      )}
    </Stack>
  );
}
