import { Badge } from '@mantine/core';
import type { Ticket } from '../../../contracts/tickets.js';
import { priorityColor, statusLabel } from './detail/labels';

type Look = { color: string; variant: 'light' | 'outline' };

/** Colours from the theme's AA-tuned set (tend, gray, red, blue); the words carry the meaning. */
const STATUS_LOOKS: Record<Ticket['status'], Look> = {
  new: { color: 'blue', variant: 'light' },
  open: { color: 'blue', variant: 'outline' },
  pending_customer: { color: 'gray', variant: 'light' },
  pending_third_party: { color: 'gray', variant: 'light' },
  on_hold: { color: 'gray', variant: 'light' },
  resolved: { color: 'tend', variant: 'light' },
  closed: { color: 'gray', variant: 'outline' },
};

export function StatusBadge({ status }: { status: Ticket['status'] }) {
  const look = STATUS_LOOKS[status];
  return (
    <Badge color={look.color} variant={look.variant} tt="none" style={{ whiteSpace: 'nowrap' }}>
      {statusLabel(status)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Ticket['priority'] }) {
  return (
    <Badge color={priorityColor(priority)} variant={priority === 'P1' ? 'light' : 'outline'}>
      {priority}
    </Badge>
  );
}
