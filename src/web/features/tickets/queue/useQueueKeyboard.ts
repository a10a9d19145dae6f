import { useRef, useState } from 'react';
import type { Ticket } from '../../../../contracts/tickets.js';
import { useShortcuts } from '../../../app/shortcuts';

type Actions = { open: (ticket: Ticket) => void; toggle: (ticket: Ticket) => void };

/**
 * j / k move the keyboard's row (and focus it, so a screen reader follows), Enter or o opens it,
 * x selects it. The row stays on the same ticket while the list refreshes underneath.
 */
export function useQueueKeyboard(tickets: Ticket[], actions: Actions) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const rows = useRef(new Map<number, HTMLTableRowElement>());
  const active = tickets.findIndex((ticket) => ticket.id === activeId);

  const focusRow = (index: number) => {
    const ticket = tickets[index];
    if (!ticket) return;
    setActiveId(ticket.id);
    const row = rows.current.get(index);
    row?.focus();
    row?.scrollIntoView({ block: 'nearest' });
  };
  const current = (): Ticket | undefined => (active >= 0 ? tickets[active] : undefined);

  useShortcuts({
    next: () => focusRow(active < 0 ? 0 : Math.min(active + 1, tickets.length - 1)),
    previous: () => focusRow(active < 0 ? 0 : Math.max(active - 1, 0)),
    open: () => {
      const ticket = current();
      if (ticket) actions.open(ticket);
    },
    select: () => {
      const ticket = current();
      if (ticket) actions.toggle(ticket);
    },
  });

  return {
    active,
    onActivate: (index: number) => setActiveId(tickets[index]?.id ?? null),
    rowRef: (index: number, element: HTMLTableRowElement | null) => {
      if (element) rows.current.set(index, element);
      else rows.current.delete(index);
    },
  };
}
