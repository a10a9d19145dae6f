import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { SlaPolicy } from '../../../../contracts/sla.js';
import { PRIORITIES } from '../../../../core/tickets/priority.js';
import { t } from '../../../i18n/t';
import { EmptyState } from '../../../ui/EmptyState';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { useAllCalendars } from '../calendars/api';
import { usePolicies } from './api';
import { formatMinutes } from './duration';
import { OrganisationAssignments } from './OrganisationAssignments';
import { PolicyFormModal } from './PolicyFormModal';

type Editing = { policy: SlaPolicy | null } | null;

/** "P1 30 min / 2 h / 8 h" per priority that has targets. */
function TargetsSummary({ policy }: { policy: SlaPolicy }) {
  const rows = PRIORITIES.filter((priority) => policy.targets[priority]);
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('slaPolicies.noTargets')}
      </Text>
    );
  return (
    <Stack gap={2}>
      {rows.map((priority) => {
        const targets = policy.targets[priority] ?? {};
        return (
          <Text size="sm" key={priority}>
            <strong>{priority}</strong> {formatMinutes(targets.firstResponse)} /{' '}
            {formatMinutes(targets.nextResponse)} / {formatMinutes(targets.resolution)}
          </Text>
        );
      })}
    </Stack>
  );
}

function PoliciesTable({ policies, onEdit }: { policies: SlaPolicy[]; onEdit: (policy: SlaPolicy) => void }) {
  const calendars = useAllCalendars();
  const calendarName = (id: string) => calendars.data?.find((calendar) => calendar.id === id)?.name ?? '…';
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={860}>
        <Table aria-label={t('slaPolicies.table')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.name')}</Table.Th>
              <Table.Th>{t('slaPolicies.calendar')}</Table.Th>
              <Table.Th>{t('slaPolicies.targetsColumn')}</Table.Th>
              <Table.Th>{t('slaPolicies.warningColumn')}</Table.Th>
              <Table.Th>{t('slaPolicies.pausesColumn')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policies.map((policy) => (
              <Table.Tr key={policy.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text size="sm" fw={500}>
                      {policy.name}
                    </Text>
                    {policy.isDefault && (
                      <Badge variant="light" color="tend">
                        {t('slaPolicies.defaultBadge')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{calendarName(policy.calendarId)}</Table.Td>
                <Table.Td>
                  <TargetsSummary policy={policy} />
                </Table.Td>
                <Table.Td>{policy.warningPercent} %</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {policy.pauseStatuses.map((status) => t(`slaPolicies.status.${status}`)).join(', ') ||
                      t('common.none')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => onEdit(policy)}
                    aria-label={`${t('common.edit')} ${policy.name}`}
                  >
                    {t('common.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** SLA policies (targets per priority on a calendar) and which organisation runs under which. */
export function SlaPoliciesPage() {
  const policies = usePolicies();
  const [editing, setEditing] = useState<Editing>(null);
  let content: React.ReactNode;
  if (policies.isPending) content = <TableSkeleton rows={3} />;
  else if (policies.isError)
    content = <ErrorAlert error={policies.error} onRetry={() => policies.refetch()} />;
  else if (policies.data.length === 0)
    content = <EmptyState title={t('slaPolicies.empty')} hint={t('slaPolicies.emptyHint')} />;
  else content = <PoliciesTable policies={policies.data} onEdit={(policy) => setEditing({ policy })} />;
  return (
    <>
      <PageHeader
        title={t('slaPolicies.title')}
        description={t('slaPolicies.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ policy: null })}>
            {t('slaPolicies.new')}
          </Button>
        }
      />
      <Stack gap="xl">
        {content}
        {policies.data && policies.data.length > 0 && <OrganisationAssignments policies={policies.data} />}
      </Stack>
      <PolicyFormModal
        opened={editing !== null}
        policy={editing?.policy ?? null}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
