import { Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { Session } from '../../../contracts/auth.js';
import { request } from '../../app/api';
import { useAcceptSession } from '../../app/auth';
import { t } from '../../i18n/t';
import { FormError } from '../../ui/FormError';
import { emailText, newPasswordText, requiredText, useServerErrors } from '../../ui/serverErrors';

/** First run: create the provider organisation and the first admin, then sign straight in. */
export function SetupPage() {
  useDocumentTitle(`${t('setup.title')} · ${t('app.name')}`);
  const navigate = useNavigate();
  const acceptSession = useAcceptSession();
  const form = useForm({
    initialValues: { organisationName: '', name: '', email: '', password: '' },
    validate: {
      organisationName: requiredText,
      name: requiredText,
      email: emailText,
      password: newPasswordText,
    },
  });
  const serverErrors = useServerErrors(form);
  const setup = useMutation({
    mutationFn: (values: typeof form.values) =>
      request<Session>('POST', '/setup', { body: values, allowUnauthenticated: true }),
    onMutate: serverErrors.clear,
    onSuccess: async (session) => {
      acceptSession(session);
      notifications.show({ color: 'tend', message: t('setup.done') });
      await navigate({ to: '/', replace: true });
    },
    onError: (error) => serverErrors.show(error),
  });

  return (
    <form onSubmit={form.onSubmit((values) => setup.mutate(values))} noValidate>
      <Stack>
        <Title order={1} size="h2">
          {t('setup.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('setup.intro')}
        </Text>
        <FormError message={serverErrors.message} />
        <TextInput
          label={t('setup.organisationName')}
          description={t('setup.organisationHint')}
          required
          autoFocus
          {...form.getInputProps('organisationName')}
        />
        <TextInput label={t('setup.name')} autoComplete="name" required {...form.getInputProps('name')} />
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="username"
          required
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label={t('auth.password')}
          description={t('auth.passwordHint')}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={setup.isPending} fullWidth>
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
