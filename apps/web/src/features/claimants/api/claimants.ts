import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api-client.ts'

export const claimantKeys = {
  all: () => ['claimants'] as const,
  list: (q: string) => ['claimants', 'list', { q }] as const,
  detail: (id: string) => ['claimants', 'detail', id] as const,
}

/** Claimants by name, a page at a time; `q` matches part of the name. */
export const claimantListQuery = (q: string) =>
  infiniteQueryOptions({
    queryKey: claimantKeys.list(q),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.claimants.$get({
          query: { ...(q ? { q } : {}), ...(pageParam ? { cursor: pageParam } : {}), limit: '100' },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })

/** One claimant with its track record: every claim it made and the verdicts on them. */
export const claimantDetailQuery = (id: string) =>
  queryOptions({
    queryKey: claimantKeys.detail(id),
    queryFn: () => unwrap(api.claimants[':id'].$get({ param: { id } })),
  })
