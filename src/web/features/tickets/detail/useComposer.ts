import { notifications } from '@mantine/notifications';
import { type RefObject, useState } from 'react';
import type { Ticket } from '../../../../contracts/tickets.js';
import { t } from '../../../i18n/t';
import { ticketApi, useRefreshTicket } from './api';
import { useComposerFiles } from './ComposerFiles';
import { statusLabel } from './labels';
import { applyFormat, type FormatName } from './MarkdownToolbar';

export type ComposerMode = 'public' | 'internal';

export const KEEP_STATUS = 'keep';

/** Statuses to move to after sending (closing is final, so it is not offered next to "send"). */
export function statusOptions(ticket: Ticket) {
  const moves = ticket.allowedTransitions.filter((status) => status !== 'closed');
  return [
    { value: KEEP_STATUS, label: t('ticket.composer.keepStatus') },
    ...moves.map((status) => ({ value: status, label: statusLabel(status) })),
  ];
}

/** Send, then move the status if asked (unless the reply itself already moved it there). */
async function send(
  ticketRef: string,
  input: { body: string; mode: ComposerMode; ids: string[]; status: string },
) {
  await ticketApi.reply(ticketRef, {
    body: input.body,
    visibility: input.mode,
    ...(input.ids.length ? { attachmentIds: input.ids } : {}),
  });
  if (input.status === KEEP_STATUS) return;
  const now = await ticketApi.lookup(ticketRef);
  if (now.status !== input.status) await ticketApi.transition(ticketRef, input.status);
}

/** The composer's state: text, files, status after sending, and the send itself. */
export function useComposer(
  ticketRef: string,
  mode: ComposerMode,
  textareaRef: RefObject<HTMLTextAreaElement | null>,
) {
  const refresh = useRefreshTicket(ticketRef);
  const files = useComposerFiles(ticketRef);
  const [body, setBodyText] = useState('');
  const [status, setStatus] = useState(KEEP_STATUS);
  const [tab, setTab] = useState<string | null>('write');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [empty, setEmpty] = useState(false);

  const setBody = (text: string) => {
    setBodyText(text);
    setEmpty(false);
  };

  const format = (name: FormatName) => {
    const area = textareaRef.current;
    const [start, end] = [area?.selectionStart ?? body.length, area?.selectionEnd ?? body.length];
    const next = applyFormat(body, start, end, name);
    setBody(next.text);
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(next.start, next.end);
    });
  };

  const reset = () => {
    setBodyText('');
    setStatus(KEEP_STATUS);
    setTab('write');
    files.clear();
  };

  const submit = async () => {
    if (busy) return;
    if (!body.trim()) return setEmpty(true);
    setBusy(true);
    setError(null);
    try {
      const ids = await files.uploadAll(mode);
      if (!ids) return;
      await send(ticketRef, { body: body.trim(), mode, ids, status });
      const message = mode === 'internal' ? 'ticket.composer.noteAdded' : 'ticket.composer.replySent';
      notifications.show({ color: 'tend', message: t(message) });
      reset();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      void refresh();
    }
  };

  return { body, setBody, status, setStatus, tab, setTab, busy, error, empty, files, format, submit };
}

export type ComposerState = ReturnType<typeof useComposer>;
