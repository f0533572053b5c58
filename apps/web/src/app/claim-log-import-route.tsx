import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { claimLogKeys } from '../features/claim-log/api/claim-log.ts'
import { ClaimLogImportPage } from '../features/claim-log-import/components/import-page.tsx'
import { claimantKeys } from '../features/claimants/api/claimants.ts'
import { disputeKeys } from '../features/disputes/api/disputes.ts'
import { searchKeys } from '../features/search/api/search.ts'
import { useSessionUser } from './layout.tsx'

/**
 * The import screen, composed with the screens an import changes: the claim log, the disputes list, the
 * claimants and search read again, each through its own feature's keys.
 */
export function ClaimLogImportRoute() {
  const client = useQueryClient()
  const onImported = useCallback(() => {
    for (const queryKey of [claimLogKeys.all(), disputeKeys.all(), claimantKeys.all(), searchKeys.all()]) {
      void client.invalidateQueries({ queryKey })
    }
  }, [client])
  return <ClaimLogImportPage user={useSessionUser()} onImported={onImported} />
}
