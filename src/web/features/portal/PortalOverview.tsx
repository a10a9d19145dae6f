import { Group, Skeleton, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Ticket } from '../../../contracts/tickets.js';
import { api } from '../../app/api';
import { AnchorLink } from '../../app/links';
import { t } from '../../i18n/t';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { portalKeys } from './api';
import { STATUS_FILTERS } from './labels';
import { NewTicketButton } from './PortalTicketsPage';
import { TicketCard } from './TicketCard';

const SHOWN = 5;

/** The portal's home: the few tickets still open, and the way to a new one. */
export function PortalOverview() {
  const open = useQuery({
    queryKey: [...portalKeys.list, 'overview'],
    queryFn: () =>
      api.get<{ items: Ticket[]; nextCursor: string | null }>('/tickets', {
        status: STATUS_FILTERS.active,
        sort: '-updatedAt',
        limit: SHOWN,
      }),
  });
  let body: React.ReactNode;
  if (open.isPending) body = <Skeleton height={90} radius="md" />;
  else if (open.isError) body = <ErrorAlert error={open.error} onRetry={() => open.refetch()} />;
  else if (open.data.items.length === 0)
    body = <EmptyState title={t('portal.overviewEmpty')} hint={t('portal.overviewEmptyHint')} />;
  else
    body = (
      <Stack
        component="ul"
        gap="sm"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('portal.overviewTitle')}
      >
        {open.data.items.map((ticket) => (
          <TicketCard key={ticket.id} ticket={ticket} />
        ))}
      </Stack>
    );
  return (
    <section aria-labelledby="portal-overview-heading">
      <Group justify="space-between" mb="sm" gap="sm">
        <Title order={2} size="h4" id="portal-overview-heading">
          {t('portal.overviewTitle')}
        </Title>
        <Group gap="sm">
          <AnchorLink to="/portal/tickets" size="sm">
            {t('portal.allTickets')}
          </AnchorLink>
          <NewTicketButton />
        </Group>
      </Group>
      {body}
    </section>
  );
}
