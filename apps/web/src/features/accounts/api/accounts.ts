import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api-client.ts'

export const accountKeys = {
  all: () => ['accounts'] as const,
  list: () => ['accounts', 'list'] as const,
}

/** Every account, by email, a page of 200 at a time (admins only). */
export const accountListQuery = () =>
  infiniteQueryOptions({
    queryKey: accountKeys.list(),
    queryFn: ({ pageParam }) =>
      unwrap(api.users.$get({ query: { limit: '200', ...(pageParam ? { cursor: pageParam } : {}) } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })

export type AccountInput = Parameters<typeof api.users.$post>[0]['json']
export type AccountPatch = Parameters<(typeof api.users)[':id']['$patch']>[0]['json']

export function useCreateAccount() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (json: AccountInput) => unwrap(api.users.$post({ json })),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKeys.all() }),
  })
}

/** Changes one account: role, disabled, or a new password (which signs that person out everywhere). */
export function useUpdateAccount() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { id: string; version: number; patch: AccountPatch }) =>
      unwrap(
        api.users[':id'].$patch({
          param: { id: input.id },
          header: { 'if-match': `"${input.version}"` },
          json: input.patch,
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: accountKeys.all() }),
  })
}

/** The signed-in user changes their own password; their other sessions end. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (json: { currentPassword: string; newPassword: string }) =>
      unwrap(api.auth.password.$post({ json })),
  })
}
