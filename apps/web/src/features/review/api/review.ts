import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { ApiError, api, ifMatch, unwrap } from '../../../lib/api-client.ts'

export const reviewKeys = {
  all: () => ['review'] as const,
  queue: () => ['review', 'queue'] as const,
  dispute: (disputeId: string) => ['review', 'dispute', disputeId] as const,
  viewer: () => ['review', 'viewer'] as const,
}

/** Verdicts waiting for an editor: the claim log's rows whose verdict is in review. */
export const reviewQueueQuery = () =>
  infiniteQueryOptions({
    queryKey: reviewKeys.queue(),
    queryFn: ({ pageParam }) =>
      unwrap(
        api['claim-log'].$get({
          query: { status: 'in_review', limit: '50', ...(pageParam ? { cursor: pageParam } : {}) },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })

/**
 * The dispute a verdict in review belongs to: its claims carry the verdicts with their versions (for
 * If-Match), authors, submission times and rationales.
 */
export const reviewDisputeQuery = (disputeId: string) =>
  queryOptions({
    queryKey: reviewKeys.dispute(disputeId),
    queryFn: () => unwrap(api.disputes[':id'].$get({ param: { id: disputeId } })),
  })

/** Who is reviewing: the role decides whether the queue's actions are offered at all. */
export const viewerQuery = () =>
  queryOptions({
    queryKey: reviewKeys.viewer(),
    queryFn: async () => (await unwrap(api.auth.me.$get())).user,
    staleTime: 60_000,
  })

/**
 * After a verdict moves, every screen that shows it reads again; the session is left alone. Not awaited: the
 * item acted on leaves the queue with the refetch, and the caller's own onSuccess must run before that.
 */
function useRefreshAfterChange() {
  const client = useQueryClient()
  return () => {
    void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' })
  }
}

export interface VerdictRef {
  claimId: string
  disputeId: string
  version: number
}

/** Publishes a verdict in review, if it is still at the version the editor read. */
export function usePublishVerdict() {
  const refresh = useRefreshAfterChange()
  return useMutation({
    mutationFn: (ref: VerdictRef) =>
      unwrap(
        api.claims[':id'].verdict.publish.$post(
          { param: { id: ref.claimId }, header: {} },
          ifMatch(ref.version),
        ),
      ),
    onSuccess: refresh,
  })
}

/** Returns a verdict in review to its author with a note, if it is still at the version the editor read. */
export function useReturnVerdict() {
  const refresh = useRefreshAfterChange()
  return useMutation({
    mutationFn: ({ note, ...ref }: VerdictRef & { note: string }) =>
      unwrap(
        api.claims[':id'].verdict.return.$post(
          { param: { id: ref.claimId }, header: {}, json: { note } },
          ifMatch(ref.version),
        ),
      ),
    onSuccess: refresh,
  })
}

/** Reads the dispute again after a stale version (412), so the next attempt carries the current one. */
export function useReloadDispute() {
  const client = useQueryClient()
  return (disputeId: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: reviewKeys.dispute(disputeId) }),
      client.invalidateQueries({ queryKey: reviewKeys.queue() }),
    ])
}

/** True when the answer was a stale If-Match. */
export const isConflict = (error: unknown) => error instanceof ApiError && error.status === 412
