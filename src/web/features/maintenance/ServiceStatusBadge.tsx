import { Badge } from '@mantine/core';
import type { ServiceStatus } from '../../../contracts/services.js';
import { t } from '../../i18n/t';

/** Active or retired, in words (not colour alone). */
export function ServiceStatusBadge({ status }: { status: ServiceStatus }) {
  return (
    <Badge variant="light" color={status === 'active' ? 'tend' : 'gray'}>
      {t(`services.status.${status}`)}
    </Badge>
  );
}
