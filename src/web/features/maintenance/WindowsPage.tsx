import { ActionIcon, Alert, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Service } from '../../../contracts/services.js';
import { AnchorLink } from '../../app/links';
import { t } from '../../i18n/t';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FilterBar, FilterSelect } from '../../ui/filters';
import { fetchAllPages } from '../../ui/lists';
import { PageHeader } from '../../ui/PageHeader';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { useOrganisationLookup } from '../admin/organisations/api';
import { occurrencesQuery } from './api';
import { byDay, type PeriodKind, periodContaining, shiftPeriod } from './period';

const monthName = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
const dayName = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const dayShort = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeOf = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

function useServices() {
  return useQuery({
    queryKey: ['services', 'everything'],
    queryFn: () => fetchAllPages<Service>('/services'),
    staleTime: 60_000,
  });
}

/** "03:00 – 07:00", or with the end's date when the window ends on another day. */
function span(startText: string, endText: string): string {
  const start = new Date(startText);
  const end = new Date(endText);
  const sameDay = start.toDateString() === end.toDateString();
  return `${timeOf.format(start)} – ${sameDay ? '' : `${dayShort.format(end)} `}${timeOf.format(end)}`;
}

/** Upcoming and past maintenance windows as a month or week list, in your local time. */
export function WindowsPage() {
  const [kind, setKind] = useState<PeriodKind>('month');
  const [period, setPeriod] = useState(() => periodContaining('month', new Date()));
  const [organisationId, setOrganisationId] = useState('');
  const [serviceId, setServiceId] = useState('');
  const services = useServices();
  const organisations = useOrganisationLookup();
  const filters = { organisationId: organisationId || undefined, serviceId: serviceId || undefined };
  const occurrences = useQuery(
    occurrencesQuery(period.start.toISOString(), period.end.toISOString(), filters),
  );
  const serviceById = new Map((services.data ?? []).map((service) => [service.id, service]));
  const serviceOptions = (services.data ?? [])
    .filter((service) => !organisationId || service.organisationId === organisationId)
    .map((service) => ({ value: service.id, label: service.name }));
  const heading =
    kind === 'month'
      ? monthName.format(period.start)
      : t('windows.weekOf', { date: dayShort.format(period.start) });
  return (
    <>
      <PageHeader title={t('windows.title')} description={t('windows.description')} />
      <FilterBar>
        <FilterSelect
          label={t('services.col.organisation')}
          value={organisationId}
          onChange={(value) => {
            setOrganisationId(value);
            setServiceId('');
          }}
          searchable
          data={organisations.organisations
            .filter((organisation) => organisation.kind === 'customer')
            .map((organisation) => ({ value: organisation.id, label: organisation.name }))}
        />
        <FilterSelect
          label={t('windows.service')}
          value={serviceId}
          onChange={setServiceId}
          searchable
          data={serviceOptions}
        />
        <SegmentedControl
          aria-label={t('windows.periodKind')}
          value={kind}
          onChange={(value) => {
            setKind(value as PeriodKind);
            setPeriod(periodContaining(value as PeriodKind, period.start));
          }}
          data={[
            { value: 'month', label: t('windows.month') },
            { value: 'week', label: t('windows.week') },
          ]}
        />
      </FilterBar>
      <Group mb="md" gap="xs">
        <ActionIcon
          variant="default"
          aria-label={t('windows.previous')}
          onClick={() => setPeriod(shiftPeriod(period, -1))}
        >
          <IconChevronLeft size={16} aria-hidden />
        </ActionIcon>
        <ActionIcon
          variant="default"
          aria-label={t('windows.next')}
          onClick={() => setPeriod(shiftPeriod(period, 1))}
        >
          <IconChevronRight size={16} aria-hidden />
        </ActionIcon>
        <Title order={2} size="h3" aria-live="polite">
          {heading}
        </Title>
      </Group>
      {occurrences.isPending ? (
        <TableSkeleton rows={4} />
      ) : occurrences.isError ? (
        <ErrorAlert error={occurrences.error} onRetry={() => occurrences.refetch()} />
      ) : occurrences.data.items.length === 0 ? (
        <EmptyState title={t('windows.emptyPeriod')} hint={t('windows.emptyPeriodHint')} />
      ) : (
        <Stack gap="md">
          {occurrences.data.truncated && (
            <Alert color="yellow" variant="light">
              {t('windows.truncated')}
            </Alert>
          )}
          {byDay(occurrences.data.items).map(([day, items]) => (
            <Paper key={day} withBorder radius="md" p="md">
              <Title order={3} size="h5" mb="xs">
                {dayName.format(new Date(items[0]!.start))}
              </Title>
              <Table>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={`${item.windowId}-${item.start}`}>
                      <Table.Td w={220}>{span(item.start, item.end)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {item.title}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <AnchorLink to="/maintenance/services/$id" params={{ id: item.serviceId }} size="sm">
                          {serviceById.get(item.serviceId)?.name ?? t('windows.service')}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {organisations.byId.get(item.organisationId)?.name ?? ''}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          ))}
        </Stack>
      )}
    </>
  );
}
