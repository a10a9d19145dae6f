import type { EnvironmentKind, ServiceOwnerRole } from '../../../contracts/services.js';
import { t } from '../../i18n/t';

export const environmentKindLabel = (kind: EnvironmentKind) => t(`services.kind.${kind}`);
export const ownerRoleLabel = (role: ServiceOwnerRole) => t(`services.ownerRole.${role}`);

/** "4 h", "1 h 30 min", "45 min". */
export function durationLabel(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours && rest) return t('windows.durationHoursMinutes', { hours, minutes: rest });
  if (hours) return t('windows.durationHours', { hours });
  return t('windows.durationMinutes', { minutes: rest });
}
