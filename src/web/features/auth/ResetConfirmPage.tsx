import { Alert, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { ApiError, request } from '../../app/api';
import { AnchorLink, ButtonLink } from '../../app/links';
import { t } from '../../i18n/t';
import { FormError } from '../../ui/FormError';
import { newPasswordText, useServerErrors } from '../../ui/serverErrors';

const route = getRouteApi('/public/reset-password');

/** A token problem means the link is dead, whatever the exact code: offer a new one. */
function isTokenProblem(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.code.includes('token') || error.fieldErrors.some((field) => field.path === 'token');
}

function LinkProblem({ message }: { message: string }) {
  return (
    <Stack>
      <Alert color="red" variant="light" role="alert">
        {message}
      </Alert>
      <ButtonLink to="/forgot-password" variant="default">
        {t('reset.requestNew')}
      </ButtonLink>
    </Stack>
  );
}

/** Choose a new password from an emailed link: password reset and invitation acceptance alike. */
export function ResetConfirmPage() {
  useDocumentTitle(`${t('reset.confirmTitle')} · ${t('app.name')}`);
  const { token } = route.useSearch();
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: newPasswordText,
      confirm: (value, values) => (value === values.password ? null : t('errors.passwordsDiffer')),
    },
  });
  const serverErrors = useServerErrors(form);
  const confirm = useMutation({
    mutationFn: ({ password }: typeof form.values) =>
      request<void>('POST', '/auth/password-reset/confirm', {
        body: { token, password },
        allowUnauthenticated: true,
      }),
    onMutate: serverErrors.clear,
    onError: (error) => {
      if (!isTokenProblem(error)) serverErrors.show(error);
    },
  });

  let body: React.ReactNode;
  if (!token) body = <LinkProblem message={t('reset.missingToken')} />;
  else if (isTokenProblem(confirm.error)) body = <LinkProblem message={t('reset.invalidToken')} />;
  else if (confirm.isSuccess)
    body = (
      <Stack>
        <Alert color="tend" variant="light" role="status">
          {t('reset.confirmDone')}
        </Alert>
        <ButtonLink to="/login">{t('login.submit')}</ButtonLink>
      </Stack>
    );
  else
    body = (
      <form onSubmit={form.onSubmit((values) => confirm.mutate(values))} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('reset.confirmIntro')}
          </Text>
          <FormError message={serverErrors.message} />
          <PasswordInput
            label={t('auth.newPassword')}
            description={t('auth.passwordHint')}
            autoComplete="new-password"
            required
            autoFocus
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label={t('auth.confirmPassword')}
            autoComplete="new-password"
            required
            {...form.getInputProps('confirm')}
          />
          <Button type="submit" loading={confirm.isPending} fullWidth>
            {t('reset.confirmSubmit')}
          </Button>
        </Stack>
      </form>
    );

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('reset.confirmTitle')}
      </Title>
      {body}
      <Text size="sm" ta="center">
        <AnchorLink to="/login">{t('reset.backToLogin')}</AnchorLink>
      </Text>
    </Stack>
  );
}
