import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { Ticket } from '../../../contracts/tickets.js';
import { type MessageKey, t } from '../../i18n/t';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useMoveTicket } from './api';

type Move = 'closed' | 'open';
type Action = 'withdraw' | 'confirm' | 'reopen';
type Copy = { title: MessageKey; text: MessageKey; confirm: MessageKey; done: MessageKey };

/** Closing an open ticket withdraws it; closing a resolved one confirms the fix; both are final. */
const COPY: Record<Action, Copy> = {
  withdraw: {
    title: 'portal.withdrawTitle',
    text: 'portal.withdrawText',
    confirm: 'portal.withdrawConfirm',
    done: 'portal.withdrawn',
  },
  confirm: {
    title: 'portal.confirmTitle',
    text: 'portal.confirmText',
    confirm: 'portal.confirmConfirm',
    done: 'portal.confirmed',
  },
  reopen: {
    title: 'portal.reopenTitle',
    text: 'portal.reopenText',
    confirm: 'portal.reopenConfirm',
    done: 'portal.reopened',
  },
};

const actionOf = (ticket: Ticket, move: Move): Action =>
  move === 'open' ? 'reopen' : ticket.status === 'resolved' ? 'confirm' : 'withdraw';

function MoveModal({ ticket, move, onClose }: { ticket: Ticket; move: Move; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const mutation = useMoveTicket(ticket.number);
  const copy = COPY[actionOf(ticket, move)];
  const confirm = () =>
    mutation.mutate(
      { status: move, reason: reason.trim() || undefined, done: t(copy.done, { number: ticket.number }) },
      { onSuccess: onClose },
    );
  return (
    <Modal opened onClose={onClose} title={t(copy.title)} centered>
      <Stack>
        <Text size="sm">{t(copy.text)}</Text>
        <Textarea
          label={move === 'open' ? t('portal.reopenReason') : t('portal.closeReason')}
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        {mutation.error ? <ErrorAlert error={mutation.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button onClick={confirm} loading={mutation.isPending}>
            {t(copy.confirm)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * What a customer may do with the ticket's status: withdraw it (close) while it is open, reopen it
 * within the grace period after a resolution. The server says which (allowedTransitions).
 */
export function TicketActions({ ticket }: { ticket: Ticket }) {
  const [move, setMove] = useState<Move | null>(null);
  const canReopen = ticket.allowedTransitions.includes('open');
  const canClose = ticket.allowedTransitions.includes('closed');
  if (!canReopen && !canClose) return null;
  return (
    <>
      <Group gap="sm">
        {canReopen && (
          <Button variant="default" onClick={() => setMove('open')}>
            {t('portal.reopen')}
          </Button>
        )}
        {canClose && (
          <Button variant="default" onClick={() => setMove('closed')}>
            {ticket.status === 'resolved' ? t('portal.confirmAction') : t('portal.withdrawAction')}
          </Button>
        )}
      </Group>
      {move && <MoveModal ticket={ticket} move={move} onClose={() => setMove(null)} />}
    </>
  );
}
