import type { Rating } from '@counterclaim/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, ifMatch, unwrap } from '../../../lib/api-client.ts'
import { workbenchKeys } from './workbench.ts'

/** A claim's independent ratings as the signed-in person may see them: others' only once both are in. */
export const claimRatingsQuery = (claimId: string) =>
  queryOptions({
    queryKey: workbenchKeys.ratings(claimId),
    queryFn: () => unwrap(api.claims[':id'].ratings.$get({ param: { id: claimId } })),
  })

/** Gives or changes your own rating of a claim (If-Match once you have rated). */
export function useRateClaim(claimId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { version: number | null; rating: Rating; note: string }) =>
      unwrap(
        api.claims[':id'].ratings.mine.$put(
          { param: { id: claimId }, header: {}, json: { rating: input.rating, note: input.note } },
          input.version === null ? undefined : ifMatch(input.version),
        ),
      ),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: workbenchKeys.ratings(claimId) }),
        client.invalidateQueries({ queryKey: workbenchKeys.histories() }),
      ]),
  })
}
