import { type FormEvent, useId, useRef, useState } from 'react'
import { Field, Form } from '../../../components/field.tsx'
import { type AssignTarget, addAssignees, type BulkOutcome } from '../api/assignment.ts'
import { PeopleChooser } from './people-chooser.tsx'

const disputesWord = (n: number) => (n === 1 ? '1 dispute' : `${n} disputes`)

/** "Assigned 3 disputes; 1 changed meanwhile and was not changed": how a bulk assignment ended, in words. */
export function bulkSummary(outcomes: readonly BulkOutcome[]): string {
  const count = (kind: BulkOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length
  const parts = [`Assigned ${disputesWord(count('assigned'))}`]
  if (count('unchanged')) parts.push(`${disputesWord(count('unchanged'))} already had everyone chosen`)
  if (count('conflict'))
    parts.push(
      `${count('conflict')} changed meanwhile and ${count('conflict') === 1 ? 'was' : 'were'} not changed`,
    )
  const failed = outcomes.flatMap((o) => (o.kind === 'failed' ? [o.message] : []))
  if (failed.length) parts.push(`${failed.length} could not be assigned: ${[...new Set(failed)].join(' ')}`)
  return `${parts.join('; ')}.`
}

/**
 * Assigns several disputes at once: people added to those already on each, and optionally a due date. Each
 * dispute is changed with its own version, one after another, with progress shown; a dispute changed
 * meanwhile is read again and tried once more.
 */
export function BulkAssign({
  disputes,
  onChanged,
  onClose,
}: {
  disputes: readonly AssignTarget[]
  /** After the last one: every screen that shows assignments reads again. */
  onChanged: () => void
  onClose: (summary: string | null) => void
}) {
  const [people, setPeople] = useState<string[]>([])
  const [dueOn, setDueOn] = useState('')
  const [progress, setProgress] = useState<{ done: number; outcomes: BulkOutcome[] } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const headingId = useId()
  const running = useRef(false)
  const working = progress !== null && progress.done < disputes.length

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (running.current) return
    if (people.length === 0 && !dueOn) {
      setProblem('Choose at least one person, or a due date.')
      return
    }
    setProblem(null)
    running.current = true
    const outcomes: BulkOutcome[] = []
    setProgress({ done: 0, outcomes })
    for (const target of disputes) {
      outcomes.push(await addAssignees(target, people, dueOn || null))
      setProgress({ done: outcomes.length, outcomes: [...outcomes] })
    }
    running.current = false
    onChanged()
    onClose(bulkSummary(outcomes))
  }

  return (
    <Form className="panel form-grid bulk-assign" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>Assign {disputesWord(disputes.length)}</h2>
      <p className="muted small">
        The people you choose are added to those already assigned to each dispute.
      </p>
      <PeopleChooser legend="People to add" chosen={people} onChange={setPeople} problem={problem} />
      <Field
        label="Due date"
        labelNote=" (optional)"
        path="dueOn"
        type="date"
        value={dueOn}
        onChange={(e) => setDueOn(e.target.value)}
        hint="Leave it empty to keep each dispute’s own due date."
      />
      <p role="status" className="small">
        {working && progress
          ? `Assigning ${Math.min(progress.done + 1, disputes.length)} of ${disputes.length}…`
          : ''}
      </p>
      <div className="actions">
        <button type="submit" className="primary" disabled={working}>
          {working ? 'Assigning…' : `Assign ${disputesWord(disputes.length)}`}
        </button>
        <button type="button" disabled={working} onClick={() => onClose(null)}>
          Cancel
        </button>
      </div>
    </Form>
  )
}
