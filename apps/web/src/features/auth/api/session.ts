import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { ApiError, api, unwrap } from '../../../lib/api-client.ts'

export const authKeys = {
  me: () => ['auth', 'me'] as const,
}

/** The signed-in user and the desk's workflow settings, or null when signed out. */
export const meQuery = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: async () => {
      try {
        return await unwrap(api.auth.me.$get())
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null
        throw err
      }
    },
    staleTime: 60_000,
  })

export function useSignIn() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => unwrap(api.auth.login.$post({ json: input })),
    onSuccess: (data) => {
      // Another user's cached data must not survive a sign-in; the session query is kept and replaced.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' })
      client.setQueryData(authKeys.me(), data)
    },
  })
}

export function useSignOut() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => unwrap(api.auth.logout.$post()),
    onSettled: () => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' })
      client.setQueryData(authKeys.me(), null)
    },
  })
}
