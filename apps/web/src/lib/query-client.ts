import { QueryClient } from '@tanstack/react-query'
import { ApiError } from './api-client.ts'

/** The one QueryClient: no retries on answers that will not change by retrying. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
})
