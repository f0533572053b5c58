import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { claimLogKeys } from '../features/claim-log/api/claim-log.ts'
import { claimantKeys } from '../features/claimants/api/claimants.ts'
import { disputeKeys } from '../features/disputes/api/disputes.ts'
import { ReviewQueuePage } from '../features/review/components/review-queue-page.tsx'
import { searchKeys } from '../features/search/api/search.ts'
import { workbenchKeys, workbenchQuery } from '../features/workbench/api/workbench.ts'
import { useDeskSettings, useSessionUser } from './layout.tsx'

/**
 * The review queue, composed with the screens its actions change: a verdict published, returned or corrected
 * there is read again wherever it shows (workbench, claim log, disputes list, claimant pages, search), each
 * through its own feature's keys. The queue reads whole disputes through the workbench's query. Loaded with the queue, so the shell stays small.
 */
export function ReviewRoute() {
  const client = useQueryClient()
  const onVerdictsChanged = useCallback(() => {
    for (const queryKey of [
      workbenchKeys.all(),
      claimLogKeys.all(),
      disputeKeys.all(),
      claimantKeys.all(),
      searchKeys.all(),
    ]) {
      void client.invalidateQueries({ queryKey })
    }
  }, [client])
  return (
    <ReviewQueuePage
      user={useSessionUser()}
      desk={useDeskSettings()}
      disputeQuery={workbenchQuery}
      onVerdictsChanged={onVerdictsChanged}
    />
  )
}
