import { List, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { t, tMaybe } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { historyQuery } from './api';
import { useTeamName, useUserName } from './directory';
import { FieldValue, fieldLabel } from './FieldValue';
import { relationLabel, statusLabel } from './labels';
import { formatMinutes } from './slaClock';
import type { HistoryEntry } from './types';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function Assigned({ data }: { data: Record<string, unknown> }) {
  const name = useUserName(text(data.toAssigneeId) || null);
  return <>{data.toAssigneeId ? t('ticket.history.assigned', { name }) : t('ticket.history.unassigned')}</>;
}

function TierMove({ kind, data }: { kind: string; data: Record<string, unknown> }) {
  const team = useTeamName(text(data.toTeamId) || null);
  const key = kind === 'escalated' ? 'ticket.history.escalated' : 'ticket.history.deEscalated';
  return <>{t(key, { from: text(data.fromTier), to: text(data.toTier), team, reason: text(data.reason) })}</>;
}

function Watcher({ data }: { data: Record<string, unknown> }) {
  const name = useUserName(text(data.userId) || null);
  return (
    <>
      {t(data.action === 'removed' ? 'ticket.history.watcherRemoved' : 'ticket.history.watcherAdded', {
        name,
      })}
    </>
  );
}

function FieldChanges({ data }: { data: Record<string, unknown> }) {
  const changes = (data.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
  return (
    <>
      {t('ticket.history.changed')}{' '}
      {Object.entries(changes).map(([field, change], index) => (
        <span key={field}>
          {index > 0 && '; '}
          {fieldLabel(field)}: <FieldValue field={field} value={change.from} /> →{' '}
          <FieldValue field={field} value={change.to} />
        </span>
      ))}
    </>
  );
}

function timeEntrySentence(data: Record<string, unknown>): string {
  const entry = (data.after ?? data.before ?? {}) as { minutes?: number };
  const action = tMaybe(`ticket.history.time.${text(data.action)}`) ?? text(data.action);
  return t('ticket.history.timeEntry', { action, time: formatMinutes(entry.minutes ?? 0) });
}

/** One history entry in words (names, not ids); unknown kinds still show what they are. */
function describe({ kind, data }: HistoryEntry): ReactNode {
  switch (kind) {
    case 'created':
      return t('ticket.history.created', { priority: text(data.priority), tier: text(data.tier) });
    case 'status':
      return t(data.reason ? 'ticket.history.statusWhy' : 'ticket.history.status', {
        from: statusLabel(text(data.from)),
        to: statusLabel(text(data.to)),
        reason: text(data.reason),
      });
    case 'field':
      return <FieldChanges data={data} />;
    case 'assigned':
      return <Assigned data={data} />;
    case 'escalated':
    case 'de_escalated':
      return <TierMove kind={kind} data={data} />;
    case 'link':
      return t(data.action === 'removed' ? 'ticket.history.linkRemoved' : 'ticket.history.linkAdded', {
        relation: relationLabel(text(data.relation)),
        number: text(data.number),
      });
    case 'merged':
      return t('ticket.history.merged', { number: text(data.intoNumber) });
    case 'merged_in':
      return t('ticket.history.mergedIn', { number: text(data.fromNumber) });
    case 'time_entry':
      return timeEntrySentence(data);
    case 'rated':
      return t('ticket.history.rated', { score: String(data.score ?? '') });
    case 'watcher':
      return <Watcher data={data} />;
    case 'attachment':
      return t('ticket.history.attachment', { name: text(data.fileName) });
    default:
      return tMaybe(`ticket.history.kind.${kind}`) ?? kind;
  }
}

function Entry({ entry }: { entry: HistoryEntry }) {
  const actor = useUserName(entry.actorId);
  return (
    <List.Item>
      <Text size="xs" c="dimmed" component="time" dateTime={entry.at}>
        {formatDateTime(entry.at)}
      </Text>
      <Text size="sm">
        <Text span fw={600} inherit>
          {actor}
        </Text>{' '}
        {describe(entry)}
      </Text>
    </List.Item>
  );
}

/** Everything that happened to the ticket, oldest first: status, assignment, tiers, edits, links… */
export function HistoryList({ ticketRef }: { ticketRef: string }) {
  const history = useQuery(historyQuery(ticketRef));
  if (history.isPending) return <Skeleton height={120} />;
  if (history.isError) return <ErrorAlert error={history.error} onRetry={() => history.refetch()} />;
  return (
    <Stack gap="xs">
      <List spacing="sm" listStyleType="none" aria-label={t('ticket.history.title')} data-testid="history">
        {history.data.map((entry) => (
          <Entry key={entry.id} entry={entry} />
        ))}
      </List>
    </Stack>
  );
}
