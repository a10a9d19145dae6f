import { Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

type Props = { title: string; hint?: string; action?: ReactNode };

/** What an empty list says: why it is empty and what to do next. */
export function EmptyState({ title, hint, action }: Props) {
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack align="center" gap="xs" ta="center">
        <ThemeIcon variant="light" size={44} radius="xl" aria-hidden>
          <IconInbox size={24} />
        </ThemeIcon>
        <Text fw={600} component="h2">
          {title}
        </Text>
        {hint && (
          <Text size="sm" c="dimmed" maw={420}>
            {hint}
          </Text>
        )}
        {action}
      </Stack>
    </Paper>
  );
}
