import { Select } from '@mantine/core';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Service } from '../../../../contracts/services.js';
import type { Ticket } from '../../../../contracts/tickets.js';
import { t } from '../../../i18n/t';
import { fetchAllPages } from '../../../ui/lists';
import type { TicketChanges } from './types';

const NONE = 'none';

const organisationServicesQuery = (organisationId: string) =>
  queryOptions({
    queryKey: ['services', 'organisation', organisationId],
    queryFn: () => fetchAllPages<Service>('/services', { organisationId }),
    staleTime: 60_000,
  });

type Props = { ticket: Ticket; busy: boolean; onChange: (changes: TicketChanges) => void };

/** The affected service, from the services of the ticket's organisation (retired ones only if chosen). */
export function ServiceSelect({ ticket, busy, onChange }: Props) {
  const services = useQuery(organisationServicesQuery(ticket.organisationId)).data ?? [];
  const options = [
    { value: NONE, label: t('common.none') },
    ...services
      .filter((service) => service.status === 'active' || service.id === ticket.serviceId)
      .map((service) => ({ value: service.id, label: service.name })),
  ];
  return (
    <Select
      label={t('ticket.field.serviceId')}
      data={options}
      value={ticket.serviceId ?? NONE}
      onChange={(value) => {
        const serviceId = !value || value === NONE ? null : value;
        if (serviceId !== ticket.serviceId) onChange({ serviceId });
      }}
      allowDeselect={false}
      disabled={busy}
      searchable
    />
  );
}
