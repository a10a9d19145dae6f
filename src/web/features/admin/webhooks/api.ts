import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createWebhook,
  Webhook,
  WebhookDelivery,
  webhookWithSecret,
} from '../../../../contracts/webhooks.js';
import { api, type QueryParams } from '../../../app/api';
import { useCursorList } from '../../../ui/lists';

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: ['webhooks', 'list'] as const,
  one: (id: string) => ['webhooks', 'one', id] as const,
  deliveries: (id: string) => ['webhooks', 'one', id, 'deliveries'] as const,
};

export type WebhookInput = z.input<typeof createWebhook>;
export type WebhookWithSecret = z.infer<typeof webhookWithSecret>;

const path = (id: string, rest = '') => `/webhooks/${encodeURIComponent(id)}${rest}`;

export function useWebhookList(filters: QueryParams) {
  return useCursorList<Webhook>(webhookKeys.list, '/webhooks', filters);
}

export const webhookQuery = (id: string) =>
  queryOptions({ queryKey: webhookKeys.one(id), queryFn: () => api.get<Webhook>(path(id)) });

export function useDeliveries(id: string, filters: QueryParams) {
  return useCursorList<WebhookDelivery>(webhookKeys.deliveries(id), path(id, '/deliveries'), filters);
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: webhookKeys.all });
}

export function useCreateWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: WebhookInput) => api.post<WebhookWithSecret>('/webhooks', input),
    onSuccess: invalidate,
  });
}

export function useUpdateWebhook(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: Partial<WebhookInput>) => api.patch<Webhook>(path(id), input),
    onSuccess: invalidate,
  });
}

export function useDeleteWebhook(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(path(id)),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: webhookKeys.one(id) });
      return queryClient.invalidateQueries({ queryKey: webhookKeys.list });
    },
  });
}

export function useRotateSecret(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api.post<WebhookWithSecret>(path(id, '/rotate-secret')),
    onSuccess: invalidate,
  });
}

/** Test sends and retries are queued (202); the log shows their outcome when it refreshes. */
export function useSendTest(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api.post<WebhookDelivery>(path(id, '/test')),
    onSuccess: invalidate,
  });
}

export function useRetryDelivery(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      api.post<WebhookDelivery>(path(id, `/deliveries/${encodeURIComponent(deliveryId)}/retry`)),
    onSuccess: invalidate,
  });
}
