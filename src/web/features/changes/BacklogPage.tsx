import { Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { t } from '../../i18n/t';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { backlogQuery, type ChangeBacklog, type ChangeKpis, kpisQuery } from './api';
import { formatDuration, formatShare, stateLabel } from './labels';

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function Backlog({ data }: { data: ChangeBacklog }) {
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Figure label={t('changes.backlog.open')} value={String(data.openChanges)} />
        <Figure
          label={t('changes.backlog.tasks')}
          value={
            data.openMaintenanceTasks === null ? t('changes.kpi.none') : String(data.openMaintenanceTasks)
          }
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Table withTableBorder>
          <Table.Caption>{t('changes.backlog.byState')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('changes.col.state')}</Table.Th>
              <Table.Th scope="col">{t('changes.backlog.count')}</Table.Th>
              <Table.Th scope="col">{t('changes.backlog.oldest')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.byState.map((row) => (
              <Table.Tr key={row.state}>
                <Table.Td>{stateLabel(row.state)}</Table.Td>
                <Table.Td>{row.count}</Table.Td>
                <Table.Td>{formatDate(row.oldestCreatedAt, '—')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Table withTableBorder>
          <Table.Caption>{t('changes.backlog.byAge')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('changes.backlog.age')}</Table.Th>
              <Table.Th scope="col">{t('changes.backlog.count')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.byAge.map((row) => (
              <Table.Tr key={row.bucket}>
                <Table.Td>{t(`changes.backlog.bucket.${row.bucket}`)}</Table.Td>
                <Table.Td>{row.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </SimpleGrid>
    </Stack>
  );
}

function Kpis({ data }: { data: ChangeKpis }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
      <Figure label={t('changes.kpi.delivered')} value={String(data.changesDelivered)} />
      <Figure
        label={t('changes.kpi.urgent')}
        value={String(data.urgentChanges)}
        hint={t('changes.kpi.urgentShare', {
          share: formatShare(data.urgentShare),
          submitted: data.changesSubmitted,
        })}
      />
      <Figure
        label={t('changes.kpi.leadTime')}
        value={formatDuration(data.timeToIntroduce.medianSeconds)}
        hint={t('changes.kpi.leadTimeP90', { p90: formatDuration(data.timeToIntroduce.p90Seconds) })}
      />
      <Figure
        label={t('changes.kpi.failureRate')}
        value={formatShare(data.changeFailureRate.rate)}
        hint={t('changes.kpi.failureCounts', {
          failed: data.changeFailureRate.failedOrRolledBack,
          outcomes: data.changeFailureRate.outcomes,
        })}
      />
    </SimpleGrid>
  );
}

function monthRange(offset: number) {
  const now = new Date();
  const from = new Date(now.getFullYear(), now.getMonth() + offset, 1);
  const until = new Date(now.getFullYear(), now.getMonth() + offset + 1, 1);
  return { from: from.toISOString(), until: until.toISOString() };
}

/** The change backlog now, and the change KPIs of this or last month (DOMAIN.md definitions). */
export function BacklogPage() {
  const [period, setPeriod] = useState<'this' | 'last'>('this');
  const range = monthRange(period === 'this' ? 0 : -1);
  const backlog = useQuery(backlogQuery);
  const kpis = useQuery(kpisQuery(range.from, range.until));
  return (
    <>
      <PageHeader title={t('changes.backlog.title')} description={t('changes.backlog.description')} />
      <Stack gap="xl">
        <section aria-labelledby="backlog-title">
          <Title order={2} size="h3" id="backlog-title" mb="sm">
            {t('changes.backlog.now')}
          </Title>
          {backlog.isPending && <TableSkeleton rows={3} />}
          {backlog.isError && <ErrorAlert error={backlog.error} onRetry={() => backlog.refetch()} />}
          {backlog.data && <Backlog data={backlog.data} />}
        </section>
        <section aria-labelledby="kpi-title">
          <Title order={2} size="h3" id="kpi-title" mb="sm">
            {t('changes.kpi.title')}
          </Title>
          <SegmentedControl
            mb="md"
            aria-label={t('changes.kpi.period')}
            value={period}
            onChange={(value) => setPeriod(value as 'this' | 'last')}
            data={[
              { value: 'this', label: t('changes.kpi.thisMonth') },
              { value: 'last', label: t('changes.kpi.lastMonth') },
            ]}
          />
          {kpis.isPending && <TableSkeleton rows={2} />}
          {kpis.isError && <ErrorAlert error={kpis.error} onRetry={() => kpis.refetch()} />}
          {kpis.data && <Kpis data={kpis.data} />}
        </section>
      </Stack>
    </>
  );
}
