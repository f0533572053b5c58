import { queryOptions } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api-client.ts'

export const agreementKeys = {
  all: () => ['agreement'] as const,
  period: (from: string, to: string) => ['agreement', from, to] as const,
}

/** How often independent raters agreed over a period (YYYY-MM-DD, by the day the second rating came in). */
export const agreementQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: agreementKeys.period(from, to),
    queryFn: () => unwrap(api.ratings.agreement.$get({ query: { from, to } })),
  })
