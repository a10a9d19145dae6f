import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconPlant2 } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { t } from '../../i18n/t';

/** The product mark; links home when signed in. */
export function Brand({ linked = true }: { linked?: boolean }) {
  const mark = (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon radius="md" size="md" aria-hidden>
        <IconPlant2 size={18} />
      </ThemeIcon>
      <Text fw={700} size="lg" c="var(--mantine-color-bright)">
        {t('app.name')}
      </Text>
    </Group>
  );
  if (!linked) return mark;
  return (
    <Link to="/" aria-label={`${t('app.name')} — ${t('nav.home')}`} style={{ textDecoration: 'none' }}>
      {mark}
    </Link>
  );
}
