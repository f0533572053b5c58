import { DueDate } from '../../../components/due-date.tsx'
import { usePersonNames } from './people-chooser.tsx'
import './assignment.css'

/** Who is assigned to a dispute, by name, and its due date: one line for lists and the workbench. */
export function Assignees({ assigneeIds, dueOn }: { assigneeIds: readonly string[]; dueOn: string | null }) {
  const name = usePersonNames()
  if (assigneeIds.length === 0 && !dueOn) return <span className="assignees muted">No one assigned</span>
  return (
    <span className="assignees">
      {assigneeIds.length > 0 ? `Assigned: ${assigneeIds.map(name).join(', ')}` : 'No one assigned'}
      {dueOn ? (
        <>
          {' · '}
          <DueDate dueOn={dueOn} />
        </>
      ) : null}
    </span>
  )
}
