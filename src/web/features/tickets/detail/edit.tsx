import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, use, useCallback, useMemo, useState } from 'react';
import type { Ticket } from '../../../../contracts/tickets.js';
import { ApiError } from '../../../app/api';
import { t } from '../../../i18n/t';
import { errorMessage } from '../../../ui/errors';
import { patchTicket, ticketKeys, useStoreTicket } from './api';
import type { TicketChanges } from './types';

/**
 * Edits to a ticket's fields go out with `If-Match: "<version the edit started from>"`. When someone
 * else changed the ticket meanwhile, the server answers 412 with the ticket as it is now: we show
 * that instead of the edit (never overwriting), and the person chooses "keep mine" or "take theirs".
 */
export type Conflict = { base: Ticket; mine: TicketChanges; theirs: Ticket };

type TicketEditing = {
  ref: string;
  conflict: Conflict | null;
  /** Save changes made on top of `base`; false when they were not saved (conflict or error). */
  save: (base: Ticket, changes: TicketChanges) => Promise<boolean>;
  keepMine: () => Promise<boolean>;
  takeTheirs: () => void;
};

const EditContext = createContext<TicketEditing | null>(null);

export function useTicketEditing(): TicketEditing {
  const editing = use(EditContext);
  if (!editing) throw new Error('useTicketEditing() outside <TicketEditProvider>');
  return editing;
}

function currentTicketOf(error: unknown): Ticket | null {
  if (!(error instanceof ApiError) || error.status !== 412) return null;
  const current = error.details.current;
  return typeof current === 'object' && current !== null ? (current as Ticket) : null;
}

export function TicketEditProvider({ ticketRef, children }: { ticketRef: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  const store = useStoreTicket(ticketRef);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const save = useCallback(
    async (base: Ticket, changes: TicketChanges) => {
      try {
        await store(await patchTicket(ticketRef, base.version, changes));
        setConflict(null);
        notifications.show({ color: 'tend', message: t('ticket.saved') });
        return true;
      } catch (error) {
        const theirs = currentTicketOf(error);
        if (!theirs) {
          notifications.show({ color: 'red', title: t('ticket.saveFailed'), message: errorMessage(error) });
          return false;
        }
        // What the server holds now is the truth on screen; the edit waits in the conflict panel.
        queryClient.setQueryData(ticketKeys.one(ticketRef), theirs);
        setConflict({ base, mine: changes, theirs });
        return false;
      }
    },
    [queryClient, store, ticketRef],
  );

  const keepMine = useCallback(async () => {
    if (!conflict) return true;
    return save(conflict.theirs, conflict.mine);
  }, [conflict, save]);

  const takeTheirs = useCallback(() => {
    setConflict(null);
    void queryClient.invalidateQueries({ queryKey: ticketKeys.one(ticketRef) });
  }, [queryClient, ticketRef]);

  const value = useMemo(
    () => ({ ref: ticketRef, conflict, save, keepMine, takeTheirs }),
    [ticketRef, conflict, save, keepMine, takeTheirs],
  );
  return <EditContext value={value}>{children}</EditContext>;
}
