import { Button, Grid, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import type { User } from '../../../contracts/directory.js';
import { isStaff } from '../../app/permissions';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { fetchAllPages } from '../../ui/lists';
import { PageHeader } from '../../ui/PageHeader';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { ApprovalPanel } from './ApprovalPanel';
import { changeQuery, useServiceNames } from './api';
import { ChangeStateBadge, RiskBadge, TypeBadge } from './ChangeBadges';
import { AffectedPanel, HistoryPanel, LinksPanel, PlansPanel, SchedulePanel } from './ChangePanels';
import { kindLabel, stateLabel } from './labels';
import { TransitionModal } from './TransitionModal';

/** Names of the people the caller can see (approvers, history actors); ids stay for the rest. */
function usePeopleNames(): (id: string) => string {
  const { data } = useQuery({
    queryKey: ['users', 'change-names'],
    queryFn: () => fetchAllPages<User>('/users', { sort: 'name' }),
    staleTime: 5 * 60_000,
  });
  const names = new Map((data ?? []).map((user) => [user.id, user.name]));
  return (id) => names.get(id) ?? t('changes.someone');
}

/** One change request: its state and the moves it allows, approvals, schedule, plans, history, links. */
export function ChangePage() {
  const { ref = '' } = useParams({ strict: false }) as { ref?: string };
  const { user } = useSession();
  const staff = isStaff(user.role);
  const query = useQuery(changeQuery(ref));
  const serviceNames = useServiceNames();
  const personName = usePeopleNames();
  const [target, setTarget] = useState<string | null>(null);
  if (query.isPending) return <TableSkeleton />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  const change = query.data;
  const serviceName = (id: string) => serviceNames.get(id) ?? t('changes.someService');
  return (
    <>
      <PageHeader title={`${change.number} · ${change.title}`} description={kindLabel(change.kind)} />
      <Stack gap="md">
        <Group gap="sm">
          <ChangeStateBadge state={change.state} />
          <TypeBadge type={change.type} />
          <RiskBadge risk={change.risk} />
          {change.requiresDowntime && <Text size="sm">{t('changes.downtime')}</Text>}
        </Group>
        {change.allowedTransitions.length > 0 && (
          <Group gap="sm" role="group" aria-label={t('changes.move.label')}>
            {change.allowedTransitions.map((state) => (
              <Button
                key={state}
                variant={state === 'cancelled' ? 'subtle' : 'default'}
                onClick={() => setTarget(state)}
              >
                {t('changes.move.to', { state: stateLabel(state) })}
              </Button>
            ))}
          </Group>
        )}
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md">
              <PlansPanel change={change} />
              <HistoryPanel change={change} personName={personName} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="md">
              <ApprovalPanel change={change} personName={personName} />
              <SchedulePanel change={change} serviceName={serviceName} />
              <AffectedPanel change={change} serviceName={serviceName} />
              <LinksPanel change={change} staff={staff} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
      <TransitionModal change={change} target={target} onClose={() => setTarget(null)} />
    </>
  );
}
