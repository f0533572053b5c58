import type { WebhookCreate } from '@counterclaim/shared'
import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, ifMatch, unwrap } from '../../../lib/api-client.ts'

export const webhookKeys = {
  all: () => ['webhooks'] as const,
  list: () => ['webhooks', 'list'] as const,
  deliveries: (webhookId: string) => ['webhooks', 'deliveries', webhookId] as const,
}

/** The desk's webhooks (admins only). */
export const webhookListQuery = () =>
  infiniteQueryOptions({
    queryKey: webhookKeys.list(),
    queryFn: ({ pageParam }) =>
      unwrap(api.webhooks.$get({ query: { limit: '100', ...(pageParam ? { cursor: pageParam } : {}) } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })

/** How often a list with deliveries on their way reads again. */
const DELIVERY_POLL_MS = 5_000

/** What one webhook was sent, newest first, with each delivery's status and the receiver's last answer. */
export const deliveryListQuery = (webhookId: string) =>
  infiniteQueryOptions({
    queryKey: webhookKeys.deliveries(webhookId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.webhooks[':id'].deliveries.$get({
          param: { id: webhookId },
          query: { limit: '50', ...(pageParam ? { cursor: pageParam } : {}) },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 0,
    // While a delivery is on its way the list reads again by itself, so its outcome shows.
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) =>
        p.items.some((d) => d.status === 'pending' || d.status === 'retrying'),
      )
        ? DELIVERY_POLL_MS
        : false,
  })

export function useCreateWebhook() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (json: WebhookCreate) => unwrap(api.webhooks.$post({ json })),
    onSuccess: () => client.invalidateQueries({ queryKey: webhookKeys.list() }),
  })
}

export function useRemoveWebhook() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { id: string; version: number }) =>
      unwrap(api.webhooks[':id'].$delete({ param: { id: input.id }, header: {} }, ifMatch(input.version))),
    onSettled: () => client.invalidateQueries({ queryKey: webhookKeys.list() }),
  })
}

/** Sends a delivery again now (one that failed, or waits for its next try); answers after the attempt. */
export function useRetryDelivery(webhookId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        api.webhooks[':id'].deliveries[':deliveryId'].retry.$post({ param: { id: webhookId, deliveryId } }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: webhookKeys.deliveries(webhookId) }),
  })
}

/** A strong random secret for signing deliveries: 32 random bytes as 64 hexadecimal characters. */
export function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
