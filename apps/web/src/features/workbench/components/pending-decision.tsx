import { LIMITS, roleAtLeast, type SessionUser } from '@counterclaim/shared'
import { type FormEvent, type ReactNode, useId, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { formatMoment } from '../../../components/dates.ts'
import { Field, FieldScope } from '../../../components/field.tsx'
import { useRequiredNote } from '../../../components/required-note.ts'

/** The decision on a pending correction, as a mutation: approve, or reject with a note. */
export interface Deciding {
  isPending: boolean
  error: Error | null
  /** The last decision sent was a rejection (or a taking back). */
  rejected: boolean
  approve: () => void
  reject: (note: string) => void
}

/**
 * A correction proposed under the two-person rule, waiting for a second editor (a verdict's change of
 * rating, a conclusion's new finding): who proposed what and why; another editor approves or rejects
 * it, the proposer may take it back. `change` names the change in its buttons ("the new finding").
 */
export function PendingDecision({
  pending,
  user,
  heading,
  details,
  change,
  on,
  ownNote,
  deciding,
  onReload,
}: {
  pending: { proposedBy: { id: string; name: string }; proposedAt: string; note: string }
  user: SessionUser
  /** The first line: what is proposed, and by whom. */
  heading: ReactNode
  /** What else it changes, under the first line. */
  details: ReactNode
  change: string
  /** What the change is made on, for screen readers when several stand side by side (the claim). */
  on?: string
  /** What the proposer is told of their own proposal. */
  ownNote: string
  deciding: Deciding
  onReload: () => void
}) {
  const [rejecting, setRejecting] = useState(false)
  const rejectNote = useRequiredNote(
    'Write a note: it is kept with the proposal, for the editor who made it.',
  )
  const headingId = useId()
  const isEditor = roleAtLeast(user.role, 'editor')
  const own = pending.proposedBy.id === user.id
  const named = on ? `${change} on ${on}` : change

  const onReject = (event: FormEvent) => {
    event.preventDefault()
    const note = rejectNote.take()
    if (note) deciding.reject(note)
  }

  return (
    // The reject form's note shows its own problems; the decision's other failures show at the end.
    <FieldScope>
      <section className="pending-correction small" aria-labelledby={headingId}>
        <p id={headingId}>{heading}</p>
        {details}
        <p>
          <span className="muted">
            Proposed <time dateTime={pending.proposedAt}>{formatMoment(pending.proposedAt)}</time>, with the
            correction note:
          </span>{' '}
          {pending.note}
        </p>
        {isEditor && own ? <p className="muted">{ownNote}</p> : null}
        {isEditor ? (
          <div className="actions compact">
            {own ? null : (
              <button
                type="button"
                className="primary"
                disabled={deciding.isPending}
                onClick={deciding.approve}
              >
                Approve<span className="visually-hidden"> {named}</span>
              </button>
            )}
            <button
              type="button"
              aria-expanded={rejecting}
              disabled={deciding.isPending}
              onClick={() => {
                setRejecting((r) => !r)
                setTimeout(() => rejectNote.ref.current?.focus(), 0)
              }}
            >
              {own ? 'Take back…' : 'Reject…'}
              <span className="visually-hidden"> {named}</span>
            </button>
          </div>
        ) : null}
        {rejecting ? (
          <form className="form-grid" onSubmit={onReject} noValidate>
            <Field
              as="textarea"
              label={own ? 'Why you take it back' : 'Why not'}
              labelNote=" (required)"
              path="note"
              error={deciding.error}
              {...rejectNote.field}
              rows={3}
              required
              maxLength={LIMITS.longText}
            />
            <div className="actions compact">
              <button type="submit" disabled={deciding.isPending}>
                {own ? 'Take the proposal back' : `Reject ${change}`}
              </button>
              <button type="button" className="link-button" onClick={() => setRejecting(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : null}
        <ActionError
          error={deciding.error}
          action={
            deciding.rejected
              ? 'The proposal was not turned down.'
              : `${capitalised(change)} was not applied.`
          }
          onReload={onReload}
        />
      </section>
    </FieldScope>
  )
}

const capitalised = (words: string) => words.charAt(0).toUpperCase() + words.slice(1)
