import { Badge, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ChangePasswordForm } from './ChangePasswordForm';

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

export function AccountPage() {
  const { user, organisation, expiresAt } = useSession();
  return (
    <>
      <PageHeader title={t('account.title')} description={t('account.description')} />
      <Stack gap="lg">
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="profile-heading">
          <Title order={2} size="h4" mb="md" id="profile-heading">
            {t('account.profile')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="dl" m={0}>
            <Detail label={t('common.name')}>{user.name}</Detail>
            <Detail label={t('common.email')}>{user.email}</Detail>
            <Detail label={t('common.role')}>
              <Badge variant="light">{t(`roles.${user.role}`)}</Badge>
            </Detail>
            <Detail label={t('common.organisation')}>{organisation.name}</Detail>
            <Detail label={t('users.lastLogin')}>
              {formatDateTime(user.lastLoginAt, t('common.never'))}
            </Detail>
            <Detail label={t('account.sessionExpires')}>{formatDateTime(expiresAt)}</Detail>
          </SimpleGrid>
        </Paper>
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="password-heading">
          <Title order={2} size="h4" mb="md" id="password-heading">
            {t('account.changePassword')}
          </Title>
          <ChangePasswordForm />
        </Paper>
      </Stack>
    </>
  );
}
