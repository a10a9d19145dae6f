import { Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { type TokenScope, tokenScopes } from '../../../../contracts/auth.js';
import type { Role } from '../../../../contracts/common.js';
import { t } from '../../../i18n/t';
import { CopyField } from '../../../ui/CopyField';
import { FormError } from '../../../ui/FormError';
import { requiredText, useServerErrors } from '../../../ui/serverErrors';
import { type CreatedToken, useCreateToken } from './api';

type Props = { opened: boolean; role: Role; onClose: () => void };
type Values = { name: string; scopes: string[]; expiry: string };

const EXPIRY_CHOICES = ['30', '90', '365', 'never'] as const;

/** Admin-level scopes only make sense for admins; everyone may read and write as themselves. */
function scopesFor(role: Role): readonly TokenScope[] {
  return role === 'admin'
    ? tokenScopes
    : tokenScopes.filter((scope) => scope === 'read' || scope === 'write');
}

function CreateForm({
  role,
  onCreated,
  onClose,
}: {
  role: Role;
  onCreated: (t: CreatedToken) => void;
  onClose: () => void;
}) {
  const form = useForm<Values>({
    initialValues: { name: '', scopes: ['read'], expiry: '90' },
    validate: {
      name: requiredText,
      scopes: (value) => (value.length > 0 ? null : t('tokens.scopesRequired')),
    },
  });
  const serverErrors = useServerErrors(form, { expiresInDays: 'expiry' });
  const create = useCreateToken();
  const submit = form.onSubmit(({ name, scopes, expiry }) => {
    serverErrors.clear();
    const expiresInDays = expiry === 'never' ? null : Number(expiry);
    create.mutate(
      { name, scopes: scopes as TokenScope[], expiresInDays },
      {
        onSuccess: onCreated,
        onError: (error) => serverErrors.show(error),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={serverErrors.message} />
        <TextInput
          label={t('tokens.name')}
          description={t('tokens.nameHint')}
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Checkbox.Group label={t('tokens.scopes')} required {...form.getInputProps('scopes')}>
          <Group mt="xs">
            {scopesFor(role).map((scope) => (
              <Checkbox key={scope} value={scope} label={t(`tokens.scope.${scope}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Select
          label={t('tokens.expiresIn')}
          allowDeselect={false}
          data={EXPIRY_CHOICES.map((value) => ({ value, label: t(`tokens.expiry.${value}`) }))}
          {...form.getInputProps('expiry')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ShowSecret({ created, onClose }: { created: CreatedToken; onClose: () => void }) {
  return (
    <Stack>
      <Text size="sm">{t('tokens.createdText')}</Text>
      <CopyField label={t('tokens.secretLabel')} value={created.secret} copyLabel={t('tokens.copySecret')} />
      <Group justify="flex-end">
        <Button onClick={onClose}>{t('tokens.done')}</Button>
      </Group>
    </Stack>
  );
}

/** Create a token, then show its secret exactly once. */
export function CreateTokenModal({ opened, role, onClose }: Props) {
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? t('tokens.createdTitle') : t('tokens.new')}
      closeOnClickOutside={!created}
      size="lg"
    >
      {opened && !created && <CreateForm role={role} onCreated={setCreated} onClose={close} />}
      {opened && created && <ShowSecret created={created} onClose={close} />}
    </Modal>
  );
}
