import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, ifMatch, unwrap } from '../../../lib/api-client.ts'

export const claimantKeys = {
  all: () => ['claimants'] as const,
  list: (q: string) => ['claimants', 'list', { q }] as const,
  search: (q: string) => ['claimants', 'search', { q }] as const,
  detail: (id: string) => ['claimants', 'detail', id] as const,
}

/** Claimants by name, a page at a time; `q` matches part of the name or of an alias. */
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

/** The first claimants a name or alias search finds (exact ones first), for choosing one. */
export const claimantSearchQuery = (q: string) =>
  queryOptions({
    queryKey: claimantKeys.search(q),
    queryFn: () => unwrap(api.claimants.$get({ query: { q: q || undefined, limit: '20' } })),
    staleTime: 10_000,
  })

/** One claimant with its track record: every claim it made and the verdicts on them. */
export const claimantDetailQuery = (id: string) =>
  queryOptions({
    queryKey: claimantKeys.detail(id),
    queryFn: () => unwrap(api.claimants[':id'].$get({ param: { id } })),
  })

export type ClaimantPatch = Parameters<(typeof api.claimants)[':id']['$patch']>[0]['json']

/** Changes a claimant (If-Match of the version the form was opened on). */
export function useUpdateClaimant(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { version: number; json: ClaimantPatch }) =>
      unwrap(
        api.claimants[':id'].$patch({ param: { id }, header: {}, json: input.json }, ifMatch(input.version)),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: claimantKeys.all() }),
  })
}

/** Merges a claimant into another (editors): answers the claimant merged into. */
export function useMergeClaimant(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { version: number; intoId: string }) =>
      unwrap(
        api.claimants[':id'].merge.$post(
          { param: { id }, header: {}, json: { intoId: input.intoId } },
          ifMatch(input.version),
        ),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: claimantKeys.all() }),
  })
}

/** Reads a claimant again after a conflict: the form then opens on the current version. */
export function useReloadClaimant(id: string) {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: claimantKeys.detail(id) })
}
