import type { Workbench } from '@counterclaim/shared'
import {
  infiniteQueryOptions,
  type QueryKey,
  type UseQueryOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query'
import { ApiError, api, ifMatch, unwrap } from '../../../lib/api-client.ts'

export const reviewKeys = {
  all: () => ['review'] as const,
  queue: () => ['review', 'queue'] as const,
  corrections: () => ['review', 'corrections'] as const,
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
 * If-Match), authors, submission times and rationales. The record and its query keys belong to the workbench,
 * so the shell passes the workbench's query in (features do not import one another) and both screens share
 * one cache entry.
 */
export type DisputeQuery<K extends QueryKey = QueryKey> = (
  disputeId: string,
) => UseQueryOptions<Workbench, Error, Workbench, K>

/** Rating changes proposed under the two-person rule, waiting for a second editor, longest-waiting first. */
export const pendingCorrectionsQuery = () =>
  infiniteQueryOptions({
    queryKey: reviewKeys.corrections(),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.corrections.pending.$get({
          query: { limit: '50', ...(pageParam ? { cursor: pageParam } : {}) },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })

/**
 * After a verdict moves, the queue reads again, and `onVerdictsChanged` (from the shell, which knows the other
 * screens' query keys) refreshes every other screen that shows verdicts. Not awaited: the item acted on leaves
 * the queue with the refetch, and the caller's own onSuccess must run before that.
 */
function useRefreshAfterChange(onVerdictsChanged: () => void) {
  const client = useQueryClient()
  return () => {
    void client.invalidateQueries({ queryKey: reviewKeys.all() })
    onVerdictsChanged()
  }
}

export interface VerdictRef {
  claimId: string
  disputeId: string
  version: number
}

/** Publishes a verdict in review, if it is still at the version the editor read. */
export function usePublishVerdict(onVerdictsChanged: () => void) {
  const refresh = useRefreshAfterChange(onVerdictsChanged)
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
export function useReturnVerdict(onVerdictsChanged: () => void) {
  const refresh = useRefreshAfterChange(onVerdictsChanged)
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

export interface CorrectionRef {
  claimId: string
  correctionId: string
  /** The verdict's version, for If-Match. */
  version: number
}

/** Applies a rating change another editor proposed, if the verdict is still at the version read. */
export function useApproveCorrection(onVerdictsChanged: () => void) {
  const refresh = useRefreshAfterChange(onVerdictsChanged)
  return useMutation({
    mutationFn: (ref: CorrectionRef) =>
      unwrap(
        api.claims[':id'].verdict.corrections[':correctionId'].approve.$post(
          { param: { id: ref.claimId, correctionId: ref.correctionId }, header: {} },
          ifMatch(ref.version),
        ),
      ),
    onSuccess: refresh,
  })
}

/** Turns a proposed rating change down with a note (the proposer's doing so takes it back); nothing is published. */
export function useRejectCorrection(onVerdictsChanged: () => void) {
  const refresh = useRefreshAfterChange(onVerdictsChanged)
  return useMutation({
    mutationFn: ({ note, ...ref }: CorrectionRef & { note: string }) =>
      unwrap(
        api.claims[':id'].verdict.corrections[':correctionId'].reject.$post(
          { param: { id: ref.claimId, correctionId: ref.correctionId }, header: {}, json: { note } },
          ifMatch(ref.version),
        ),
      ),
    onSuccess: refresh,
  })
}

/** Reads the pending corrections again after a stale version (412), so the next attempt carries the current one. */
export function useReloadCorrections() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: reviewKeys.corrections() })
}

/** Reads the dispute again after a stale version (412), so the next attempt carries the current one. */
export function useReloadDispute<K extends QueryKey>(disputeQuery: DisputeQuery<K>) {
  const client = useQueryClient()
  return (disputeId: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: disputeQuery(disputeId).queryKey }),
      client.invalidateQueries({ queryKey: reviewKeys.queue() }),
    ])
}

/** True when the answer was a stale If-Match. */
export const isConflict = (error: unknown) => error instanceof ApiError && error.status === 412
