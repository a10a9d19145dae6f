import { Button, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { canReadAudit } from '../../../app/permissions';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n/t';
import { EmptyState } from '../../../ui/EmptyState';
import { FilterBar } from '../../../ui/filters';
import { ListContent } from '../../../ui/lists';
import { NoAccess } from '../../../ui/NoAccess';
import { PageHeader } from '../../../ui/PageHeader';
import { UserPicker } from '../users/UserPicker';
import { AuditTable } from './AuditTable';
import { dayBoundary, useAuditList } from './api';

const EMPTY = { action: '', entityType: '', actorId: '', from: '', to: '' };

function AuditLog() {
  const [filters, setFilters] = useState(EMPTY);
  const [debounced] = useDebouncedValue(filters, 300);
  const set = (key: keyof typeof EMPTY) => (value: string) =>
    setFilters((current) => ({ ...current, [key]: value }));
  const list = useAuditList({
    action: debounced.action.trim(),
    entityType: debounced.entityType.trim(),
    actorId: debounced.actorId,
    from: dayBoundary(debounced.from, 'start'),
    to: dayBoundary(debounced.to, 'end'),
  });
  const filtered = Object.values(filters).some((value) => value !== '');

  const content = (
    <ListContent
      list={list}
      skeletonRows={8}
      empty={<EmptyState title={t('audit.empty')} hint={t('audit.emptyHint')} />}
    >
      <AuditTable entries={list.items} />
    </ListContent>
  );

  return (
    <>
      <FilterBar>
        <TextInput
          label={t('audit.actionFilter')}
          placeholder={t('audit.actionPlaceholder')}
          value={filters.action}
          onChange={(event) => set('action')(event.currentTarget.value)}
          w={{ base: '100%', xs: 180 }}
        />
        <TextInput
          label={t('audit.entityFilter')}
          placeholder={t('audit.entityPlaceholder')}
          value={filters.entityType}
          onChange={(event) => set('entityType')(event.currentTarget.value)}
          w={{ base: '100%', xs: 150 }}
        />
        <UserPicker
          label={t('audit.actorFilter')}
          placeholder={t('audit.actorPlaceholder')}
          value={filters.actorId}
          onChange={set('actorId')}
        />
        <TextInput
          label={t('audit.from')}
          type="date"
          value={filters.from}
          onChange={(event) => set('from')(event.currentTarget.value)}
          w={{ base: '100%', xs: 160 }}
        />
        <TextInput
          label={t('audit.to')}
          type="date"
          value={filters.to}
          onChange={(event) => set('to')(event.currentTarget.value)}
          w={{ base: '100%', xs: 160 }}
        />
        {filtered && (
          <Button variant="subtle" onClick={() => setFilters(EMPTY)}>
            {t('audit.clearFilters')}
          </Button>
        )}
      </FilterBar>
      {content}
    </>
  );
}

export function AuditPage() {
  const { user } = useSession();
  if (!canReadAudit(user.role)) return <NoAccess />;
  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <AuditLog />
    </>
  );
}
