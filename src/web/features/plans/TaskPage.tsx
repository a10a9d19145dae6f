import { Button, Grid, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { AnchorLink } from '../../app/links';
import { isStaff } from '../../app/permissions';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { taskQuery, useNames } from './api';
import { categoryLabel, OverdueBadge, TaskStateBadge, taskStateLabel } from './labels';
import { ChecklistPanel, HistoryPanel, OutcomePanel, Panel, TimePanel } from './TaskPanels';
import { TaskTransitionModal } from './TaskTransitionModal';

/** One maintenance task: its state and moves, checklist, outcome notes, time and history. */
export function TaskPage() {
  const { ref = '' } = useParams({ strict: false }) as { ref?: string };
  const { user } = useSession();
  const canWork = isStaff(user.role);
  const query = useQuery(taskQuery(ref));
  const names = useNames();
  const [target, setTarget] = useState<string | null>(null);
  if (query.isPending) return <TableSkeleton />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  const task = query.data;
  return (
    <>
      <PageHeader title={`${task.number} · ${task.title}`} description={categoryLabel(task.category)} />
      <Stack gap="md">
        <Group gap="sm">
          <TaskStateBadge state={task.state} />
          {task.overdue && <OverdueBadge />}
          <Text size="sm">{t('plans.task.due', { when: formatDateTime(task.dueAt) })}</Text>
        </Group>
        {task.allowedTransitions.length > 0 && (
          <Group gap="sm" role="group" aria-label={t('plans.move.label')}>
            {task.allowedTransitions.map((state) => (
              <Button
                key={state}
                variant={state === 'cancelled' ? 'subtle' : 'default'}
                onClick={() => setTarget(state)}
              >
                {t('plans.move.to', { state: taskStateLabel(state) })}
              </Button>
            ))}
          </Group>
        )}
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md">
              <ChecklistPanel task={task} canWork={canWork} person={names.person} />
              <OutcomePanel key={task.version} task={task} canWork={canWork} />
              <HistoryPanel task={task} person={names.person} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="md">
              <Panel title={t('plans.task.details')}>
                <Text size="sm">{t('plans.task.service', { name: names.service(task.serviceId) })}</Text>
                <Text size="sm">
                  {t('plans.task.assignee', { name: names.person(task.assigneeId) || t('plans.unassigned') })}
                </Text>
                {task.completedAt && (
                  <Text size="sm">
                    {t('plans.task.completed', { when: formatDateTime(task.completedAt) })}
                  </Text>
                )}
                <AnchorLink to="/maintenance/plans/$id" params={{ id: task.planId }} size="sm">
                  {t('plans.task.plan')}
                </AnchorLink>
              </Panel>
              <TimePanel task={task} canWork={canWork} person={names.person} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
      <TaskTransitionModal
        key={`${task.version}-${target}`}
        task={task}
        target={target}
        onClose={() => setTarget(null)}
      />
    </>
  );
}
