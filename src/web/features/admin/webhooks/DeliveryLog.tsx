import {
  ActionIcon,
  Badge,
  Button,
  Code,
  Paper,
  Select,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useEffect, useState } from 'react';
import type { WebhookDelivery, WebhookDeliveryStatus } from '../../../../contracts/webhooks.js';
import { t } from '../../../i18n/t';
import { EmptyState } from '../../../ui/EmptyState';
import { formatDateTime } from '../../../ui/format';
import { ListContent } from '../../../ui/lists';
import { useDeliveries, useRetryDelivery } from './api';

const POLL_MS = 1500;
const STATUSES: WebhookDeliveryStatus[] = ['pending', 'succeeded', 'failed', 'gave_up'];
const STATUS_COLOURS: Record<WebhookDeliveryStatus, string> = {
  pending: 'blue',
  succeeded: 'tend',
  failed: 'red',
  gave_up: 'gray',
};

function Outcome({ code, error }: { code: number | null; error: string | null }) {
  return (
    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
      {code !== null ? <Code>{code}</Code> : null} {error ?? (code === null ? '—' : '')}
    </Text>
  );
}

function Attempts({ delivery }: { delivery: WebhookDelivery }) {
  if (delivery.attempts.length === 0)
    return (
      <Text size="sm" c="dimmed" p="sm">
        {t('webhooks.noAttempts')}
      </Text>
    );
  return (
    <Table
      withTableBorder
      highlightOnHover={false}
      aria-label={t('webhooks.attemptsOf', { id: delivery.id })}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>{t('webhooks.at')}</Table.Th>
          <Table.Th>{t('webhooks.outcome')}</Table.Th>
          <Table.Th>{t('webhooks.duration')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {delivery.attempts.map((attempt) => (
          <Table.Tr key={attempt.attempt}>
            <Table.Td>{attempt.attempt}</Table.Td>
            <Table.Td>{formatDateTime(attempt.at)}</Table.Td>
            <Table.Td>
              <Outcome code={attempt.statusCode} error={attempt.error} />
            </Table.Td>
            <Table.Td>{t('webhooks.ms', { count: attempt.durationMs })}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DeliveryRow({ delivery, webhookId }: { delivery: WebhookDelivery; webhookId: string }) {
  const [open, setOpen] = useState(false);
  const retry = useRetryDelivery(webhookId);
  const detailsId = `delivery-${delivery.id}`;
  const again = () =>
    retry.mutate(delivery.id, {
      onSuccess: () => notifications.show({ color: 'tend', message: t('webhooks.retried') }),
      onError: () => notifications.show({ color: 'red', message: t('webhooks.retryFailed') }),
    });
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td w={44}>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => setOpen((value) => !value)}
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={t(open ? 'webhooks.hideAttempts' : 'webhooks.showAttempts', { id: delivery.id })}
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td>{formatDateTime(delivery.createdAt)}</Table.Td>
        <Table.Td>
          <Code>{delivery.eventType}</Code>
        </Table.Td>
        <Table.Td>
          <Badge variant="light" color={STATUS_COLOURS[delivery.status]} tt="none">
            {t(`webhooks.status.${delivery.status}`)}
          </Badge>
        </Table.Td>
        <Table.Td>{delivery.attemptCount}</Table.Td>
        <Table.Td>
          <Outcome code={delivery.lastStatusCode} error={delivery.lastError} />
          {delivery.nextAttemptAt && (
            <Text size="xs" c="dimmed">
              {t('webhooks.nextAttempt', { when: formatDateTime(delivery.nextAttemptAt) })}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          {delivery.status !== 'pending' && (
            <Button
              size="xs"
              variant="default"
              onClick={again}
              loading={retry.isPending}
              aria-label={t('webhooks.retryLabel', { id: delivery.id })}
            >
              {t('webhooks.retry')}
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      <Table.Tr id={detailsId} hidden={!open}>
        <Table.Td colSpan={7} p="xs">
          {open && <Attempts delivery={delivery} />}
        </Table.Td>
      </Table.Tr>
    </Fragment>
  );
}

/** Every delivery of this webhook, newest first, each with its attempts; failed ones can be sent again. */
export function DeliveryLog({ webhookId }: { webhookId: string }) {
  const [status, setStatus] = useState<string>('');
  const list = useDeliveries(webhookId, { status });
  // A pending delivery is being attempted by a worker right now: look again until it settles.
  const pending = list.items.some((delivery) => delivery.status === 'pending');
  const { refetch } = list;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void refetch(), POLL_MS);
    return () => clearInterval(timer);
  }, [pending, refetch]);
  return (
    <section aria-labelledby="deliveries-heading">
      <Title order={2} size="h4" id="deliveries-heading" mb="sm">
        {t('webhooks.deliveries')}
      </Title>
      <Select
        label={t('common.status')}
        value={status}
        onChange={(value) => setStatus(value ?? '')}
        allowDeselect={false}
        data={[
          { value: '', label: t('common.all') },
          ...STATUSES.map((value) => ({ value, label: t(`webhooks.status.${value}`) })),
        ]}
        w={{ base: '100%', xs: 200 }}
        mb="md"
      />
      <ListContent
        list={list}
        empty={<EmptyState title={t('webhooks.noDeliveries')} hint={t('webhooks.noDeliveriesHint')} />}
      >
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={820}>
            <Table aria-label={t('webhooks.deliveries')} highlightOnHover={false}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>
                    <VisuallyHidden>{t('webhooks.attempts')}</VisuallyHidden>
                  </Table.Th>
                  <Table.Th>{t('webhooks.at')}</Table.Th>
                  <Table.Th>{t('webhooks.event')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <Table.Th>{t('webhooks.attempts')}</Table.Th>
                  <Table.Th>{t('webhooks.lastOutcome')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((delivery) => (
                  <DeliveryRow key={delivery.id} delivery={delivery} webhookId={webhookId} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </ListContent>
    </section>
  );
}
