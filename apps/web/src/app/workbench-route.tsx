import { useQueryClient } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { commentKeys } from '../features/comments/api/comments.ts'
import { ClaimFormMatches } from '../features/matches/components/claim-form-matches.tsx'
import { ClaimMatches } from '../features/matches/components/claim-matches.tsx'
import { replyKeys } from '../features/replies/api/replies.ts'
import { ClaimReplies } from '../features/replies/components/claim-replies.tsx'
import { type WorkbenchMatching, WorkbenchPage } from '../features/workbench/components/workbench-page.tsx'
import { useDeskSettings, useSessionUser } from './layout.tsx'
import { WORKBENCH_TEAM } from './team-work-route.tsx'

const MATCHING: WorkbenchMatching = { FormPanel: ClaimFormMatches, ColumnMatches: ClaimMatches }

/**
 * The workbench, composed with claim matching (matches under a new claim's text and in each claim's column)
 * team work (assignment near the title, comments under the evidence) and each claim's right-of-reply log.
 * It gets the signed-in user and the desk's settings from the shell: its actions depend on both. Loaded
 * with the workbench, so the shell stays small.
 */
export function WorkbenchRoute() {
  const client = useQueryClient()
  const { id = '' } = useParams()
  return (
    <WorkbenchPage
      user={useSessionUser()}
      desk={useDeskSettings()}
      matching={MATCHING}
      team={WORKBENCH_TEAM}
      replies={ClaimReplies}
      onLiveChange={(event) => {
        // A colleague's comment reaches the comments panel as their other changes reach the workbench.
        if (event.entity === 'comment') client.invalidateQueries({ queryKey: commentKeys.list(id) })
        if (event.entity === 'reply_attempt') client.invalidateQueries({ queryKey: replyKeys.all() })
      }}
    />
  )
}
