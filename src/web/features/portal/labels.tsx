import { Badge } from '@mantine/core';
import type { Ticket } from '../../../contracts/tickets.js';
import type { TicketStatus } from '../../../core/tickets/lifecycle.js';
import type { Level } from '../../../core/tickets/priority.js';
import { t } from '../../i18n/t';

/** Words a customer understands for the desk's statuses and types (staff words live elsewhere). */
export const statusLabel = (status: TicketStatus): string => t(`portal.status.${status}`);
export const typeLabel = (type: Ticket['type']): string => t(`portal.type.${type}`);
export const levelLabel = (level: Level): string => t(`portal.level.${level}`);

/** The types a customer may choose; "problem" is the desk's own root-cause record. */
export const CUSTOMER_TYPES = ['incident', 'service_request', 'question'] as const;

type BadgeLook = { color: string; variant: 'light' | 'filled' | 'outline' };

const LOOKS: Record<TicketStatus, BadgeLook> = {
  new: { color: 'blue', variant: 'light' },
  open: { color: 'blue', variant: 'light' },
  // The one status that asks the customer to act stands out.
  pending_customer: { color: 'tend', variant: 'filled' },
  pending_third_party: { color: 'gray', variant: 'light' },
  on_hold: { color: 'gray', variant: 'light' },
  resolved: { color: 'tend', variant: 'light' },
  closed: { color: 'gray', variant: 'outline' },
};

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  const look = LOOKS[status];
  return (
    <Badge color={look.color} variant={look.variant} tt="none" style={{ flexShrink: 0 }}>
      {statusLabel(status)}
    </Badge>
  );
}

/** The status filter's choices: groups of statuses as the customer thinks of them. */
export const STATUS_FILTERS = {
  active: 'new,open,pending_customer,pending_third_party,on_hold',
  waiting: 'pending_customer',
  resolved: 'resolved',
  closed: 'closed',
  all: '',
} as const;
export type StatusFilter = keyof typeof STATUS_FILTERS;
