import { Stack, Text, Title } from '@mantine/core';
import { ButtonLink } from '../app/links';
import { t } from '../i18n/t';

/** Shown when someone opens a page their role may not see (by link or bookmark). */
export function NoAccess() {
  return (
    <Stack align="center" ta="center" py={60} gap="sm">
      <Title order={1} size="h2">
        {t('errors.noAccessTitle')}
      </Title>
      <Text c="dimmed">{t('errors.noAccess')}</Text>
      <ButtonLink to="/" mt="md" variant="default">
        {t('common.backHome')}
      </ButtonLink>
    </Stack>
  );
}
