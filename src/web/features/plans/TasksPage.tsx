import { Group, SegmentedControl, Table, Text } from '@mantine/core';
import { IconCalendarRepeat } from '@tabler/icons-react';
import { useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { TASK_STATES } from '../../../core/plans/index.js';
import { AnchorLink, ButtonLink } from '../../app/links';
import { t } from '../../i18n/t';
import { EmptyState } from '../../ui/EmptyState';
import { FilterBar, FilterSelect } from '../../ui/filters';
import { formatDateTime } from '../../ui/format';
import { ListTable } from '../../ui/ListTable';
import { ListContent } from '../../ui/lists';
import { PageHeader } from '../../ui/PageHeader';
import { useNames, useTaskList } from './api';
import { OverdueBadge, TaskStateBadge, taskStateLabel } from './labels';

const OPEN = 'open,in_progress';
type View = 'mine' | 'overdue' | 'all';

export type TasksSearch = { planId?: string };
export const parseTasksSearch = (search: Record<string, unknown>): TasksSearch =>
  typeof search.planId === 'string' ? { planId: search.planId } : {};

/** Maintenance tasks by due time: mine, the overdue ones, or all (optionally of one plan). */
export function TasksPage() {
  const { planId } = useSearch({ strict: false }) as TasksSearch;
  const [view, setView] = useState<View>(planId ? 'all' : 'mine');
  const [state, setState] = useState(OPEN);
  const list = useTaskList({
    planId,
    assigneeId: view === 'mine' ? 'me' : undefined,
    overdue: view === 'overdue' ? 'true' : undefined,
    state: state || undefined,
  });
  const names = useNames();
  return (
    <>
      <PageHeader
        title={t('plans.tasks.title')}
        description={t('plans.tasks.description')}
        actions={
          <ButtonLink
            to="/maintenance/plans"
            variant="default"
            leftSection={<IconCalendarRepeat size={16} aria-hidden />}
          >
            {t('plans.title')}
          </ButtonLink>
        }
      />
      <FilterBar>
        <SegmentedControl
          aria-label={t('plans.tasks.view')}
          value={view}
          onChange={(value) => setView(value as View)}
          data={[
            { value: 'mine', label: t('plans.tasks.mine') },
            { value: 'overdue', label: t('plans.tasks.overdue') },
            { value: 'all', label: t('plans.tasks.all') },
          ]}
        />
        <FilterSelect
          label={t('plans.col.state')}
          value={state}
          onChange={setState}
          data={[
            { value: OPEN, label: t('plans.tasks.openStates') },
            ...TASK_STATES.map((value) => ({ value, label: taskStateLabel(value) })),
          ]}
        />
      </FilterBar>
      {planId && (
        <Text size="sm" mb="sm">
          {t('plans.tasks.ofPlan')}{' '}
          <AnchorLink to="/maintenance/plans/$id" params={{ id: planId }} size="sm">
            {t('plans.tasks.thePlan')}
          </AnchorLink>
        </Text>
      )}
      <ListContent
        list={list}
        empty={<EmptyState title={t('plans.tasks.empty')} hint={t('plans.tasks.emptyHint')} />}
      >
        <ListTable
          caption={t('plans.tasks.caption')}
          columns={[
            t('plans.col.number'),
            t('plans.col.title'),
            t('plans.col.service'),
            t('plans.col.due'),
            t('plans.col.assignee'),
            t('plans.col.state'),
          ]}
          minWidth={760}
        >
          {list.items.map((task) => (
            <Table.Tr key={task.id}>
              <Table.Td>{task.number}</Table.Td>
              <Table.Td>
                <AnchorLink to="/maintenance/tasks/$ref" params={{ ref: task.number }} fw={500} size="sm">
                  {task.title}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{names.service(task.serviceId)}</Table.Td>
              <Table.Td>{formatDateTime(task.dueAt)}</Table.Td>
              <Table.Td>{names.person(task.assigneeId) || t('plans.unassigned')}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <TaskStateBadge state={task.state} />
                  {task.overdue && <OverdueBadge />}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </ListContent>
    </>
  );
}
