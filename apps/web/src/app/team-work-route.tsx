import type { Workbench, WorkbenchClaim } from '@counterclaim/shared'
import { useQueryClient } from '@tanstack/react-query'
import { type ComponentProps, useCallback } from 'react'
import { peopleQuery } from '../features/assignment/api/assignment.ts'
import { Assignees } from '../features/assignment/components/assignees.tsx'
import { AssignmentControl } from '../features/assignment/components/assignment-control.tsx'
import { BulkAssign } from '../features/assignment/components/bulk-assign.tsx'
import { type CommentSubject, CommentsPanel } from '../features/comments/components/comments-panel.tsx'
import { disputeKeys } from '../features/disputes/api/disputes.ts'
import type { DisputeListAssignment } from '../features/disputes/components/dispute-list-page.tsx'
import { myWorkKeys } from '../features/my-work/api/my-work.ts'
import { workbenchKeys } from '../features/workbench/api/workbench.ts'
import type { WorkbenchTeam } from '../features/workbench/components/workbench-page.tsx'
import { useSessionUser } from './layout.tsx'

/**
 * Team work composed into the screens it changes: an assignment saved anywhere is read again on the disputes
 * list, the workbench and my work, each through its own feature's keys.
 */
function useAssignmentChanged() {
  const client = useQueryClient()
  return useCallback(
    () =>
      Promise.all(
        [disputeKeys.all(), workbenchKeys.all(), myWorkKeys.all()].map((queryKey) =>
          client.invalidateQueries({ queryKey }),
        ),
      ),
    [client],
  )
}

function ListBulkAssign(props: ComponentProps<DisputeListAssignment['BulkAssign']>) {
  const changed = useAssignmentChanged()
  return <BulkAssign {...props} onChanged={() => void changed()} />
}

/** The disputes list's assignment: names and due dates on each row, and assigning several at once. */
export const LIST_ASSIGNMENT: DisputeListAssignment = { Assignees, BulkAssign: ListBulkAssign }

function WorkbenchAssignment({ dispute }: { dispute: Workbench }) {
  const changed = useAssignmentChanged()
  const client = useQueryClient()
  return (
    <AssignmentControl
      dispute={dispute}
      onSaved={changed}
      onReload={() => void client.invalidateQueries({ queryKey: workbenchKeys.detail(dispute.id) })}
    />
  )
}

function WorkbenchComments({
  workbench,
  claimLabel,
  subject,
  onSubject,
  focusRequest,
}: {
  workbench: Workbench
  claimLabel: (claim: WorkbenchClaim) => string
  subject: CommentSubject
  onSubject: (subject: CommentSubject) => void
  focusRequest: number
}) {
  const user = useSessionUser()
  const client = useQueryClient()
  return (
    <CommentsPanel
      disputeId={workbench.id}
      user={{ id: user.id, name: user.name }}
      claims={workbench.claims.map((c) => ({ id: c.id, label: claimLabel(c) }))}
      evidence={workbench.evidence.map((e) => ({ id: e.id, title: e.title }))}
      subject={subject}
      onSubject={onSubject}
      focusRequest={focusRequest}
      peopleQuery={peopleQuery}
      onPosted={() => void client.invalidateQueries({ queryKey: workbenchKeys.histories() })}
    />
  )
}

/** The workbench's team work: assignment near the title, comments under the evidence. */
export const WORKBENCH_TEAM: WorkbenchTeam = { Assignment: WorkbenchAssignment, Comments: WorkbenchComments }
