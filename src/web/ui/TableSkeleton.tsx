import { Paper, Skeleton, Stack } from '@mantine/core';
import { t } from '../i18n/t';

/** A placeholder with the rough shape of a table while the first page loads. */
export function TableSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <Paper withBorder radius="md" p="md" aria-busy="true" aria-label={t('app.loading')}>
      <Stack gap="sm">
        <Skeleton height={20} width="40%" />
        {Array.from({ length: rows }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders, never reordered
          <Skeleton key={index} height={28} />
        ))}
      </Stack>
    </Paper>
  );
}
