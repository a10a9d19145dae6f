import { Alert, Button, Group, List, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { Ticket } from '../../../../contracts/tickets.js';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { ticketApi, useRefreshTicket } from './api';
import { statusLabel } from './labels';

type Props = { ticket: Ticket; ticketRef: string; opened: boolean; onClose: () => void };

/** What a merge does, said before it happens (it cannot be undone). */
function WhatMoves({ ticket, target }: { ticket: Ticket; target: Ticket }) {
  return (
    <Alert color="blue" variant="light" title={t('ticket.merge.whatMoves')}>
      <List size="sm" spacing={4}>
        <List.Item>{t('ticket.merge.moveMessages', { from: ticket.number, into: target.number })}</List.Item>
        <List.Item>{t('ticket.merge.moveWatchers', { into: target.number })}</List.Item>
        <List.Item>{t('ticket.merge.closes', { from: ticket.number, into: target.number })}</List.Item>
        <List.Item>{t('ticket.merge.final')}</List.Item>
      </List>
    </Alert>
  );
}

/** Look the target up first (so the person sees which ticket it is), then merge and go there. */
function useMerge(ticketRef: string, onClose: () => void) {
  const navigate = useNavigate();
  const refresh = useRefreshTicket(ticketRef);
  const [target, setTarget] = useState<Ticket | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const lookUp = (into: string) =>
    attempt(async () => {
      setTarget(null);
      if (into.trim()) setTarget(await ticketApi.lookup(into.trim()));
    });
  const merge = (reason: string) =>
    attempt(async () => {
      if (!target) return;
      const result = await ticketApi.merge(ticketRef, target.number, reason.trim() || undefined);
      const { messages = 0, attachments = 0, watchers = 0 } = result.moved;
      notifications.show({
        color: 'tend',
        message: t('ticket.merge.done', { into: result.into.number, messages, attachments, watchers }),
      });
      void refresh();
      onClose();
      await navigate({ to: '/tickets/$ref', params: { ref: result.into.number } });
    });
  return { target, clearTarget: () => setTarget(null), error, busy, lookUp, merge };
}

function TargetLookup({
  busy,
  onLookUp,
  onEdit,
}: {
  busy: boolean;
  onLookUp: (into: string) => void;
  onEdit: () => void;
}) {
  const [into, setInto] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onLookUp(into);
      }}
    >
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('ticket.merge.target')}
          placeholder="T-10234"
          value={into}
          onChange={(event) => {
            setInto(event.currentTarget.value);
            onEdit();
          }}
          data-autofocus
          required
        />
        <Button type="submit" variant="default" loading={busy}>
          {t('ticket.merge.lookUp')}
        </Button>
      </Group>
    </form>
  );
}

function MergeForm({ ticket, ticketRef, onClose }: Omit<Props, 'opened'>) {
  const [reason, setReason] = useState('');
  const { target, clearTarget, error, busy, lookUp, merge } = useMerge(ticketRef, onClose);
  return (
    <Stack>
      <Text size="sm">{t('ticket.merge.intro', { number: ticket.number })}</Text>
      <TargetLookup busy={busy && !target} onLookUp={(into) => void lookUp(into)} onEdit={clearTarget} />
      {target && (
        <>
          <Text size="sm" fw={600}>
            {t('ticket.merge.targetLine', {
              number: target.number,
              subject: target.subject,
              status: statusLabel(target.status),
            })}
          </Text>
          <WhatMoves ticket={ticket} target={target} />
          <Textarea
            label={t('ticket.merge.reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
        </>
      )}
      {error ? <ErrorAlert error={error} /> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          color="red.9"
          onClick={() => merge(reason)}
          disabled={!target}
          loading={busy && Boolean(target)}
        >
          {target ? t('ticket.merge.confirm', { into: target.number }) : t('ticket.merge.confirmPlain')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Merge this ticket (a duplicate) into another: pick the target, see what moves, confirm. */
export function MergeModal({ opened, onClose, ...rest }: Props) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('ticket.merge.title', { number: rest.ticket.number })}
      size="lg"
    >
      {opened && <MergeForm {...rest} onClose={onClose} />}
    </Modal>
  );
}
