import type { DisputeStatus } from '@counterclaim/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api-client.ts'

export interface DisputeFilters {
  q?: string
  status?: DisputeStatus
  tag?: string
}

export const disputeKeys = {
  all: () => ['disputes'] as const,
  list: (filters: DisputeFilters) => ['disputes', 'list', filters] as const,
}

export const disputeListQuery = (filters: DisputeFilters) =>
  queryOptions({
    queryKey: disputeKeys.list(filters),
    queryFn: () => unwrap(api.disputes.$get({ query: { ...filters, limit: '200' } })),
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
