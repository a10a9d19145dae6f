import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api';
import { t } from '../../i18n/t';
import { FormError } from '../../ui/FormError';
import { newPasswordText, requiredText, useServerErrors } from '../../ui/serverErrors';

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** The current password is wrong: say so on that field rather than as a general failure. */
function isWrongCurrent(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'auth.invalid_credentials' || error.code === 'auth.wrong_password')
  );
}

export function ChangePasswordForm() {
  const form = useForm<Values>({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: requiredText,
      newPassword: newPasswordText,
      confirm: (value, values) => (value === values.newPassword ? null : t('errors.passwordsDiffer')),
    },
  });
  const serverErrors = useServerErrors(form);
  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: Values) =>
      api.post<void>('/auth/password', { currentPassword, newPassword }),
    onMutate: serverErrors.clear,
    onSuccess: () => {
      form.reset();
      notifications.show({ color: 'tend', message: t('account.passwordChanged') });
    },
    onError: (error) => {
      if (isWrongCurrent(error)) form.setFieldError('currentPassword', t('account.wrongCurrent'));
      else serverErrors.show(error);
    },
  });

  return (
    <form onSubmit={form.onSubmit((values) => change.mutate(values))} noValidate>
      <Stack maw={420}>
        <FormError message={serverErrors.message} />
        <PasswordInput
          label={t('account.currentPassword')}
          autoComplete="current-password"
          required
          {...form.getInputProps('currentPassword')}
        />
        <PasswordInput
          label={t('auth.newPassword')}
          description={t('auth.passwordHint')}
          autoComplete="new-password"
          required
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput
          label={t('auth.confirmPassword')}
          autoComplete="new-password"
          required
          {...form.getInputProps('confirm')}
        />
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('account.changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
