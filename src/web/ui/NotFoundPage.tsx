import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ButtonLink } from '../app/links';
import { t } from '../i18n/t';

export function NotFoundPage() {
  useDocumentTitle(`${t('errors.pageNotFound')} · ${t('app.name')}`);
  return (
    <Stack component="main" align="center" ta="center" py={80} px="md" gap="sm">
      <Title order={1}>{t('errors.pageNotFound')}</Title>
      <Text c="dimmed">{t('errors.pageNotFoundHint')}</Text>
      <ButtonLink to="/" mt="md">
        {t('common.backHome')}
      </ButtonLink>
    </Stack>
  );
}
