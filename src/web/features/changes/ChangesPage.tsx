import { Group } from '@mantine/core';
import { IconCalendar, IconChartBar, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CHANGE_KINDS, CHANGE_STATES, CHANGE_TYPES } from '../../../core/changes/lifecycle.js';
import { ButtonLink } from '../../app/links';
import { isStaff } from '../../app/permissions';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { EmptyState } from '../../ui/EmptyState';
import { FilterBar, FilterSelect, SearchField } from '../../ui/filters';
import { ListContent } from '../../ui/lists';
import { PageHeader } from '../../ui/PageHeader';
import { allOrganisationsQuery } from '../admin/organisations/api';
import { useChangeList } from './api';
import { ChangesTable } from './ChangesTable';
import { kindLabel, stateLabel, typeLabel } from './labels';

/** Open work first: the states a change manager filters by most. */
const OPEN = 'draft,submitted,assessment,approved,scheduled,in_progress';

function Actions({ staff }: { staff: boolean }) {
  return (
    <Group gap="sm">
      <ButtonLink
        to="/changes/calendar"
        variant="default"
        leftSection={<IconCalendar size={16} aria-hidden />}
      >
        {t('changes.calendar.title')}
      </ButtonLink>
      <ButtonLink
        to="/changes/backlog"
        variant="default"
        leftSection={<IconChartBar size={16} aria-hidden />}
      >
        {t('changes.backlog.title')}
      </ButtonLink>
      {staff && (
        <ButtonLink to="/changes/new" leftSection={<IconPlus size={16} aria-hidden />}>
          {t('changes.new')}
        </ButtonLink>
      )}
    </Group>
  );
}

/** Change requests, filtered by state, type, kind and words. */
export function ChangesPage() {
  const { user } = useSession();
  const staff = isStaff(user.role);
  const [state, setState] = useState(OPEN);
  const [type, setType] = useState('');
  const [kind, setKind] = useState('');
  const [q, setQ] = useState('');
  const list = useChangeList({
    state: state || undefined,
    type: type || undefined,
    kind: kind || undefined,
    q: q || undefined,
  });
  const organisations = useQuery({ ...allOrganisationsQuery, enabled: staff });
  const names = new Map(
    (organisations.data ?? []).map((organisation) => [organisation.id, organisation.name]),
  );
  const filtered = state !== OPEN || type !== '' || kind !== '' || q !== '';
  return (
    <>
      <PageHeader
        title={t('changes.title')}
        description={t('changes.description')}
        actions={<Actions staff={staff} />}
      />
      <FilterBar>
        <FilterSelect
          label={t('changes.col.state')}
          value={state}
          onChange={setState}
          data={[
            { value: OPEN, label: t('changes.filter.open') },
            ...CHANGE_STATES.map((value) => ({ value, label: stateLabel(value) })),
          ]}
        />
        <FilterSelect
          label={t('changes.col.type')}
          value={type}
          onChange={setType}
          data={CHANGE_TYPES.map((value) => ({ value, label: typeLabel(value) }))}
        />
        <FilterSelect
          label={t('changes.col.kind')}
          value={kind}
          onChange={setKind}
          data={CHANGE_KINDS.map((value) => ({ value, label: kindLabel(value) }))}
        />
        <SearchField
          label={t('common.search')}
          placeholder={t('changes.searchPlaceholder')}
          onSearch={setQ}
        />
      </FilterBar>
      <ListContent
        list={list}
        empty={
          <EmptyState
            title={filtered ? t('changes.emptyFiltered') : t('changes.empty')}
            hint={t('changes.emptyHint')}
          />
        }
      >
        <ChangesTable
          changes={list.items}
          organisationName={(id) => names.get(id) ?? ''}
          caption={t('changes.listCaption')}
        />
      </ListContent>
    </>
  );
}
