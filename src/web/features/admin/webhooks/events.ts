/**
 * The event types Tend publishes today (docs/webhooks.md), offered in the picker. A webhook may also
 * name a prefix (`ticket.*`), everything (`*`), or a type typed by hand for events added later.
 */
export const KNOWN_EVENT_TYPES = [
  '*',
  'ticket.*',
  'ticket.created',
  'ticket.updated',
  'ticket.replied',
  'ticket.noted',
  'ticket.escalated',
  'ticket.resolved',
  'ticket.reopened',
  'ticket.closed',
  'ticket.merged',
  'ticket.rated',
  'ticket.sla_warning',
  'ticket.sla_breached',
] as const;
