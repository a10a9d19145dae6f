import { Button, Group, Paper, Text } from '@mantine/core';
import {
  IconArrowsExchange,
  IconStairsUp,
  IconTag,
  IconUserCheck,
  IconUsersGroup,
  IconX,
} from '@tabler/icons-react';
import { t } from '../../../i18n/t';
import type { BulkKind } from './BulkModal';

type Props = { count: number; onAction: (kind: BulkKind) => void; onClear: () => void };

const ACTIONS: {
  kind: BulkKind;
  label: 'bulk.status' | 'bulk.assign' | 'bulk.team' | 'bulk.tier' | 'bulk.tags';
  icon: typeof IconTag;
}[] = [
  { kind: 'status', label: 'bulk.status', icon: IconArrowsExchange },
  { kind: 'assign', label: 'bulk.assign', icon: IconUserCheck },
  { kind: 'team', label: 'bulk.team', icon: IconUsersGroup },
  { kind: 'tier', label: 'bulk.tier', icon: IconStairsUp },
  { kind: 'tags', label: 'bulk.tags', icon: IconTag },
];

/** Shown while tickets are selected: the changes that apply to all of them at once. */
export function BulkBar({ count, onAction, onClear }: Props) {
  if (count === 0) return null;
  return (
    <Paper withBorder radius="md" p="xs" mb="sm" role="region" aria-label={t('bulk.selected', { count })}>
      <Group gap="xs" justify="space-between">
        <Text size="sm" fw={600} px="xs" aria-live="polite">
          {t('bulk.selected', { count })}
        </Text>
        <Group gap="xs">
          {ACTIONS.map(({ kind, label, icon: Icon }) => (
            <Button
              key={kind}
              size="xs"
              variant="default"
              leftSection={<Icon size={14} aria-hidden />}
              onClick={() => onAction(kind)}
            >
              {t(label)}
            </Button>
          ))}
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            leftSection={<IconX size={14} aria-hidden />}
            onClick={onClear}
          >
            {t('bulk.clear')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
