import { queryOptions } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api-client.ts'

export interface DisputeFilters {
  q?: string
  status?: 'open' | 'closed'
  tag?: string
}

export const disputeKeys = {
  all: () => ['disputes'] as const,
  list: (filters: DisputeFilters) => ['disputes', 'list', filters] as const,
  detail: (id: string) => ['disputes', 'detail', id] as const,
}

export const disputeListQuery = (filters: DisputeFilters) =>
  queryOptions({
    queryKey: disputeKeys.list(filters),
    queryFn: () => unwrap(api.disputes.$get({ query: { ...filters } })),
  })
