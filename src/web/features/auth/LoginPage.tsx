import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { Session } from '../../../contracts/auth.js';
import { request } from '../../app/api';
import { useAcceptSession } from '../../app/auth';
import { AnchorLink } from '../../app/links';
import { t } from '../../i18n/t';
import { errorMessage } from '../../ui/errors';
import { emailText, requiredText } from '../../ui/serverErrors';

const route = getRouteApi('/public/login');

/** Only same-site paths: never bounce a fresh session to another origin. */
function safeRedirect(target: string | undefined): string {
  return target?.startsWith('/') && !target.startsWith('//') ? target : '/';
}

export function LoginPage() {
  useDocumentTitle(`${t('login.title')} · ${t('app.name')}`);
  const { redirect, expired } = route.useSearch();
  const navigate = useNavigate();
  const acceptSession = useAcceptSession();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: { email: emailText, password: requiredText },
  });
  const login = useMutation({
    mutationFn: (values: typeof form.values) =>
      request<Session>('POST', '/auth/login', { body: values, allowUnauthenticated: true }),
    onSuccess: async (session) => {
      acceptSession(session);
      await navigate({ href: safeRedirect(redirect), replace: true });
    },
  });

  return (
    <form onSubmit={form.onSubmit((values) => login.mutate(values))} noValidate>
      <Stack>
        <Title order={1} size="h2">
          {t('login.title')}
        </Title>
        {expired && !login.error && (
          <Alert color="blue" variant="light">
            {t('login.sessionEnded')}
          </Alert>
        )}
        {login.error && (
          <Alert
            color="red"
            variant="light"
            title={t('login.failedTitle')}
            role="alert"
            data-testid="login-error"
          >
            {errorMessage(login.error)}
          </Alert>
        )}
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="username"
          required
          data-autofocus
          autoFocus
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label={t('auth.password')}
          autoComplete="current-password"
          required
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={login.isPending} fullWidth>
          {t('login.submit')}
        </Button>
        <Text size="sm" ta="center">
          <AnchorLink to="/forgot-password">{t('login.forgot')}</AnchorLink>
        </Text>
      </Stack>
    </form>
  );
}
