import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { inboundMessage, inboundMessageDetail } from '../../../../contracts/channels.js';
import { api, type QueryParams } from '../../../app/api';
import { useCursorList } from '../../../ui/lists';

export type InboundMessage = z.infer<typeof inboundMessage>;
export type InboundDetail = z.infer<typeof inboundMessageDetail>;

const keys = {
  all: ['inbound-mail'] as const,
  list: ['inbound-mail', 'list'] as const,
  one: (id: string) => ['inbound-mail', 'one', id] as const,
};
const path = (id: string, rest = '') => `/channels/email/messages/${encodeURIComponent(id)}${rest}`;

export function useInboundList(filters: QueryParams) {
  return useCursorList<InboundMessage>(keys.list, '/channels/email/messages', filters);
}

export const inboundQuery = (id: string) =>
  queryOptions({ queryKey: keys.one(id), queryFn: () => api.get<InboundDetail>(path(id)) });

/** Process a message that waited for review (or was ignored) again, e.g. after adding its sender. */
export function useReprocess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<InboundDetail>(path(id, '/reprocess')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

/** Only these may be processed again (the server says 409 for the rest). */
export const canReprocess = (message: InboundMessage) =>
  message.status === 'review' || message.status === 'ignored';
