import { t, tMaybe } from '../../../i18n/t';
import { useTeamName, useUserName } from './directory';

/** One ticket field's value in words (history, the conflict panel): names, not ids. */

function UserValue({ id }: { id: string }) {
  return <>{useUserName(id)}</>;
}

function TeamValue({ id }: { id: string }) {
  return <>{useTeamName(id)}</>;
}

export function fieldLabel(field: string): string {
  return tMaybe(`ticket.field.${field}`) ?? field;
}

export function FieldValue({ field, value }: { field: string; value: unknown }) {
  if (value === null || value === undefined || value === '') return <>{t('common.none')}</>;
  if (field === 'assigneeId' || field === 'requesterId') return <UserValue id={String(value)} />;
  if (field === 'teamId') return <TeamValue id={String(value)} />;
  if (Array.isArray(value)) return <>{value.length ? value.join(', ') : t('common.none')}</>;
  if (field === 'type') return <>{tMaybe(`ticket.type.${String(value)}`) ?? String(value)}</>;
  if (field === 'status') return <>{tMaybe(`ticket.status.${String(value)}`) ?? String(value)}</>;
  if (field === 'impact' || field === 'urgency')
    return <>{tMaybe(`ticket.level.${String(value)}`) ?? String(value)}</>;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return <>{text.length > 160 ? `${text.slice(0, 160)}…` : text}</>;
}
