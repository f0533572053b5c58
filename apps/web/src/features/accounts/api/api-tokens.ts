import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api-client.ts'

export const apiTokenKeys = {
  all: () => ['api-tokens'] as const,
  list: () => ['api-tokens', 'list'] as const,
}

/** The signed-in user's own live API tokens (never the tokens themselves). */
export const apiTokenListQuery = () =>
  queryOptions({
    queryKey: apiTokenKeys.list(),
    queryFn: () => unwrap(api.tokens.$get()),
  })

export type ApiTokenInput = Parameters<typeof api.tokens.$post>[0]['json']

/** Makes a token; the answer carries the token itself, the only time it is ever shown. */
export function useCreateApiToken() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (json: ApiTokenInput) => unwrap(api.tokens.$post({ json })),
    onSuccess: () => client.invalidateQueries({ queryKey: apiTokenKeys.all() }),
  })
}

/** Revokes one of the user's tokens: whatever uses it stops working at once. */
export function useRevokeApiToken() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (token: { id: string; version: number }) =>
      unwrap(
        api.tokens[':id'].$delete({
          param: { id: token.id },
          header: { 'if-match': `"${token.version}"` },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: apiTokenKeys.all() }),
  })
}
