import {
  type DeskSettings,
  LIMITS,
  type PendingCorrection,
  roleAtLeast,
  type SessionUser,
} from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { otherCorrectedFields, ratingWords } from '../../../components/correction-words.ts'
import { formatMoment } from '../../../components/dates.ts'
import { Field, FieldScope } from '../../../components/field.tsx'
import { useRequiredNote } from '../../../components/required-note.ts'
import { useDecideCorrection } from '../api/workbench.ts'

/**
 * A rating change proposed under the two-person rule, on the claim's verdict box: who proposed what and
 * why; another editor approves or rejects it, the proposer may take it back.
 */
export function PendingCorrectionNotice({
  disputeId,
  claimId,
  claimLabel,
  pending,
  verdictVersion,
  user,
  desk,
  onReload,
}: {
  disputeId: string
  claimId: string
  claimLabel: string
  pending: PendingCorrection
  verdictVersion: number
  user: SessionUser
  desk: DeskSettings
  onReload: () => void
}) {
  const decide = useDecideCorrection(disputeId)
  const [rejecting, setRejecting] = useState(false)
  const rejectNote = useRequiredNote(
    'Write a note: it is kept with the proposal, for the editor who made it.',
  )
  const ids = { heading: useId() }
  const isEditor = roleAtLeast(user.role, 'editor')
  const ownProposal = pending.proposedBy.id === user.id
  const also = otherCorrectedFields(pending.before, pending.after)
  const ref = { claimId, correctionId: pending.id, version: verdictVersion }

  const onReject = (event: FormEvent) => {
    event.preventDefault()
    const note = rejectNote.take()
    if (note) decide.mutate({ ...ref, decision: 'reject', note })
  }

  return (
    // The reject form's note shows its own problems; the decision's other failures show at the end.
    <FieldScope>
      <section className="pending-correction small" aria-labelledby={ids.heading}>
        <p id={ids.heading}>
          <strong>Rating change proposed by {pending.proposedBy.name}:</strong>{' '}
          {ratingWords(pending.before.rating)} → {ratingWords(pending.after.rating)} — waiting for a second
          editor
          <span className="visually-hidden"> ({claimLabel})</span>
        </p>
        {also.length ? <p>It also changes {also.join(', ')}.</p> : null}
        <p>
          <span className="muted">
            Proposed <time dateTime={pending.proposedAt}>{formatMoment(pending.proposedAt)}</time>, with the
            correction note:
          </span>{' '}
          {pending.note}
        </p>
        {isEditor && ownProposal ? (
          <p className="muted">
            {desk.twoPersonRule
              ? 'You proposed it: another editor must approve it before the public sees it.'
              : 'You proposed it while the desk kept the two-person rule: another editor must approve it, or take it back and publish the correction yourself.'}
          </p>
        ) : null}
        {isEditor ? (
          <div className="actions compact">
            {ownProposal ? null : (
              <button
                type="button"
                className="primary"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ ...ref, decision: 'approve' })}
              >
                Approve<span className="visually-hidden"> the rating change on {claimLabel}</span>
              </button>
            )}
            <button
              type="button"
              aria-expanded={rejecting}
              disabled={decide.isPending}
              onClick={() => {
                setRejecting((r) => !r)
                setTimeout(() => rejectNote.ref.current?.focus(), 0)
              }}
            >
              {ownProposal ? 'Take back…' : 'Reject…'}
              <span className="visually-hidden"> the rating change on {claimLabel}</span>
            </button>
          </div>
        ) : null}
        {rejecting ? (
          <form className="form-grid" onSubmit={onReject} noValidate>
            <Field
              as="textarea"
              label={ownProposal ? 'Why you take it back' : 'Why not'}
              labelNote=" (required)"
              path="note"
              error={decide.error}
              {...rejectNote.field}
              rows={3}
              required
              maxLength={LIMITS.longText}
            />
            <div className="actions compact">
              <button type="submit" disabled={decide.isPending}>
                {ownProposal ? 'Take the proposal back' : 'Reject the rating change'}
              </button>
              <button type="button" className="link-button" onClick={() => setRejecting(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : null}
        <ActionError
          error={decide.error}
          action={
            decide.variables?.decision === 'reject'
              ? 'The proposal was not turned down.'
              : 'The rating change was not applied.'
          }
          onReload={onReload}
        />
      </section>
    </FieldScope>
  )
}
