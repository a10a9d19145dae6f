import { Badge, Button, Group, Kbd, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconLock, IconMessage } from '@tabler/icons-react';
import type { Ticket } from '../../../../contracts/tickets.js';
import { t } from '../../../i18n/t';
import { useOrganisationName, useTeamName, useUserName } from './directory';
import { priorityColor, statusLabel, typeLabel } from './labels';
import { StatusMenu } from './StatusMenu';
import { SubjectEditor } from './SubjectEditor';

export type HeaderActions = {
  reply: () => void;
  note: () => void;
  escalate: () => void;
  deEscalate: () => void;
};

function Facts({ ticket }: { ticket: Ticket }) {
  const team = useTeamName(ticket.teamId);
  const assignee = useUserName(ticket.assigneeId);
  return (
    <Group gap="xs" aria-label={t('ticket.facts')} role="group">
      <Badge variant="light" color="blue">
        {statusLabel(ticket.status)}
      </Badge>
      <Badge variant="outline" color={priorityColor(ticket.priority)}>
        {t('ticket.priorityBadge', { priority: ticket.priority })}
      </Badge>
      <Badge variant="outline" color="gray">
        {typeLabel(ticket.type)}
      </Badge>
      <Badge variant="outline" color="gray">
        {t('ticket.tierBadge', { tier: ticket.tier })}
      </Badge>
      <Text size="sm">{t('ticket.teamIs', { team })}</Text>
      <Text size="sm">
        {ticket.assigneeId ? t('ticket.assigneeIs', { name: assignee }) : t('ticket.unassigned')}
      </Text>
    </Group>
  );
}

/** Number, subject (edited in place), status with its allowed moves, and the page's main actions. */
export function TicketHeader({ ticket, actions }: { ticket: Ticket; actions: HeaderActions }) {
  useDocumentTitle(`${ticket.number} · ${ticket.subject} · ${t('app.name')}`);
  const requester = useUserName(ticket.requesterId);
  const organisation = useOrganisationName(ticket.organisationId);
  const closed = ticket.status === 'closed';
  return (
    <Stack gap="xs" mb="lg" component="header">
      <Text size="sm" c="dimmed" data-testid="ticket-number">
        {t('ticket.numberLine', { number: ticket.number, requester, organisation })}
      </Text>
      <SubjectEditor ticket={ticket} />
      <Facts ticket={ticket} />
      <Group gap="sm" mt="xs">
        <StatusMenu ticket={ticket} />
        <Button
          variant="default"
          leftSection={<IconMessage size={16} aria-hidden />}
          onClick={actions.reply}
          disabled={closed}
          rightSection={
            <Kbd size="xs" aria-hidden>
              r
            </Kbd>
          }
          aria-keyshortcuts="r"
        >
          {t('ticket.action.reply')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconLock size={16} aria-hidden />}
          onClick={actions.note}
          disabled={closed}
          rightSection={
            <Kbd size="xs" aria-hidden>
              n
            </Kbd>
          }
          aria-keyshortcuts="n"
        >
          {t('ticket.action.note')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconArrowUp size={16} aria-hidden />}
          onClick={actions.escalate}
          disabled={closed || ticket.tier === 'L4'}
          rightSection={
            <Kbd size="xs" aria-hidden>
              e
            </Kbd>
          }
          aria-keyshortcuts="e"
        >
          {t('ticket.action.escalate')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconArrowDown size={16} aria-hidden />}
          onClick={actions.deEscalate}
          disabled={closed || ticket.tier === 'L1'}
        >
          {t('ticket.action.deEscalate')}
        </Button>
      </Group>
    </Stack>
  );
}
