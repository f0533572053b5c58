import { ClaimLogPage } from '../features/claim-log/components/claim-log-page.tsx'
import { ImportLink } from '../features/claim-log-import/components/import-link.tsx'
import { useSessionUser } from './layout.tsx'

/** The claim log, with the way to the import screen for those who may import. */
export function ClaimLogRoute() {
  return <ClaimLogPage importLink={<ImportLink user={useSessionUser()} />} />
}
