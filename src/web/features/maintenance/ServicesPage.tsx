import { Button, Table, Text } from '@mantine/core';
import { IconCalendarEvent, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { AnchorLink, ButtonLink } from '../../app/links';
import { canManageSla } from '../../app/permissions';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { EmptyState } from '../../ui/EmptyState';
import { FilterBar, FilterSelect, SearchField } from '../../ui/filters';
import { ListTable } from '../../ui/ListTable';
import { ListContent } from '../../ui/lists';
import { PageHeader } from '../../ui/PageHeader';
import { useOrganisationLookup } from '../admin/organisations/api';
import { useServiceList } from './api';
import { ServiceFormModal } from './ServiceFormModal';
import { ServiceStatusBadge } from './ServiceStatusBadge';

/** The service registry: every customer's systems, by name. */
export function ServicesPage() {
  const { user } = useSession();
  const manage = canManageSla(user.role);
  const [organisationId, setOrganisationId] = useState('');
  const [status, setStatus] = useState('active');
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const organisations = useOrganisationLookup();
  const list = useServiceList({
    organisationId: organisationId || undefined,
    status: status || undefined,
    q: q || undefined,
  });
  const customers = organisations.organisations.filter((organisation) => organisation.kind === 'customer');
  return (
    <>
      <PageHeader
        title={t('services.title')}
        description={t('services.description')}
        actions={
          <>
            <ButtonLink
              to="/maintenance/windows"
              variant="default"
              leftSection={<IconCalendarEvent size={16} aria-hidden />}
            >
              {t('windows.title')}
            </ButtonLink>
            {manage && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
                {t('services.new')}
              </Button>
            )}
          </>
        }
      />
      <FilterBar>
        <SearchField
          label={t('common.search')}
          placeholder={t('services.searchPlaceholder')}
          onSearch={setQ}
        />
        <FilterSelect
          label={t('services.col.organisation')}
          value={organisationId}
          onChange={setOrganisationId}
          searchable
          data={customers.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
        />
        <FilterSelect
          label={t('common.status')}
          value={status}
          onChange={setStatus}
          data={[
            { value: 'active', label: t('services.status.active') },
            { value: 'retired', label: t('services.status.retired') },
          ]}
        />
      </FilterBar>
      <ListContent
        list={list}
        empty={<EmptyState title={t('services.empty')} hint={t('services.emptyHint')} />}
      >
        <ListTable
          caption={t('services.listCaption')}
          columns={[
            t('common.name'),
            t('services.col.organisation'),
            t('services.col.noticeLead'),
            t('common.status'),
          ]}
          minWidth={640}
        >
          {list.items.map((service) => (
            <Table.Tr key={service.id}>
              <Table.Td>
                <AnchorLink to="/maintenance/services/$id" params={{ id: service.id }} fw={500} size="sm">
                  {service.name}
                </AnchorLink>
                {service.description && (
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {service.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{organisations.byId.get(service.organisationId)?.name ?? ''}</Table.Td>
              <Table.Td>{t('services.hours', { hours: service.noticeLeadHours })}</Table.Td>
              <Table.Td>
                <ServiceStatusBadge status={service.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </ListContent>
      <ServiceFormModal opened={creating} service={null} onClose={() => setCreating(false)} />
    </>
  );
}
