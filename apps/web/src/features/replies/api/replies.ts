import type { ReplyAttemptCreate, ReplyAttemptPatch } from '@counterclaim/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, ifMatch, unwrap } from '../../../lib/api-client.ts'

export const replyKeys = {
  all: () => ['replies'] as const,
  list: (claimId: string) => ['replies', 'list', claimId] as const,
}

/** A claim's right-of-reply log, in the order the desk asked. */
export const replyListQuery = (claimId: string) =>
  queryOptions({
    queryKey: replyKeys.list(claimId),
    queryFn: () => unwrap(api.claims[':id'].replies.$get({ param: { id: claimId }, query: {} })),
  })

/** Logs an attempt to reach the claimant; its own id makes a retry safe. */
export function useAddReply(claimId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (json: ReplyAttemptCreate & { id: string }) =>
      unwrap(api.claims[':id'].replies.$post({ param: { id: claimId }, json })),
    onSettled: () => client.invalidateQueries({ queryKey: replyKeys.list(claimId) }),
  })
}

/** Records the reply, corrects an entry, or takes it off the log (and back). */
export function useUpdateReply(claimId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, version, json }: { id: string; version: number; json: ReplyAttemptPatch }) =>
      unwrap(api.replies[':id'].$patch({ param: { id }, header: {}, json }, ifMatch(version))),
    onSettled: () => client.invalidateQueries({ queryKey: replyKeys.list(claimId) }),
  })
}
