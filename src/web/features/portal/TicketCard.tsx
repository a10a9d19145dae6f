import { Group, Paper, Stack, Text } from '@mantine/core';
import type { Ticket } from '../../../contracts/tickets.js';
import { AnchorLink } from '../../app/links';
import { t } from '../../i18n/t';
import { formatDateTime } from '../../ui/format';
import { TicketStatusBadge, typeLabel } from './labels';

type Props = { ticket: Ticket; requesterName?: string };

/** One ticket in the portal list: a card rather than a table row, so it reads well on a phone. */
export function TicketCard({ ticket, requesterName }: Props) {
  return (
    <Paper component="li" withBorder radius="md" p="md" data-testid="portal-ticket">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <AnchorLink
            to="/portal/tickets/$ref"
            params={{ ref: ticket.number }}
            fw={600}
            style={{ overflowWrap: 'anywhere' }}
          >
            {ticket.number} · {ticket.subject}
          </AnchorLink>
          <TicketStatusBadge status={ticket.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {[
            typeLabel(ticket.type),
            requesterName ? t('portal.openedBy', { name: requesterName }) : null,
            t('portal.updatedAt', { when: formatDateTime(ticket.updatedAt) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Stack>
    </Paper>
  );
}
