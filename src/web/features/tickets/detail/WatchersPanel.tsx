import { ActionIcon, Group, List, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Watcher } from '../../../../contracts/ticket-watchers.js';
import type { Ticket } from '../../../../contracts/tickets.js';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n/t';
import { errorMessage } from '../../../ui/errors';
import { ticketApi, useRefreshTicket, watchersQuery } from './api';
import { watcherCandidatesQuery } from './directory';

/** Run a watcher change, say how it went, and read the ticket again. */
function useWatcherChange(ticketRef: string) {
  const refresh = useRefreshTicket(ticketRef);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      notifications.show({ color: 'tend', message: done });
    } catch (error) {
      notifications.show({ color: 'red', title: t('ticket.watchers.failed'), message: errorMessage(error) });
    } finally {
      setBusy(false);
      void refresh();
    }
  };
  return { busy, run };
}

function WatcherList({ watchers, ticketRef }: { watchers: Watcher[]; ticketRef: string }) {
  const { busy, run } = useWatcherChange(ticketRef);
  if (watchers.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('ticket.watchers.none')}
      </Text>
    );
  }
  const remove = (watcher: Watcher) =>
    run(
      () => ticketApi.removeWatcher(ticketRef, watcher.userId),
      t('ticket.watchers.removed', { name: watcher.name }),
    );
  return (
    <List size="sm" spacing={4} listStyleType="none" aria-labelledby="watchers-heading">
      {watchers.map((watcher) => (
        <List.Item key={watcher.userId}>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm">{watcher.name}</Text>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={t('ticket.watchers.remove', { name: watcher.name })}
              disabled={busy}
              onClick={() => remove(watcher)}
            >
              <IconX size={14} aria-hidden />
            </ActionIcon>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

function AddWatcher({
  ticket,
  ticketRef,
  watching,
}: {
  ticket: Ticket;
  ticketRef: string;
  watching: Set<string>;
}) {
  const { organisation } = useSession();
  const candidates = useQuery(watcherCandidatesQuery(ticket.organisationId, organisation.id));
  const { busy, run } = useWatcherChange(ticketRef);
  const options = (candidates.data ?? [])
    .filter((user) => !watching.has(user.id) && user.id !== ticket.requesterId)
    .map((user) => ({ value: user.id, label: `${user.name} · ${user.email}` }));
  return (
    <Select
      label={t('ticket.watchers.add')}
      placeholder={t('teams.searchToAdd')}
      data={options}
      value={null}
      searchable
      disabled={busy || ticket.status === 'closed'}
      onChange={(userId) => {
        if (!userId) return;
        const name = options.find((option) => option.value === userId)?.label ?? '';
        void run(() => ticketApi.addWatcher(ticketRef, userId), t('ticket.watchers.added', { name }));
      }}
    />
  );
}

/** People who get told about the ticket's changes besides its requester (the CC of a mail). */
export function WatchersPanel({ ticket, ticketRef }: { ticket: Ticket; ticketRef: string }) {
  const watchers = useQuery(watchersQuery(ticketRef));
  const items = watchers.data ?? [];
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="watchers-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="watchers-heading">
          {t('ticket.watchers.title')}
        </Title>
        <WatcherList watchers={items} ticketRef={ticketRef} />
        <AddWatcher
          ticket={ticket}
          ticketRef={ticketRef}
          watching={new Set(items.map((watcher) => watcher.userId))}
        />
      </Stack>
    </Paper>
  );
}
