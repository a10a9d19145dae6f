import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { AnchorLink } from '../../app/links';
import { canManageSla } from '../../app/permissions';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { useOrganisationLookup } from '../admin/organisations/api';
import { serviceQuery } from './api';
import { OwnersPanel } from './OwnersPanel';
import { ServiceFormModal } from './ServiceFormModal';
import { ComponentsPanel, EnvironmentsPanel } from './ServiceParts';
import { ServiceStatusBadge } from './ServiceStatusBadge';
import { WindowsPanel } from './WindowsPanel';

/** One service: its facts, environments, components, owners and maintenance windows. */
export function ServicePage() {
  const { id = '' } = useParams({ strict: false }) as { id?: string };
  const { user } = useSession();
  const manage = canManageSla(user.role);
  const service = useQuery(serviceQuery(id));
  const organisations = useOrganisationLookup();
  const [editing, setEditing] = useState(false);
  if (service.isPending) return <TableSkeleton rows={6} />;
  if (service.isError) return <ErrorAlert error={service.error} onRetry={() => service.refetch()} />;
  const data = service.data;
  return (
    <>
      <AnchorLink to="/maintenance/services" size="sm">
        {t('services.back')}
      </AnchorLink>
      <PageHeader
        title={data.name}
        description={data.description || undefined}
        actions={
          manage && (
            <Button
              variant="default"
              leftSection={<IconPencil size={16} aria-hidden />}
              onClick={() => setEditing(true)}
            >
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        <Paper withBorder radius="md" p="md">
          <Group gap="xl">
            <Text size="sm">
              {t('services.col.organisation')}:{' '}
              <b>{organisations.byId.get(data.organisationId)?.name ?? ''}</b>
            </Text>
            <ServiceStatusBadge status={data.status} />
            <Text size="sm">{t('services.noticeLeadValue', { hours: data.noticeLeadHours })}</Text>
            {data.requiresCustomerApproval && (
              <Badge variant="outline">{t('services.customerApproval')}</Badge>
            )}
          </Group>
        </Paper>
        <WindowsPanel service={data} manage={manage} />
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <EnvironmentsPanel service={data} manage={manage} />
          <OwnersPanel service={data} manage={manage} />
        </SimpleGrid>
        <ComponentsPanel service={data} manage={manage} />
      </Stack>
      <ServiceFormModal opened={editing} service={data} onClose={() => setEditing(false)} />
    </>
  );
}
