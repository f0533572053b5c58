import type { Comment, CommentCreate, CommentList, Person } from '@counterclaim/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api-client.ts'

export const commentKeys = {
  all: () => ['comments'] as const,
  list: (disputeId: string) => ['comments', 'list', disputeId] as const,
}

/** How many comments of a dispute are read at once. */
const PAGE = '200'

/** A dispute's comments, oldest first, as a conversation reads (the API's order). */
export const commentListQuery = (disputeId: string) =>
  queryOptions({
    queryKey: commentKeys.list(disputeId),
    queryFn: () =>
      unwrap(api.disputes[':id'].comments.$get({ param: { id: disputeId }, query: { limit: PAGE } })),
  })

/** A comment not yet acknowledged by the server: shown at once, marked as being sent. */
export interface PendingComment extends Comment {
  pending: true
}

/**
 * Posts a comment. It shows in the list at once (with its own id, so a retry cannot post it twice), and is
 * taken out again if the server refuses it; the form keeps the text then.
 */
export function useAddComment(disputeId: string, author: Person) {
  const client = useQueryClient()
  const key = commentKeys.list(disputeId)
  return useMutation({
    mutationFn: (json: CommentCreate & { id: string }) =>
      unwrap(api.disputes[':id'].comments.$post({ param: { id: disputeId }, json })),
    onMutate: async (json) => {
      await client.cancelQueries({ queryKey: key })
      const now = new Date().toISOString()
      const pending: PendingComment = {
        id: json.id,
        disputeId,
        claimId: json.claimId ?? null,
        evidenceId: json.evidenceId ?? null,
        author,
        body: json.body,
        mentions: [],
        createdAt: now,
        updatedAt: now,
        version: 0,
        pending: true,
      }
      client.setQueryData<CommentList>(key, (list) =>
        list ? { ...list, items: [...list.items, pending] } : { items: [pending], nextCursor: null },
      )
    },
    onError: (_err, json) => {
      client.setQueryData<CommentList>(key, (list) =>
        list ? { ...list, items: list.items.filter((c) => c.id !== json.id) } : list,
      )
    },
    onSuccess: (comment) => {
      client.setQueryData<CommentList>(key, (list) =>
        list ? { ...list, items: list.items.map((c) => (c.id === comment.id ? comment : c)) } : list,
      )
    },
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  })
}
