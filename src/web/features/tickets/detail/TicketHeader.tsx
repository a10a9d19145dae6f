import { Badge, Button, Group, Kbd, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconLock, IconMessage } from '@tabler/icons-react';
import type { ReactNode } from 'react';
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

type ActionProps = {
  icon: ReactNode;
  label: string;
  onClick: () => void;
  disabled: boolean;
  shortcut?: string;
};

/** An action button; its key (if any) shows on a keycap and is announced as aria-keyshortcuts. */
function Action({ icon, label, onClick, disabled, shortcut }: ActionProps) {
  return (
    <Button
      variant="default"
      leftSection={icon}
      onClick={onClick}
      disabled={disabled}
      rightSection={
        shortcut ? (
          <Kbd size="xs" aria-hidden>
            {shortcut}
          </Kbd>
        ) : undefined
      }
      aria-keyshortcuts={shortcut}
    >
      {label}
    </Button>
  );
}

function Actions({ ticket, actions }: { ticket: Ticket; actions: HeaderActions }) {
  const closed = ticket.status === 'closed';
  return (
    <Group gap="sm" mt="xs">
      <StatusMenu ticket={ticket} />
      <Action
        icon={<IconMessage size={16} aria-hidden />}
        label={t('ticket.action.reply')}
        onClick={actions.reply}
        disabled={closed}
        shortcut="r"
      />
      <Action
        icon={<IconLock size={16} aria-hidden />}
        label={t('ticket.action.note')}
        onClick={actions.note}
        disabled={closed}
        shortcut="n"
      />
      <Action
        icon={<IconArrowUp size={16} aria-hidden />}
        label={t('ticket.action.escalate')}
        onClick={actions.escalate}
        disabled={closed || ticket.tier === 'L4'}
        shortcut="e"
      />
      <Action
        icon={<IconArrowDown size={16} aria-hidden />}
        label={t('ticket.action.deEscalate')}
        onClick={actions.deEscalate}
        disabled={closed || ticket.tier === 'L1'}
      />
    </Group>
  );
}

/** Number, subject (edited in place), status with its allowed moves, and the page's main actions. */
export function TicketHeader({ ticket, actions }: { ticket: Ticket; actions: HeaderActions }) {
  useDocumentTitle(`${ticket.number} · ${ticket.subject} · ${t('app.name')}`);
  const requester = useUserName(ticket.requesterId);
  const organisation = useOrganisationName(ticket.organisationId);
  return (
    <Stack gap="xs" mb="lg" component="header">
      <Text size="sm" c="dimmed" data-testid="ticket-number">
        {t('ticket.numberLine', { number: ticket.number, requester, organisation })}
      </Text>
      <SubjectEditor ticket={ticket} />
      <Facts ticket={ticket} />
      <Actions ticket={ticket} actions={actions} />
    </Stack>
  );
}
