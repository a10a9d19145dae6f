import { Anchor, Badge, Button, Group, Paper, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Mailbox } from '../../../../contracts/channels.js';
import { t } from '../../../i18n/t';
import { EmptyState } from '../../../ui/EmptyState';
import { FilterBar } from '../../../ui/filters';
import { formatDateTime } from '../../../ui/format';
import { fetchAllPages, ListContent } from '../../../ui/lists';
import { PageHeader } from '../../../ui/PageHeader';
import { AdminOnly } from '../AdminOnly';
import { canReprocess, type InboundMessage, useInboundList, useReprocess } from './api';
import { MessageModal } from './MessageModal';

const STATUSES = ['review', 'received', 'created', 'appended', 'ignored'] as const;
const COLOURS: Record<InboundMessage['status'], string> = {
  review: 'red',
  received: 'blue',
  created: 'tend',
  appended: 'tend',
  ignored: 'gray',
};

function useMailboxAddresses() {
  const { data } = useQuery({
    queryKey: ['mailboxes', 'everything'],
    queryFn: () => fetchAllPages<Mailbox>('/channels/email/mailboxes'),
    staleTime: 60_000,
  });
  return new Map((data ?? []).map((mailbox) => [mailbox.id, mailbox.address]));
}

function MessageRow({
  message,
  mailbox,
  onView,
}: {
  message: InboundMessage;
  mailbox: string;
  onView: () => void;
}) {
  const reprocess = useReprocess();
  const again = () =>
    reprocess.mutate(message.id, {
      onSuccess: (after) =>
        notifications.show({
          color: 'tend',
          message: t('inbound.reprocessed', { status: t(`inbound.status.${after.status}`) }),
        }),
      onError: () => notifications.show({ color: 'red', message: t('inbound.reprocessFailed') }),
    });
  return (
    <Table.Tr>
      <Table.Td>{formatDateTime(message.receivedAt)}</Table.Td>
      <Table.Td>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {message.fromAddress ?? '—'}
        </Text>
        <Text size="xs" c="dimmed">
          {mailbox}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {message.subject || t('inbound.noSubject')}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          <Badge variant="light" color={COLOURS[message.status]} tt="none">
            {t(`inbound.status.${message.status}`)}
          </Badge>
          {message.flagged && (
            <Badge variant="outline" color="red" tt="none">
              {t('inbound.flagged')}
            </Badge>
          )}
        </Group>
        {message.reason && (
          <Text size="xs" c="dimmed">
            {message.reason}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {message.ticketId ? (
          <Anchor href={`/tickets/${message.ticketId}`} size="sm">
            {t('inbound.openTicket')}
          </Anchor>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            variant="default"
            onClick={onView}
            aria-label={t('inbound.viewLabel', { subject: message.subject ?? '' })}
          >
            {t('inbound.view')}
          </Button>
          {canReprocess(message) && (
            <Button size="xs" variant="default" onClick={again} loading={reprocess.isPending}>
              {t('inbound.reprocess')}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Received mail, newest first; by default what waits for a person to review. */
function InboundMailPageContent() {
  const [status, setStatus] = useState<string>('review');
  const [flagged, setFlagged] = useState<string>('');
  const [viewing, setViewing] = useState<InboundMessage | null>(null);
  const list = useInboundList({ status, flagged });
  const mailboxes = useMailboxAddresses();
  return (
    <>
      <PageHeader title={t('inbound.title')} description={t('inbound.description')} />
      <FilterBar>
        <Select
          label={t('common.status')}
          value={status}
          onChange={(value) => setStatus(value ?? '')}
          allowDeselect={false}
          data={[
            { value: '', label: t('common.all') },
            ...STATUSES.map((value) => ({ value, label: t(`inbound.status.${value}`) })),
          ]}
          w={{ base: '100%', xs: 200 }}
        />
        <Select
          label={t('inbound.flagged')}
          value={flagged}
          onChange={(value) => setFlagged(value ?? '')}
          allowDeselect={false}
          data={[
            { value: '', label: t('common.all') },
            { value: 'true', label: t('inbound.flaggedOnly') },
            { value: 'false', label: t('inbound.unflaggedOnly') },
          ]}
          w={{ base: '100%', xs: 200 }}
        />
      </FilterBar>
      <ListContent
        list={list}
        empty={
          <EmptyState
            title={status === 'review' ? t('inbound.emptyReview') : t('inbound.empty')}
            hint={status === 'review' ? t('inbound.emptyReviewHint') : t('inbound.emptyHint')}
          />
        }
      >
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label={t('inbound.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('inbound.received')}</Table.Th>
                  <Table.Th>{t('inbound.from')}</Table.Th>
                  <Table.Th>{t('inbound.subject')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <Table.Th>{t('inbound.ticket')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((message) => (
                  <MessageRow
                    key={message.id}
                    message={message}
                    mailbox={message.mailboxId ? (mailboxes.get(message.mailboxId) ?? '') : ''}
                    onView={() => setViewing(message)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </ListContent>
      <MessageModal
        id={viewing?.id ?? null}
        subject={viewing?.subject ?? ''}
        onClose={() => setViewing(null)}
      />
    </>
  );
}

export function InboundMailPage() {
  return (
    <AdminOnly>
      <InboundMailPageContent />
    </AdminOnly>
  );
}
