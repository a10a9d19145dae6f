import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown } from '@tabler/icons-react';
import { useState } from 'react';
import type { Ticket } from '../../../../contracts/tickets.js';
import { ApiError } from '../../../app/api';
import { t } from '../../../i18n/t';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { errorMessage } from '../../../ui/errors';
import { ticketApi, useStoreTicket } from './api';
import { useTicketEditing } from './edit';
import { statusLabel } from './labels';

/** The server says which moves are allowed (`allowedTransitions`; a 422 lists them again). */
function transitionError(error: unknown): string {
  if (error instanceof ApiError && error.code === 'tickets.invalid_transition') {
    const allowed = Array.isArray(error.details.allowed) ? (error.details.allowed as string[]) : [];
    return allowed.length
      ? t('ticket.status.notAllowed', { allowed: allowed.map(statusLabel).join(', ') })
      : t('ticket.status.noneAllowed');
  }
  return errorMessage(error);
}

/** Move the ticket; the server's refusal (with the moves it allows) is said in words. */
function useMove(onDone: () => void) {
  const { ref } = useTicketEditing();
  const store = useStoreTicket(ref);
  const [busy, setBusy] = useState(false);
  const move = async (status: string) => {
    setBusy(true);
    try {
      await store(await ticketApi.transition(ref, status));
      const message = t('ticket.status.changed', { status: statusLabel(status) });
      notifications.show({ color: 'tend', message });
      onDone();
    } catch (error) {
      notifications.show({ color: 'red', title: t('ticket.status.failed'), message: transitionError(error) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, move };
}

/** "Status: Open ▾" — the moves this person may make now; closing asks first (it is final). */
export function StatusMenu({ ticket }: { ticket: Ticket }) {
  const [confirmClose, setConfirmClose] = useState(false);
  const { busy, move } = useMove(() => setConfirmClose(false));
  const allowed = ticket.allowedTransitions;
  return (
    <>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            rightSection={<IconChevronDown size={16} aria-hidden />}
            loading={busy}
            disabled={allowed.length === 0}
            aria-label={t('ticket.status.button', { status: statusLabel(ticket.status) })}
          >
            {t('ticket.status.current', { status: statusLabel(ticket.status) })}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('ticket.status.moveTo')}</Menu.Label>
          {allowed.map((status) => (
            <Menu.Item
              key={status}
              onClick={() => (status === 'closed' ? setConfirmClose(true) : move(status))}
            >
              {statusLabel(status)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <ConfirmModal
        opened={confirmClose}
        title={t('ticket.status.closeTitle', { number: ticket.number })}
        text={t('ticket.status.closeText')}
        confirmLabel={t('ticket.status.closeConfirm')}
        danger
        loading={busy}
        onConfirm={() => move('closed')}
        onClose={() => setConfirmClose(false)}
      />
    </>
  );
}
