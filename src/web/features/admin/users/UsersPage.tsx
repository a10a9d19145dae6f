import { Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { roles } from '../../../../contracts/common.js';
import type { User } from '../../../../contracts/directory.js';
import { canManageDirectory } from '../../../app/permissions';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n/t';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { EmptyState } from '../../../ui/EmptyState';
import { errorMessage } from '../../../ui/errors';
import { activeFilterOptions, FilterBar, FilterSelect, SearchField } from '../../../ui/filters';
import { ListContent } from '../../../ui/lists';
import { PageHeader } from '../../../ui/PageHeader';
import { useOrganisationLookup } from '../organisations/api';
import { useSetUserActive, useUserList } from './api';
import { UserFormModal } from './UserFormModal';
import { UsersTable } from './UsersTable';

type Editing = { user: User | null } | null;

function useDeactivation() {
  const [target, setTarget] = useState<User | null>(null);
  const setActive = useSetUserActive();
  const run = (user: User, active: boolean) =>
    setActive.mutate(
      { user, active },
      {
        onSuccess: () => {
          const key = active ? 'users.reactivated' : 'users.deactivated';
          notifications.show({ color: 'tend', message: t(key, { name: user.name }) });
          setTarget(null);
        },
        onError: (error) => {
          if (active) notifications.show({ color: 'red', message: errorMessage(error) });
        },
      },
    );
  const close = () => {
    setTarget(null);
    setActive.reset();
  };
  return { target, setTarget, run, close, mutation: setActive };
}

export function UsersPage() {
  const session = useSession();
  const canEdit = canManageDirectory(session.user.role);
  const [filters, setFilters] = useState({ q: '', organisationId: '', role: '', active: 'true' });
  const [editing, setEditing] = useState<Editing>(null);
  const setFilter = (key: keyof typeof filters) => (value: string) =>
    setFilters((current) => ({ ...current, [key]: value }));
  const { options: organisationOptions, byId } = useOrganisationLookup();
  const list = useUserList(filters);
  const deactivation = useDeactivation();

  const content = (
    <ListContent list={list} empty={<EmptyState title={t('users.empty')} hint={t('users.emptyHint')} />}>
      <UsersTable
        users={list.items}
        organisationName={(id) => byId.get(id)?.name ?? t('common.unknown')}
        currentUserId={session.user.id}
        onEdit={canEdit ? (user) => setEditing({ user }) : undefined}
        onSetActive={(user, active) => (active ? deactivation.run(user, true) : deactivation.setTarget(user))}
      />
    </ListContent>
  );

  const target = deactivation.target;
  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ user: null })}>
              {t('users.new')}
            </Button>
          )
        }
      />
      <FilterBar>
        <SearchField
          label={t('common.search')}
          placeholder={t('users.searchPlaceholder')}
          onSearch={setFilter('q')}
        />
        <FilterSelect
          label={t('common.organisation')}
          searchable
          value={filters.organisationId}
          onChange={setFilter('organisationId')}
          data={organisationOptions}
        />
        <FilterSelect
          label={t('common.role')}
          value={filters.role}
          onChange={setFilter('role')}
          data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
        <FilterSelect
          label={t('common.status')}
          value={filters.active}
          onChange={setFilter('active')}
          data={activeFilterOptions()}
        />
      </FilterBar>
      {!canEdit && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('common.readOnly')}
        </Text>
      )}
      {content}
      <UserFormModal
        opened={editing !== null}
        user={editing?.user ?? null}
        onClose={() => setEditing(null)}
      />
      <ConfirmModal
        opened={target !== null}
        title={t('users.deactivateTitle', { name: target?.name ?? '' })}
        text={t('users.deactivateText', { name: target?.name ?? '' })}
        confirmLabel={t('users.deactivate')}
        danger
        loading={deactivation.mutation.isPending}
        error={deactivation.mutation.error}
        onConfirm={() => target && deactivation.run(target, false)}
        onClose={deactivation.close}
      />
    </>
  );
}
