import { Button } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { Ticket } from '../../../../contracts/tickets.js';
import { t } from '../../../i18n/t';
import { EmptyState } from '../../../ui/EmptyState';
import { ListContent } from '../../../ui/lists';
import { useOrganisationLookup } from '../../admin/organisations/api';
import { useDeskDirectory, type useTicketList } from './api';
import { QueueTable } from './QueueTable';
import { useQueueKeyboard } from './useQueueKeyboard';

type Selection = {
  selected: ReadonlySet<string>;
  setSelected: (next: ReadonlySet<string>) => void;
  toggle: (ticket: Ticket) => void;
};

type Props = {
  list: ReturnType<typeof useTicketList>;
  selection: Selection;
  /** The filters are the person's own (no view, or a view changed): an empty list offers to clear them. */
  filtered: boolean;
  onClear: () => void;
};

/** The list body: skeleton, error with a retry, an empty state that says what to do, or the table. */
export function QueueList({ list, selection, filtered, onClear }: Props) {
  const navigate = useNavigate();
  const { byId: organisations } = useOrganisationLookup();
  const { staffById } = useDeskDirectory();
  const tickets = list.items;
  const open = (ticket: Ticket) => navigate({ to: '/tickets/$ref', params: { ref: ticket.number } });
  const keyboard = useQueueKeyboard(tickets, { open, toggle: selection.toggle });
  const empty = (
    <EmptyState
      title={t('queue.empty')}
      hint={filtered ? t('queue.emptyHint') : t('queue.emptyViewHint')}
      action={
        filtered ? (
          <Button variant="default" onClick={onClear}>
            {t('queue.clearFilters')}
          </Button>
        ) : undefined
      }
    />
  );
  return (
    <ListContent list={list} empty={empty} skeletonRows={8}>
      <QueueTable
        tickets={tickets}
        selected={selection.selected}
        onToggle={selection.toggle}
        onToggleAll={(checked) =>
          selection.setSelected(new Set(checked ? tickets.map((ticket) => ticket.id) : []))
        }
        active={keyboard.active}
        onActivate={keyboard.onActivate}
        rowRef={keyboard.rowRef}
        organisationName={(id) => organisations.get(id)?.name ?? '…'}
        assigneeName={(id) => staffById.get(id)?.name ?? '…'}
      />
    </ListContent>
  );
}
