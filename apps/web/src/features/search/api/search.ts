import { queryOptions } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api-client.ts'

export const searchKeys = {
  all: () => ['search'] as const,
  results: (q: string) => ['search', 'results', { q }] as const,
}

/** The most hits one search shows; the API ranks them, best first. */
export const SEARCH_LIMIT = 50

/** The longest query the API takes. */
export const SEARCH_MAX_LENGTH = 500

/** The best hits for `q` among claims, claimants, evidence and verdicts. */
export const searchQuery = (q: string) =>
  queryOptions({
    queryKey: searchKeys.results(q),
    queryFn: () => unwrap(api.search.$get({ query: { q, limit: String(SEARCH_LIMIT) } })),
    enabled: q.length > 0,
  })
