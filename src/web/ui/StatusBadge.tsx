import { Badge } from '@mantine/core';
import { t } from '../i18n/t';

export function StatusBadge({ active }: { active: boolean }) {
  return (
    <Badge variant="light" color={active ? 'tend' : 'gray'}>
      {active ? t('common.active') : t('common.inactive')}
    </Badge>
  );
}
