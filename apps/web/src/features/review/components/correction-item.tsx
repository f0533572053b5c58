import { type DeskSettings, LIMITS, type PendingCorrectionItem, type SessionUser } from '@counterclaim/shared'
import { type FormEvent, useId, useRef, useState } from 'react'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { otherCorrectedFields, ratingWords } from '../../../components/correction-words.ts'
import { formatMoment } from '../../../components/dates.ts'
import { Field, FieldScope } from '../../../components/field.tsx'
import { useRequiredNote } from '../../../components/required-note.ts'
import { useApproveCorrection, useRejectCorrection, useReloadCorrections } from '../api/review.ts'
import type { ReviewOutcome } from './review-item.tsx'

/** A before/after pair of a changed text field, for the "what else changes" details. */
function ChangedText({ label, before, after }: { label: string; before: string; after: string }) {
  return (
    <div className="correction-change">
      <h4>{label}</h4>
      <p>
        <span className="correction-was">Now public:</span> {before || <span className="muted">(empty)</span>}
      </p>
      <p>
        <span className="correction-was">After the correction:</span>{' '}
        {after || <span className="muted">(empty)</span>}
      </p>
    </div>
  )
}

/**
 * A rating change another editor proposed on a published verdict: what it changes, who proposed it and why;
 * Approve publishes it, "Reject…" turns it down with a note. The proposer cannot approve their own proposal
 * (the server refuses it too), only take it back. Both send the verdict's version, so nothing changed
 * meanwhile is overwritten unseen.
 */
export function CorrectionItem({
  item,
  user,
  desk,
  onDone,
  onVerdictsChanged,
}: {
  item: PendingCorrectionItem
  user: SessionUser
  desk: DeskSettings
  onDone: (outcome: ReviewOutcome) => void
  onVerdictsChanged: () => void
}) {
  const ids = { title: useId() }
  const approve = useApproveCorrection(onVerdictsChanged)
  const reject = useRejectCorrection(onVerdictsChanged)
  const reload = useReloadCorrections()
  const [rejecting, setRejecting] = useState(false)
  const rejectNote = useRequiredNote(
    'Write a note: it is kept with the proposal, for the editor who made it.',
  )
  const rejectButtonRef = useRef<HTMLButtonElement>(null)

  const claimLabel = item.claimShortText || item.claimText
  const ownProposal = item.proposedBy.id === user.id
  const busy = approve.isPending || reject.isPending
  const ref = { claimId: item.claimId, correctionId: item.id, version: item.verdictVersion }
  const also = otherCorrectedFields(item.before, item.after)
  const citedBefore = item.before.citedEvidenceIds?.length ?? 0
  const citedAfter = item.after.citedEvidenceIds?.length ?? citedBefore
  const done = (outcome: ReviewOutcome['outcome']) =>
    onDone({ key: item.id, claimId: item.claimId, claimLabel, context: item.disputeTitle, outcome })

  const onApprove = () => {
    reject.reset()
    approve.mutate(ref, { onSuccess: () => done('correction_approved') })
  }
  const onReject = (event: FormEvent) => {
    event.preventDefault()
    const note = rejectNote.take()
    if (!note) return
    approve.reset()
    reject.mutate(
      { ...ref, note },
      { onSuccess: () => done(ownProposal ? 'correction_withdrawn' : 'correction_rejected') },
    )
  }
  const onReload = () => {
    approve.reset()
    reject.reset()
    void reload()
  }

  return (
    // The note field shows its own problems; the other failures show at the end.
    <FieldScope>
      <article className="review-item correction-item" aria-labelledby={ids.title}>
        <header>
          <p className="muted review-where">
            In “{item.disputeTitle}” ·{' '}
            <Link to={`/disputes/${encodeURIComponent(item.disputeId)}`}>
              Open in the workbench<span className="visually-hidden">: {claimLabel}</span>
            </Link>
          </p>
          <h3 id={ids.title}>{claimLabel}</h3>
        </header>

        <p className="correction-rating">
          <span className="correction-label">Rating change:</span>{' '}
          <strong>
            {ratingWords(item.before.rating)} → {ratingWords(item.after.rating)}
          </strong>
        </p>
        {also.length ? <p className="correction-also">It also changes {also.join(', ')}.</p> : null}

        <dl className="review-facts">
          <div>
            <dt>Proposed by</dt>
            <dd>{ownProposal ? `${item.proposedBy.name} (you)` : item.proposedBy.name}</dd>
          </div>
          <div>
            <dt>Proposed</dt>
            <dd>
              <time dateTime={item.proposedAt}>{formatMoment(item.proposedAt)}</time>
            </dd>
          </div>
        </dl>
        <p className="correction-note">
          <span className="correction-label">Correction note (public once approved):</span> {item.note}
        </p>

        {also.length ? (
          <details className="review-details">
            <summary>
              What else the correction changes<span className="visually-hidden"> on {claimLabel}</span>
            </summary>
            {item.before.summary !== item.after.summary ? (
              <ChangedText label="Summary" before={item.before.summary} after={item.after.summary} />
            ) : null}
            {item.before.rationale !== item.after.rationale ? (
              <ChangedText label="Rationale" before={item.before.rationale} after={item.after.rationale} />
            ) : null}
            {also.includes('the cited evidence') ? (
              <p>
                Cited evidence: {citedBefore} {citedBefore === 1 ? 'item' : 'items'} now, {citedAfter} after
                the correction.
              </p>
            ) : null}
          </details>
        ) : null}

        {ownProposal ? (
          <p className="review-own muted">
            {desk.twoPersonRule
              ? 'You proposed it: another editor must approve it before the public sees it.'
              : 'You proposed it while the desk kept the two-person rule: another editor must approve it, or take it back and publish the correction yourself from the workbench.'}
          </p>
        ) : null}
        <div className="actions review-actions">
          {ownProposal ? null : (
            <button type="button" className="primary" onClick={onApprove} disabled={busy}>
              {approve.isPending ? 'Approving…' : 'Approve'}
              <span className="visually-hidden"> the rating change on {claimLabel}</span>
            </button>
          )}
          <button
            type="button"
            ref={rejectButtonRef}
            onClick={() => {
              setRejecting(true)
              // The note field appears on this render; focus it once it is there.
              setTimeout(() => rejectNote.ref.current?.focus(), 0)
            }}
            disabled={busy || rejecting}
            aria-expanded={rejecting}
          >
            {ownProposal ? 'Take back…' : 'Reject…'}
            <span className="visually-hidden"> the rating change on {claimLabel}</span>
          </button>
        </div>
        {rejecting ? (
          <form className="review-return" onSubmit={onReject} noValidate>
            <Field
              as="textarea"
              label={ownProposal ? 'Why you take it back' : `Note for ${item.proposedBy.name}`}
              labelNote=" (required)"
              path="note"
              error={reject.error}
              {...rejectNote.field}
              rows={3}
              required
              maxLength={LIMITS.longText}
            />
            <div className="actions">
              <button type="submit" disabled={busy}>
                {reject.isPending
                  ? 'Sending…'
                  : ownProposal
                    ? 'Take the proposal back'
                    : 'Reject the rating change'}
              </button>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setRejecting(false)
                  rejectNote.dismiss()
                  reject.reset()
                  setTimeout(() => rejectButtonRef.current?.focus(), 0)
                }}
              >
                Cancel
              </button>
            </div>
          </form>
        ) : null}
        <ActionError error={approve.error} action="The rating change was not applied." onReload={onReload} />
        <ActionError error={reject.error} action="The proposal was not turned down." onReload={onReload} />
      </article>
    </FieldScope>
  )
}
