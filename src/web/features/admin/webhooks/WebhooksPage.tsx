import { Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Webhook } from '../../../../contracts/webhooks.js';
import { AnchorLink } from '../../../app/links';
import { t } from '../../../i18n/t';
import { EmptyState } from '../../../ui/EmptyState';
import { activeFilterOptions, FilterBar, FilterSelect } from '../../../ui/filters';
import { formatDate } from '../../../ui/format';
import { ListContent } from '../../../ui/lists';
import { PageHeader } from '../../../ui/PageHeader';
import { StatusBadge } from '../../../ui/StatusBadge';
import { AdminOnly } from '../AdminOnly';
import { useOrganisationLookup } from '../organisations/api';
import { useWebhookList } from './api';
import { WebhookFormModal } from './WebhookFormModal';

export function EventBadges({ eventTypes }: { eventTypes: string[] }) {
  return (
    <Group gap={4}>
      {eventTypes.map((type) => (
        <Badge key={type} variant="outline" color="gray" tt="none">
          {type === '*' ? t('webhooks.everyEvent') : type}
        </Badge>
      ))}
    </Group>
  );
}

function WebhookRow({ webhook, organisation }: { webhook: Webhook; organisation: string }) {
  return (
    <Table.Tr>
      <Table.Td>
        <AnchorLink to="/admin/webhooks/$id" params={{ id: webhook.id }} fw={500} size="sm">
          {webhook.name}
        </AnchorLink>
        <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {webhook.url}
        </Text>
      </Table.Td>
      <Table.Td>
        <EventBadges eventTypes={webhook.eventTypes} />
      </Table.Td>
      <Table.Td>{organisation}</Table.Td>
      <Table.Td>
        <StatusBadge active={webhook.active} />
      </Table.Td>
      <Table.Td>{formatDate(webhook.createdAt)}</Table.Td>
    </Table.Tr>
  );
}

/** Outgoing webhooks: where Tend POSTs its events, signed with a secret of each webhook's own. */
function WebhooksPageContent() {
  const [active, setActive] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useWebhookList({ active });
  const organisations = useOrganisationLookup();
  const organisationName = (id: string | null) =>
    id ? (organisations.byId.get(id)?.name ?? '…') : t('webhooks.allOrganisations');
  return (
    <>
      <PageHeader
        title={t('webhooks.title')}
        description={t('webhooks.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('webhooks.new')}
          </Button>
        }
      />
      <FilterBar>
        <FilterSelect
          label={t('common.status')}
          value={active}
          onChange={setActive}
          data={activeFilterOptions()}
        />
      </FilterBar>
      <ListContent
        list={list}
        empty={<EmptyState title={t('webhooks.empty')} hint={t('webhooks.emptyHint')} />}
      >
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label={t('webhooks.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('common.name')}</Table.Th>
                  <Table.Th>{t('webhooks.events')}</Table.Th>
                  <Table.Th>{t('webhooks.organisation')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <Table.Th>{t('common.created')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((webhook) => (
                  <WebhookRow
                    key={webhook.id}
                    webhook={webhook}
                    organisation={organisationName(webhook.organisationId)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </ListContent>
      <WebhookFormModal opened={creating} webhook={null} onClose={() => setCreating(false)} />
    </>
  );
}

export function WebhooksPage() {
  return (
    <AdminOnly>
      <WebhooksPageContent />
    </AdminOnly>
  );
}
