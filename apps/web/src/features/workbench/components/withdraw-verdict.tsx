import { LIMITS } from '@counterclaim/shared'
import { type FormEvent, useEffect, useId } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { Field, Form } from '../../../components/field.tsx'
import { useRequiredNote } from '../../../components/required-note.ts'
import { useWithdrawVerdict } from '../api/workbench.ts'

/**
 * The form that withdraws a published verdict: a public note, and plain words about what the public page
 * will show. Nothing is sent without a note.
 */
export function WithdrawVerdictForm({
  disputeId,
  claimId,
  claimLabel,
  verdictVersion,
  onClose,
  onReload,
}: {
  disputeId: string
  claimId: string
  claimLabel: string
  verdictVersion: number
  onClose: () => void
  onReload: () => void
}) {
  const withdraw = useWithdrawVerdict(disputeId)
  const withdrawalNote = useRequiredNote(
    'Write the note readers will see: it says why the fact check was withdrawn.',
  )
  const ids = { heading: useId(), warning: useId() }
  // Opening the form takes the keyboard to the note.
  const noteRef = withdrawalNote.ref
  useEffect(() => {
    noteRef.current?.focus()
  }, [noteRef])

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const note = withdrawalNote.take()
    if (note) withdraw.mutate({ claimId, version: verdictVersion, note }, { onSuccess: onClose })
  }

  return (
    <Form className="form-grid withdraw-form" onSubmit={onSubmit} noValidate aria-labelledby={ids.heading}>
      <p id={ids.heading} className="withdraw-heading">
        <strong>Withdraw the fact check</strong>
        <span className="visually-hidden"> on {claimLabel}</span>
      </p>
      <p id={ids.warning} className="withdraw-warning">
        The public page will say that this fact check was withdrawn, with today’s date and your note, in place
        of the verdict. It leaves the public feed. This cannot be undone.
      </p>
      <Field
        as="textarea"
        label="Public note"
        labelNote=": why it is withdrawn (required)"
        path="note"
        error={withdraw.error}
        {...withdrawalNote.field}
        rows={3}
        required
        maxLength={LIMITS.longText}
        aria-describedby={ids.warning}
      />
      <ActionError error={withdraw.error} action="The fact check was not withdrawn." onReload={onReload} />
      <div className="actions compact">
        <button type="submit" className="danger" disabled={withdraw.isPending}>
          {withdraw.isPending ? 'Withdrawing…' : 'Withdraw the fact check'}
        </button>
        <button type="button" className="link-button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Form>
  )
}
