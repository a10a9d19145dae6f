import { SegmentedControl, Select, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ButtonLink } from '../../app/links';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { EmptyState } from '../../ui/EmptyState';
import { FilterBar, SearchField } from '../../ui/filters';
import { ListContent } from '../../ui/lists';
import { PageHeader } from '../../ui/PageHeader';
import { useColleagueNames, usePortalTickets } from './api';
import { STATUS_FILTERS, type StatusFilter } from './labels';
import { TicketCard } from './TicketCard';

type Scope = 'mine' | 'organisation';

const STATUS_CHOICES: StatusFilter[] = ['active', 'waiting', 'resolved', 'closed', 'all'];

export function NewTicketButton() {
  return (
    <ButtonLink to="/portal/tickets/new" leftSection={<IconPlus size={16} aria-hidden />}>
      {t('portal.newTicket')}
    </ButtonLink>
  );
}

function Empty({ filtered }: { filtered: boolean }) {
  if (filtered) return <EmptyState title={t('portal.emptyFiltered')} hint={t('portal.emptyFilteredHint')} />;
  return <EmptyState title={t('portal.empty')} hint={t('portal.emptyHint')} action={<NewTicketButton />} />;
}

/** My tickets (requester) or my organisation's tickets (customer manager), filtered by status and words. */
export function PortalTicketsPage() {
  const { user, organisation } = useSession();
  const isManager = user.role === 'customer_manager';
  const [scope, setScope] = useState<Scope>(isManager ? 'organisation' : 'mine');
  const [status, setStatus] = useState<StatusFilter>('active');
  const [q, setQ] = useState('');
  const list = usePortalTickets({
    status: STATUS_FILTERS[status] || undefined,
    q: q || undefined,
    // A requester's own view also holds tickets they watch; only the manager's "mine" narrows.
    requesterId: isManager && scope === 'mine' ? 'me' : undefined,
  });
  const showRequester = isManager && scope === 'organisation';
  const names = useColleagueNames(showRequester);

  return (
    <>
      <PageHeader
        title={
          showRequester
            ? t('portal.orgTicketsTitle', { organisation: organisation.name })
            : t('portal.myTicketsTitle')
        }
        description={t('portal.ticketsDescription')}
        actions={<NewTicketButton />}
      />
      {isManager && (
        <SegmentedControl
          mb="md"
          aria-label={t('portal.scope')}
          value={scope}
          onChange={(value) => setScope(value as Scope)}
          data={[
            { value: 'organisation', label: t('portal.scope.organisation') },
            { value: 'mine', label: t('portal.scope.mine') },
          ]}
        />
      )}
      <FilterBar>
        <Select
          label={t('common.status')}
          value={status}
          onChange={(value) => setStatus((value as StatusFilter | null) ?? 'active')}
          allowDeselect={false}
          data={STATUS_CHOICES.map((value) => ({ value, label: t(`portal.filter.${value}`) }))}
          w={{ base: '100%', xs: 200 }}
        />
        <SearchField label={t('common.search')} placeholder={t('portal.searchPlaceholder')} onSearch={setQ} />
      </FilterBar>
      <ListContent list={list} empty={<Empty filtered={q !== '' || status !== 'active'} />}>
        <Stack
          component="ul"
          gap="sm"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('portal.listLabel')}
        >
          {list.items.map((ticket) => (
            <TicketCard
              key={ticket.id}
              ticket={ticket}
              requesterName={showRequester ? names.get(ticket.requesterId) : undefined}
            />
          ))}
        </Stack>
      </ListContent>
    </>
  );
}
