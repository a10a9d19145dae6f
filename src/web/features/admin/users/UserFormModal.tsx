import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { customerRoles, type Role, roles, staffRoles } from '../../../../contracts/common.js';
import type { Organisation, User } from '../../../../contracts/directory.js';
import { t } from '../../../i18n/t';
import { FormError } from '../../../ui/FormError';
import { emailText, requiredText, useServerErrors } from '../../../ui/serverErrors';
import { useOrganisationLookup } from '../organisations/api';
import { useCreateUser, useUpdateUser } from './api';

type Props = { opened: boolean; user: User | null; onClose: () => void };
type Values = { organisationId: string; name: string; email: string; role: string; password: string };

/** Staff roles for the provider organisation, customer roles for customers. */
function rolesFor(organisation: Organisation | undefined): readonly Role[] {
  if (!organisation) return roles;
  return organisation.kind === 'provider' ? staffRoles : customerRoles;
}

const roleOptions = (allowed: readonly Role[]) =>
  allowed.map((role) => ({ value: role, label: t(`roles.${role}`) }));

function validatePassword(value: string, isNew: boolean): string | null {
  if (!isNew || value === '') return null;
  return value.length >= 10 ? null : t('errors.passwordTooShort');
}

function UserForm({ user, onClose }: { user: User | null; onClose: () => void }) {
  const isNew = user === null;
  const { options: organisationOptions, byId } = useOrganisationLookup();
  const form = useForm<Values>({
    initialValues: {
      organisationId: user?.organisationId ?? '',
      name: user?.name ?? '',
      email: user?.email ?? '',
      role: user?.role ?? '',
      password: '',
    },
    validate: {
      organisationId: (value) => (isNew ? requiredText(value) : null),
      name: requiredText,
      email: emailText,
      role: requiredText,
      password: (value) => validatePassword(value, isNew),
    },
  });
  const serverErrors = useServerErrors(form);
  const create = useCreateUser();
  const update = useUpdateUser(user?.id ?? '');
  const allowedRoles = rolesFor(byId.get(form.values.organisationId));

  const onError = (error: unknown) => serverErrors.show(error);
  const submit = form.onSubmit((values) => {
    serverErrors.clear();
    const { organisationId, name, email, password } = values;
    const role = values.role as Role;
    if (isNew) {
      const input = { organisationId, name, email, role, ...(password ? { password } : {}) };
      create.mutate(input, {
        onSuccess: (saved) => {
          notifications.show({
            color: 'tend',
            message: t(password ? 'users.created' : 'users.invitedNotice', { name: saved.name }),
          });
          onClose();
        },
        onError,
      });
    } else {
      update.mutate(
        { name, email, role },
        {
          onSuccess: (saved) => {
            notifications.show({ color: 'tend', message: t('users.saved', { name: saved.name }) });
            onClose();
          },
          onError,
        },
      );
    }
  });

  const changeOrganisation = (organisationId: string | null) => {
    form.setFieldValue('organisationId', organisationId ?? '');
    const allowed = rolesFor(byId.get(organisationId ?? ''));
    if (!allowed.includes(form.values.role as Role)) form.setFieldValue('role', allowed.at(-1) ?? '');
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={serverErrors.message} />
        <TextInput
          label={t('common.name')}
          required
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput
          label={t('common.email')}
          type="email"
          required
          autoComplete="off"
          {...form.getInputProps('email')}
        />
        {isNew && (
          <Select
            label={t('common.organisation')}
            description={t('users.organisationHint')}
            required
            searchable
            data={organisationOptions}
            {...form.getInputProps('organisationId')}
            onChange={changeOrganisation}
          />
        )}
        <Select
          label={t('common.role')}
          required
          data={roleOptions(isNew ? allowedRoles : rolesFor(byId.get(user.organisationId)))}
          allowDeselect={false}
          {...form.getInputProps('role')}
        />
        {isNew && (
          <PasswordInput
            label={t('users.passwordOptional')}
            description={t('users.passwordInviteHint')}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {isNew ? t('common.create') : t('common.saveChanges')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function UserFormModal({ opened, user, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={user ? t('users.edit') : t('users.new')} size="lg">
      {opened && <UserForm key={user?.id ?? 'new'} user={user} onClose={onClose} />}
    </Modal>
  );
}
