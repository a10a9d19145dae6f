import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createMailbox, Mailbox } from '../../../../contracts/channels.js';
import { api } from '../../../app/api';
import { useCursorList } from '../../../ui/lists';

export const mailboxKeys = { all: ['mailboxes'] as const, list: ['mailboxes', 'list'] as const };

export type MailboxInput = z.input<typeof createMailbox>;

const path = (id: string) => `/channels/email/mailboxes/${encodeURIComponent(id)}`;

export function useMailboxList() {
  return useCursorList<Mailbox>(mailboxKeys.list, '/channels/email/mailboxes', {});
}

export function useSaveMailbox(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    // The address is a mailbox's identity: it is set once and never sent on an update.
    mutationFn: (input: MailboxInput) => {
      if (!id) return api.post<Mailbox>('/channels/email/mailboxes', input);
      const { address: _address, ...changes } = input;
      return api.patch<Mailbox>(path(id), changes);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailboxKeys.all }),
  });
}

export function useDeleteMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mailbox: Mailbox) => api.delete(path(mailbox.id)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailboxKeys.all }),
  });
}
