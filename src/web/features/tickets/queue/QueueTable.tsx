import { Checkbox, Paper, Table, Text } from '@mantine/core';
import type { Ticket } from '../../../../contracts/tickets.js';
import { AnchorLink } from '../../../app/links';
import { t } from '../../../i18n/t';
import { formatDateTime } from '../../../ui/format';
import { SlaCountdown } from '../SlaCountdown';
import { PriorityBadge, StatusBadge } from '../TicketBadges';
import classes from './QueueTable.module.css';
import { relativeTime, useMinuteClock } from './time';

export type QueueTableProps = {
  tickets: Ticket[];
  selected: ReadonlySet<string>;
  onToggle: (ticket: Ticket) => void;
  onToggleAll: (checked: boolean) => void;
  /** The keyboard's row (j/k), -1 for none. */
  active: number;
  onActivate: (index: number) => void;
  rowRef: (index: number, element: HTMLTableRowElement | null) => void;
  organisationName: (id: string) => string;
  assigneeName: (id: string) => string;
};

function SelectAll({ tickets, selected, onToggleAll }: QueueTableProps) {
  const count = tickets.filter((ticket) => selected.has(ticket.id)).length;
  return (
    <Checkbox
      aria-label={t('queue.selectAll')}
      checked={count > 0 && count === tickets.length}
      indeterminate={count > 0 && count < tickets.length}
      onChange={(event) => onToggleAll(event.currentTarget.checked)}
    />
  );
}

type RowProps = QueueTableProps & { ticket: Ticket; index: number; now: number };

function Row({ ticket, index, now, ...props }: RowProps) {
  const isActive = index === props.active;
  const isSelected = props.selected.has(ticket.id);
  return (
    <Table.Tr
      ref={(element) => props.rowRef(index, element)}
      tabIndex={isActive || (props.active < 0 && index === 0) ? 0 : -1}
      className={classes.row}
      data-active={isActive || undefined}
      data-selected={isSelected || undefined}
      data-ticket={ticket.number}
      onFocus={() => props.onActivate(index)}
    >
      <Table.Td>
        <Checkbox
          aria-label={t('queue.selectTicket', { number: ticket.number })}
          checked={isSelected}
          onChange={() => props.onToggle(ticket)}
        />
      </Table.Td>
      <Table.Td className={classes.number}>{ticket.number}</Table.Td>
      <Table.Td className={classes.subject}>
        <AnchorLink
          to="/tickets/$ref"
          params={{ ref: ticket.number }}
          fw={600}
          size="sm"
          className={classes.subjectLink}
        >
          {ticket.subject}
        </AnchorLink>
      </Table.Td>
      <Table.Td>
        <SlaCountdown dueAt={ticket.slaDueAt} />
      </Table.Td>
      <Table.Td>
        <PriorityBadge priority={ticket.priority} />
      </Table.Td>
      <Table.Td>
        <StatusBadge status={ticket.status} />
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        {ticket.assigneeId ? (
          props.assigneeName(ticket.assigneeId)
        ) : (
          <Text span size="sm" c="dimmed">
            {t('queue.unassigned')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{props.organisationName(ticket.organisationId)}</Table.Td>
      <Table.Td>{ticket.tier}</Table.Td>
      <Table.Td title={formatDateTime(ticket.updatedAt)} className={classes.nowrap}>
        {relativeTime(ticket.updatedAt, now)}
      </Table.Td>
    </Table.Tr>
  );
}

/** The queue's table: a row per ticket, checkboxes for bulk changes, one row the keyboard is on. */
export function QueueTable(props: QueueTableProps) {
  const now = useMinuteClock();
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={1080}>
        <Table aria-label={t('queue.table')} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>
                <SelectAll {...props} />
              </Table.Th>
              <Table.Th>{t('queue.col.number')}</Table.Th>
              <Table.Th>{t('queue.col.subject')}</Table.Th>
              <Table.Th>{t('queue.col.sla')}</Table.Th>
              <Table.Th>{t('queue.col.priority')}</Table.Th>
              <Table.Th>{t('queue.col.status')}</Table.Th>
              <Table.Th>{t('queue.col.assignee')}</Table.Th>
              <Table.Th>{t('queue.col.organisation')}</Table.Th>
              <Table.Th>{t('queue.col.tier')}</Table.Th>
              <Table.Th>{t('queue.col.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.tickets.map((ticket, index) => (
              <Row key={ticket.id} {...props} ticket={ticket} index={index} now={now} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
