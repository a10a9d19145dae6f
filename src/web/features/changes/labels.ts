import type { ChangeState } from '../../../core/changes/lifecycle.js';
import { t, tMaybe } from '../../i18n/t';

export const stateLabel = (state: string) => tMaybe(`changes.state.${state}`) ?? state;
export const typeLabel = (type: string) => tMaybe(`changes.type.${type}`) ?? type;
export const kindLabel = (kind: string) => tMaybe(`changes.kind.${kind}`) ?? kind;
export const riskLabel = (risk: string) => tMaybe(`changes.risk.${risk}`) ?? risk;

type Look = { color: string; variant: 'light' | 'outline' };

/** Colours from the theme's AA-tuned set (tend, gray, red, blue); the words carry the meaning. */
const STATE_LOOKS: Record<ChangeState, Look> = {
  draft: { color: 'gray', variant: 'outline' },
  submitted: { color: 'blue', variant: 'outline' },
  assessment: { color: 'blue', variant: 'outline' },
  approved: { color: 'tend', variant: 'outline' },
  rejected: { color: 'red', variant: 'light' },
  scheduled: { color: 'blue', variant: 'light' },
  in_progress: { color: 'blue', variant: 'light' },
  implemented: { color: 'tend', variant: 'light' },
  failed: { color: 'red', variant: 'light' },
  rolled_back: { color: 'red', variant: 'outline' },
  reviewed: { color: 'tend', variant: 'light' },
  closed: { color: 'gray', variant: 'outline' },
  cancelled: { color: 'gray', variant: 'light' },
};

export const stateLook = (state: ChangeState): Look => STATE_LOOKS[state];

export const riskLook = (risk: string): Look =>
  risk === 'critical'
    ? { color: 'red', variant: 'light' }
    : risk === 'high'
      ? { color: 'red', variant: 'outline' }
      : { color: 'gray', variant: 'outline' };

/** "3 h 20 min", "2 d 4 h" for KPI durations. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return t('changes.kpi.none');
  const minutes = Math.floor(seconds / 60);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return t('changes.duration.days', { days, hours });
  return t('changes.duration.hours', { hours, minutes: minutes % 60 });
}

export const formatShare = (share: number | null) =>
  share === null ? t('changes.kpi.none') : `${(share * 100).toFixed(1)} %`;
