import type { DisputeStatus } from '@counterclaim/shared'
import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api-client.ts'

export interface DisputeFilters {
  q?: string
  status?: DisputeStatus
  tag?: string
  /** `me`: only the disputes assigned to the signed-in user. */
  assignee?: 'me'
}

export const disputeKeys = {
  all: () => ['disputes'] as const,
  list: (filters: DisputeFilters) => ['disputes', 'list', filters] as const,
}

/** Disputes, newest change first, a page of 100 at a time. */
export const disputeListQuery = (filters: DisputeFilters) =>
  infiniteQueryOptions({
    queryKey: disputeKeys.list(filters),
    queryFn: ({ pageParam }) =>
      unwrap(api.disputes.$get({ query: { ...filters, limit: '100', cursor: pageParam ?? undefined } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Verdicts change on the workbench: coming back to the list reads it again.
    staleTime: 0,
  })

export type DisputeInput = Parameters<typeof api.disputes.$post>[0]['json']

export function useCreateDispute() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (json: DisputeInput) => unwrap(api.disputes.$post({ json })),
    onSuccess: () => client.invalidateQueries({ queryKey: disputeKeys.all() }),
  })
}
