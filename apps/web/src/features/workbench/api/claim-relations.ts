import type { ClaimRelation, ClaimRelationKind, Workbench } from '@counterclaim/shared'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, ifMatch, unwrap } from '../../../lib/api-client.ts'
import { workbenchKeys } from './workbench.ts'

/** The relation between two claims, whichever order they are named in (stored with the smaller id first). */
export function relationOf(
  relations: readonly ClaimRelation[],
  claimId: string,
  otherClaimId: string,
): ClaimRelation | undefined {
  const [low, high] = [claimId, otherClaimId].sort()
  return relations.find((r) => r.claimId === low && r.otherClaimId === high)
}

/** One decision on a relation: its kind (null clears it), and its note when the person changed it. */
export interface RelationChoice {
  kind: ClaimRelationKind | null
  note?: string
}

/**
 * Sets how two claims relate: one call is one PUT (If-Match of the pair's relation once it has one), then
 * the workbench and its history panels read again. The pair's writes run one after another.
 */
export function useSetRelation(
  disputeId: string,
  pair: { claimId: string; otherClaimId: string },
  onFailure: (error: Error) => void,
) {
  const client = useQueryClient()
  const { claimId, otherClaimId } = pair
  return useMutation({
    scope: { id: `relation:${[claimId, otherClaimId].sort().join('/')}` },
    mutationFn: ({ kind, note }: RelationChoice) => {
      // Read at run time, so a change queued behind another sends the version that one produced.
      const current = relationOf(
        client.getQueryData<Workbench>(workbenchKeys.detail(disputeId))?.relations ?? [],
        claimId,
        otherClaimId,
      )
      return unwrap(
        api['claim-relations'].$put(
          { header: {}, json: { claimId, otherClaimId, kind, ...(note === undefined ? {} : { note }) } },
          current ? ifMatch(current.version) : undefined,
        ),
      )
    },
    onSuccess: (record) => {
      const now = client.getQueryData<Workbench>(workbenchKeys.detail(disputeId))
      if (now) {
        const others = now.relations.filter((r) => r.id !== record.id)
        client.setQueryData<Workbench>(workbenchKeys.detail(disputeId), {
          ...now,
          relations: [...others, record],
        })
      }
      return Promise.all([
        client.invalidateQueries({ queryKey: workbenchKeys.detail(disputeId) }),
        client.invalidateQueries({ queryKey: workbenchKeys.histories() }),
      ])
    },
    onError: onFailure,
  })
}
