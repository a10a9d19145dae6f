import type { MantineColor } from '@mantine/core';
import { t, tMaybe } from '../../../i18n/t';

/** Enum values of the ticket API in words (falling back to the value for anything new). */
export const statusLabel = (status: string): string => tMaybe(`ticket.status.${status}`) ?? status;
export const typeLabel = (type: string): string => tMaybe(`ticket.type.${type}`) ?? type;
export const levelLabel = (level: string): string => tMaybe(`ticket.level.${level}`) ?? level;
export const channelLabel = (channel: string): string => tMaybe(`ticket.channel.${channel}`) ?? channel;
export const relationLabel = (relation: string): string => tMaybe(`ticket.relation.${relation}`) ?? relation;
export const activityLabel = (activity: string): string =>
  tMaybe(`ticket.time.activity.${activity}`) ?? activity;
export const targetLabel = (target: string): string => tMaybe(`ticket.sla.target.${target}`) ?? target;
export const slaStateLabel = (state: string): string => tMaybe(`ticket.sla.state.${state}`) ?? state;

/** Colours whose light/outline variants the theme tunes for AA contrast (tend, gray, red, blue). */
export function priorityColor(priority: string): MantineColor {
  if (priority === 'P1') return 'red';
  if (priority === 'P2') return 'blue';
  return 'gray';
}

export function slaStateColor(state: string): MantineColor {
  if (state === 'breached') return 'red';
  if (state === 'met') return 'tend';
  if (state === 'running') return 'blue';
  return 'gray';
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return t('ticket.files.bytes', { size: bytes });
  if (bytes < 1024 * 1024) return t('ticket.files.kilobytes', { size: (bytes / 1024).toFixed(1) });
  return t('ticket.files.megabytes', { size: (bytes / (1024 * 1024)).toFixed(1) });
}
