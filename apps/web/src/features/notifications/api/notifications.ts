import type { NotificationsRead } from '@counterclaim/shared'
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api-client.ts'

export const notificationKeys = {
  all: () => ['notifications'] as const,
  unread: () => ['notifications', 'unread'] as const,
  list: () => ['notifications', 'list'] as const,
}

/** How often the header asks for the unread count: modest, since the count is a glance, not a feed. */
export const UNREAD_POLL_MS = 30_000

/** How many of the user's notifications are unread: one short page's `unread`, asked for every 30 s and on focus. */
export const unreadCountQuery = () =>
  queryOptions({
    queryKey: notificationKeys.unread(),
    queryFn: async () => (await unwrap(api.notifications.$get({ query: { limit: '1' } }))).unread,
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
  })

/** The user's notifications, newest first, 30 at a time. */
export const notificationListQuery = () =>
  infiniteQueryOptions({
    queryKey: notificationKeys.list(),
    queryFn: ({ pageParam }) =>
      unwrap(api.notifications.$get({ query: { limit: '30', ...(pageParam ? { cursor: pageParam } : {}) } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 0,
  })

/** Marks some notifications, or all of them, read; the count and the list read again. */
export function useMarkRead() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (json: NotificationsRead) => unwrap(api.notifications.read.$post({ json })),
    onSuccess: (result) => {
      client.setQueryData(notificationKeys.unread(), result.unread)
      return client.invalidateQueries({ queryKey: notificationKeys.list() })
    },
  })
}
