import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { request } from '../../app/api';
import { AnchorLink } from '../../app/links';
import { t } from '../../i18n/t';
import { errorMessage } from '../../ui/errors';
import { emailText } from '../../ui/serverErrors';

/** "Forgot your password?": always answers the same way, so it does not reveal who has an account. */
export function ResetRequestPage() {
  useDocumentTitle(`${t('reset.requestTitle')} · ${t('app.name')}`);
  const form = useForm({ initialValues: { email: '' }, validate: { email: emailText } });
  const send = useMutation({
    mutationFn: (values: typeof form.values) =>
      request<void>('POST', '/auth/password-reset', { body: values, allowUnauthenticated: true }),
  });

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('reset.requestTitle')}
      </Title>
      {send.isSuccess ? (
        <Alert color="tend" variant="light" role="status">
          {t('reset.requestSent', { email: form.values.email })}
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit((values) => send.mutate(values))} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('reset.requestIntro')}
            </Text>
            {send.error && (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(send.error)}
              </Alert>
            )}
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              required
              autoFocus
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={send.isPending} fullWidth>
              {t('reset.requestSubmit')}
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm" ta="center">
        <AnchorLink to="/login">{t('reset.backToLogin')}</AnchorLink>
      </Text>
    </Stack>
  );
}
