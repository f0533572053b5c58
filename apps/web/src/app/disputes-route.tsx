import { DisputeListPage } from '../features/disputes/components/dispute-list-page.tsx'
import { useDeskSettings } from './layout.tsx'
import { LIST_ASSIGNMENT } from './team-work-route.tsx'

/** The disputes list, composed with assignment: who is on each, and assigning several at once. */
export function DisputesRoute() {
  return (
    <DisputeListPage
      assignment={LIST_ASSIGNMENT}
      independentByDefault={useDeskSettings().independentRatings}
    />
  )
}
