import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, ifMatch, unwrap } from '../../../lib/api-client.ts'
import { factCheckKeys } from './fact-checks.ts'

/** The feeds the desk polls, by address, a page of 200 at a time (admins only). */
export const feedListQuery = () =>
  infiniteQueryOptions({
    queryKey: factCheckKeys.feeds(),
    queryFn: ({ pageParam }) =>
      unwrap(
        api['fact-check-feeds'].$get({
          query: { limit: '200', ...(pageParam ? { cursor: pageParam } : {}) },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })

export type FeedInput = Parameters<(typeof api)['fact-check-feeds']['$post']>[0]['json']

/** Subscribes to a feed; its first fetch is due at once. */
export function useSubscribeFeed() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (json: FeedInput) => unwrap(api['fact-check-feeds'].$post({ json })),
    onSuccess: () => client.invalidateQueries({ queryKey: factCheckKeys.feeds() }),
  })
}

/**
 * Fetches a feed now. What it brought changes the lists and facets too, so every fact-check query is read
 * again (the feeds among them).
 */
export function useFetchFeedNow(onFetched?: () => void) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => unwrap(api['fact-check-feeds'][':id'].fetch.$post({ param: { id } })),
    onSuccess: () => {
      onFetched?.()
      return client.invalidateQueries({ queryKey: factCheckKeys.all() })
    },
  })
}

/** Unsubscribes from a feed (If-Match); the fact-checks it brought stay. */
export function useRemoveFeed() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { id: string; version: number }) =>
      unwrap(
        api['fact-check-feeds'][':id'].$delete(
          { param: { id: input.id }, header: {} },
          ifMatch(input.version),
        ),
      ),
    // A 412 or 409 means the list is out of date: it is read again whatever the answer.
    onSettled: () => client.invalidateQueries({ queryKey: factCheckKeys.feeds() }),
  })
}
