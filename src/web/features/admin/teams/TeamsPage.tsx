import { Button, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { tiers } from '../../../../contracts/common.js';
import type { Team } from '../../../../contracts/directory.js';
import { canManageDirectory } from '../../../app/permissions';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n/t';
import { EmptyState } from '../../../ui/EmptyState';
import { FilterBar, FilterSelect, SearchField } from '../../../ui/filters';
import { ListContent } from '../../../ui/lists';
import { PageHeader } from '../../../ui/PageHeader';
import { useOrganisationLookup } from '../organisations/api';
import { useTeamList } from './api';
import { TeamFormModal } from './TeamFormModal';
import { TeamsTable } from './TeamsTable';

type Editing = { team: Team | null } | null;

export function TeamsPage() {
  const { user } = useSession();
  const canEdit = canManageDirectory(user.role);
  const [q, setQ] = useState('');
  const [tier, setTier] = useState('');
  const [servesOrganisationId, setServes] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const { options: organisationOptions, byId } = useOrganisationLookup();
  const list = useTeamList({ q, tier, servesOrganisationId });
  const filtered = q !== '' || tier !== '' || servesOrganisationId !== '';

  const content = (
    <ListContent
      list={list}
      empty={
        <EmptyState
          title={filtered ? t('teams.emptyFiltered') : t('teams.empty')}
          hint={filtered ? t('teams.emptyFilteredHint') : t('teams.emptyHint')}
        />
      }
    >
      <TeamsTable
        teams={list.items}
        organisationName={(id) => byId.get(id)?.name ?? t('common.unknown')}
        onEdit={canEdit ? (team) => setEditing({ team }) : undefined}
      />
    </ListContent>
  );

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        description={t('teams.description')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ team: null })}>
              {t('teams.new')}
            </Button>
          )
        }
      />
      <FilterBar>
        <SearchField label={t('common.search')} placeholder={t('teams.searchPlaceholder')} onSearch={setQ} />
        <FilterSelect
          label={t('teams.tier')}
          value={tier}
          onChange={setTier}
          data={tiers.map((value) => ({ value, label: t(`teams.tier.${value}`) }))}
        />
        <FilterSelect
          label={t('teams.servesFilter')}
          searchable
          value={servesOrganisationId}
          onChange={setServes}
          data={organisationOptions}
        />
      </FilterBar>
      {!canEdit && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('common.readOnly')}
        </Text>
      )}
      {content}
      <TeamFormModal
        opened={editing !== null}
        team={editing?.team ?? null}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
