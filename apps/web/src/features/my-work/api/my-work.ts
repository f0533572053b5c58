import { queryOptions } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api-client.ts'

export const myWorkKeys = {
  all: () => ['my-work'] as const,
}

/** What waits for the signed-in user: assigned disputes, returned drafts, verdicts to review, mentions. */
export const myWorkQuery = () =>
  queryOptions({
    queryKey: myWorkKeys.all(),
    queryFn: () => unwrap(api.me.work.$get()),
    // Coming back to it after working elsewhere reads it again.
    staleTime: 0,
  })
