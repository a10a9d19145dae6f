import { Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Organisation } from '../../../../contracts/directory.js';
import { canManageDirectory } from '../../../app/permissions';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n/t';
import { EmptyState } from '../../../ui/EmptyState';
import { activeFilterOptions, FilterBar, FilterSelect, SearchField } from '../../../ui/filters';
import { formatDate } from '../../../ui/format';
import { ListContent } from '../../../ui/lists';
import { PageHeader } from '../../../ui/PageHeader';
import { StatusBadge } from '../../../ui/StatusBadge';
import { useOrganisationList } from './api';
import { OrganisationFormModal } from './OrganisationFormModal';

type Editing = { organisation: Organisation | null } | null;

function OrganisationRow({ organisation, onEdit }: { organisation: Organisation; onEdit?: () => void }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={500} size="sm">
          {organisation.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant={organisation.kind === 'provider' ? 'filled' : 'light'} color="tend">
          {t(organisation.kind === 'provider' ? 'orgs.kind.provider' : 'orgs.kind.customer')}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {organisation.domains.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('common.none')}
            </Text>
          )}
          {organisation.domains.map((domain) => (
            <Badge key={domain} variant="outline" color="gray" tt="none">
              {domain}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <StatusBadge active={organisation.active} />
      </Table.Td>
      <Table.Td>{formatDate(organisation.createdAt)}</Table.Td>
      {onEdit && (
        <Table.Td>
          <Button
            size="xs"
            variant="default"
            onClick={onEdit}
            aria-label={`${t('common.edit')} ${organisation.name}`}
          >
            {t('common.edit')}
          </Button>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

export function OrganisationsPage() {
  const { user } = useSession();
  const canEdit = canManageDirectory(user.role);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [active, setActive] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const list = useOrganisationList({ q, kind, active });

  const content = (
    <ListContent list={list} empty={<EmptyState title={t('orgs.empty')} hint={t('orgs.emptyHint')} />}>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label={t('orgs.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.name')}</Table.Th>
                <Table.Th>{t('orgs.kind')}</Table.Th>
                <Table.Th>{t('orgs.domains')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('common.created')}</Table.Th>
                {canEdit && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((organisation) => (
                <OrganisationRow
                  key={organisation.id}
                  organisation={organisation}
                  onEdit={canEdit ? () => setEditing({ organisation }) : undefined}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </ListContent>
  );

  return (
    <>
      <PageHeader
        title={t('orgs.title')}
        description={t('orgs.description')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ organisation: null })}>
              {t('orgs.new')}
            </Button>
          )
        }
      />
      <FilterBar>
        <SearchField label={t('common.search')} placeholder={t('orgs.searchPlaceholder')} onSearch={setQ} />
        <FilterSelect
          label={t('orgs.kind')}
          value={kind}
          onChange={setKind}
          data={[
            { value: 'customer', label: t('orgs.kind.customer') },
            { value: 'provider', label: t('orgs.kind.provider') },
          ]}
        />
        <FilterSelect
          label={t('common.status')}
          value={active}
          onChange={setActive}
          data={activeFilterOptions()}
        />
      </FilterBar>
      {!canEdit && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('common.readOnly')}
        </Text>
      )}
      {content}
      <OrganisationFormModal
        opened={editing !== null}
        organisation={editing?.organisation ?? null}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
