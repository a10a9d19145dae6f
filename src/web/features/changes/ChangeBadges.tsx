import { Badge } from '@mantine/core';
import type { ChangeState } from '../../../core/changes/lifecycle.js';
import { t } from '../../i18n/t';
import { riskLabel, riskLook, stateLabel, stateLook, typeLabel } from './labels';

export function ChangeStateBadge({ state }: { state: ChangeState }) {
  return (
    <Badge {...stateLook(state)} tt="none">
      {stateLabel(state)}
    </Badge>
  );
}

export function RiskBadge({ risk }: { risk: string }) {
  return (
    <Badge {...riskLook(risk)} tt="none">
      {t('changes.riskBadge', { risk: riskLabel(risk) })}
    </Badge>
  );
}

export function TypeBadge({ type }: { type: string }) {
  return (
    <Badge variant="dot" color={type === 'emergency' ? 'red' : type === 'standard' ? 'gray' : 'blue'}>
      {typeLabel(type)}
    </Badge>
  );
}
