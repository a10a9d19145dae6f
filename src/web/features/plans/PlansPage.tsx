import { Group, Table, Text } from '@mantine/core';
import { IconChecklist, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { PLAN_CATEGORIES } from '../../../core/plans/index.js';
import { AnchorLink, ButtonLink } from '../../app/links';
import { canManageSla } from '../../app/permissions';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { EmptyState } from '../../ui/EmptyState';
import { activeFilterOptions, FilterBar, FilterSelect } from '../../ui/filters';
import { formatDateTime } from '../../ui/format';
import { ListTable } from '../../ui/ListTable';
import { ListContent } from '../../ui/lists';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { useNames, usePlanList } from './api';
import { categoryLabel } from './labels';

function Actions({ manage }: { manage: boolean }) {
  return (
    <Group gap="sm">
      <ButtonLink
        to="/maintenance/tasks"
        variant="default"
        leftSection={<IconChecklist size={16} aria-hidden />}
      >
        {t('plans.tasks.title')}
      </ButtonLink>
      {manage && (
        <ButtonLink to="/maintenance/plans/new" leftSection={<IconPlus size={16} aria-hidden />}>
          {t('plans.new')}
        </ButtonLink>
      )}
    </Group>
  );
}

/** Maintenance plans: what recurs on which service, when it is next due, whether it generates. */
export function PlansPage() {
  const { user } = useSession();
  const [category, setCategory] = useState('');
  const [active, setActive] = useState('true');
  const list = usePlanList({ category: category || undefined, active: active || undefined });
  const names = useNames();
  return (
    <>
      <PageHeader
        title={t('plans.title')}
        description={t('plans.description')}
        actions={<Actions manage={canManageSla(user.role)} />}
      />
      <FilterBar>
        <FilterSelect
          label={t('plans.col.category')}
          value={category}
          onChange={setCategory}
          data={PLAN_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }))}
        />
        <FilterSelect
          label={t('common.status')}
          value={active}
          onChange={setActive}
          data={activeFilterOptions()}
        />
      </FilterBar>
      <ListContent list={list} empty={<EmptyState title={t('plans.empty')} hint={t('plans.emptyHint')} />}>
        <ListTable
          caption={t('plans.listCaption')}
          columns={[
            t('plans.col.title'),
            t('plans.col.service'),
            t('plans.col.category'),
            t('plans.col.nextDue'),
            t('common.status'),
          ]}
          minWidth={760}
        >
          {list.items.map((plan) => (
            <Table.Tr key={plan.id}>
              <Table.Td>
                <AnchorLink to="/maintenance/plans/$id" params={{ id: plan.id }} fw={500} size="sm">
                  {plan.title}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{names.service(plan.serviceId)}</Table.Td>
              <Table.Td>{categoryLabel(plan.category)}</Table.Td>
              <Table.Td>
                {plan.active && plan.nextDueDates[0] ? (
                  formatDateTime(plan.nextDueDates[0])
                ) : (
                  <Text span size="sm" c="dimmed">
                    {t('plans.noNextDue')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <StatusBadge active={plan.active} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </ListContent>
    </>
  );
}
