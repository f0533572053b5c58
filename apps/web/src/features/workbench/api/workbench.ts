import { queryOptions } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api-client.ts'

export const workbenchKeys = {
  all: () => ['workbench'] as const,
  detail: (disputeId: string) => ['workbench', 'detail', disputeId] as const,
  history: (entity: string, id: string) => ['workbench', 'history', entity, id] as const,
  claimantOptions: (q: string) => ['workbench', 'claimant-options', q] as const,
}

/** The whole workbench of one dispute: claims with claimants and verdicts, evidence, stances. */
export const workbenchQuery = (disputeId: string) =>
  queryOptions({
    queryKey: workbenchKeys.detail(disputeId),
    queryFn: () => unwrap(api.disputes[':id'].$get({ param: { id: disputeId } })),
  })
