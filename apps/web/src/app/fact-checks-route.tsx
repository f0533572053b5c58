import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { FactCheckPage } from '../features/fact-checks/components/fact-check-page.tsx'
import { FactChecksPage } from '../features/fact-checks/components/fact-checks-page.tsx'
import { FeedsPage } from '../features/fact-checks/components/feeds-page.tsx'
import { searchKeys } from '../features/search/api/search.ts'
import { workbenchKeys } from '../features/workbench/api/workbench.ts'
import { useSessionUser } from './layout.tsx'

/**
 * The fact-check screens, composed with the screens their actions change: fact-checks brought in (by
 * import or a feed) are searchable, so search reads again; one attached to a dispute is new evidence on
 * that workbench. Loaded with the screens, so the shell stays small.
 */
function useComposition() {
  const client = useQueryClient()
  const onFactChecksChanged = useCallback(() => {
    void client.invalidateQueries({ queryKey: searchKeys.all() })
  }, [client])
  const onAttached = useCallback(
    (disputeId: string) => {
      void client.invalidateQueries({ queryKey: workbenchKeys.detail(disputeId) })
      void client.invalidateQueries({ queryKey: workbenchKeys.histories() })
    },
    [client],
  )
  return { onFactChecksChanged, onAttached }
}

export function FactChecksRoute() {
  const { onFactChecksChanged, onAttached } = useComposition()
  return <FactChecksPage user={useSessionUser()} onImported={onFactChecksChanged} onAttached={onAttached} />
}

export function FactCheckRoute() {
  return <FactCheckPage onAttached={useComposition().onAttached} />
}

export function FactCheckFeedsRoute() {
  return <FeedsPage user={useSessionUser()} onFetched={useComposition().onFactChecksChanged} />
}
