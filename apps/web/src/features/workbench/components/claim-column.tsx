import { describeQuantity } from '@counterclaim/domain'
import type { SessionUser, WorkbenchClaim } from '@counterclaim/shared'
import { useEffect, useId, useRef, useState } from 'react'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { claimantKindLabel } from '../../../components/claimant-kind.ts'
import { formatDay, formatMoment } from '../../../components/dates.ts'
import { RatingBadge, VerdictStatusBadge } from '../../../components/verdict-badges.tsx'
import { useVerdictStep } from '../api/workbench.ts'

/** The verdict box of a claim: rating, status, summary, and the actions the user's role allows. */
function VerdictBox({
  disputeId,
  claim,
  claimLabel,
  user,
  corrected,
  onEdit,
  onCorrect,
  onReload,
}: {
  disputeId: string
  claim: WorkbenchClaim
  claimLabel: string
  user: SessionUser
  /** A correction was just published from this page: list the corrections open and take focus there. */
  corrected: boolean
  onEdit: () => void
  onCorrect: () => void
  onReload: () => void
}) {
  const verdict = claim.verdict
  const step = useVerdictStep(disputeId)
  const [returning, setReturning] = useState(false)
  const [note, setNote] = useState('')
  const noteId = useId()
  const isEditor = user.role === 'editor' || user.role === 'admin'
  const status = verdict?.status ?? null
  const suffix = <span className="visually-hidden"> on {claimLabel}</span>
  const corrections = status === 'published' && verdict ? verdict.corrections : []
  const [showCorrections, setShowCorrections] = useState(false)
  const correctionsSummary = useRef<HTMLElement>(null)
  useEffect(() => {
    if (!corrected) return
    setShowCorrections(true)
    correctionsSummary.current?.focus()
  }, [corrected])

  return (
    <div className={`verdict-box verdict-${status ?? 'none'}`}>
      <div className="verdict-badges">
        {verdict ? <RatingBadge rating={verdict.rating} /> : null} <VerdictStatusBadge status={status} />
      </div>
      {verdict?.summary ? (
        <p className="verdict-summary">{verdict.summary}</p>
      ) : (
        <p className="muted small">No summary yet.</p>
      )}
      {status === 'draft' && verdict?.returnNote ? (
        <p className="note-returned small">
          <strong>Returned:</strong> {verdict.returnNote}
        </p>
      ) : null}
      {status === 'published' && verdict?.publishedAt ? (
        <p className="muted small">
          Published {formatMoment(verdict.publishedAt)} ·{' '}
          <a href={`/v/${claim.id}`}>
            Public page<span className="visually-hidden"> of the verdict on {claimLabel}</span>
          </a>
        </p>
      ) : null}
      {corrections.length > 0 ? (
        <details
          className="corrections small"
          open={showCorrections}
          onToggle={(e) => setShowCorrections(e.currentTarget.open)}
        >
          <summary ref={correctionsSummary}>
            {corrections.length === 1 ? 'Corrected once' : `Corrected ${corrections.length} times`}
            <span className="visually-hidden">: the verdict on {claimLabel}</span>
          </summary>
          <ol>
            {[...corrections].reverse().map((c) => (
              <li key={c.id}>
                <time dateTime={c.at}>{formatMoment(c.at)}</time> {c.note}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {corrected ? (
        <p role="status" className="ok small">
          Correction published.
        </p>
      ) : null}
      {status === 'in_review' && !isEditor ? (
        <p className="muted small">Waiting for an editor’s review.</p>
      ) : null}
      <div className="actions compact">
        {status === null || status === 'draft' ? (
          <button type="button" onClick={onEdit}>
            {status === null ? 'Draft verdict' : 'Edit draft'}
            {suffix}
          </button>
        ) : null}
        {status === 'draft' && verdict ? (
          <button
            type="button"
            disabled={step.isPending}
            onClick={() => step.mutate({ claimId: claim.id, version: verdict.version, step: 'submit' })}
          >
            Submit for review{suffix}
          </button>
        ) : null}
        {status === 'in_review' && verdict && isEditor ? (
          <>
            <button
              type="button"
              className="primary"
              disabled={step.isPending}
              onClick={() => step.mutate({ claimId: claim.id, version: verdict.version, step: 'publish' })}
            >
              Publish{suffix}
            </button>
            <button type="button" aria-expanded={returning} onClick={() => setReturning((r) => !r)}>
              Return…{suffix}
            </button>
          </>
        ) : null}
        {status === 'published' && isEditor ? (
          <button type="button" onClick={onCorrect}>
            Correct verdict{suffix}
          </button>
        ) : null}
      </div>
      {returning && verdict && status === 'in_review' ? (
        <form
          className="form-grid return-form"
          onSubmit={(e) => {
            e.preventDefault()
            step.mutate(
              { claimId: claim.id, version: verdict.version, step: 'return', note },
              { onSuccess: () => setReturning(false) },
            )
          }}
        >
          <label htmlFor={noteId}>Note to the author</label>
          <textarea id={noteId} value={note} onChange={(e) => setNote(e.target.value)} rows={3} required />
          <div className="actions compact">
            <button type="submit" disabled={step.isPending}>
              Return to draft
            </button>
          </div>
        </form>
      ) : null}
      <ActionError error={step.error} action="The verdict did not move on." onReload={onReload} />
    </div>
  )
}

/** One claim as a column: claimant, quote, date and links, quantity, verdict box. */
export function ClaimColumn({
  disputeId,
  claim,
  claimLabel,
  user,
  corrected,
  archiving,
  onEditClaim,
  onEditVerdict,
  onCorrectVerdict,
  onArchive,
  onShowHistory,
  onReload,
}: {
  disputeId: string
  claim: WorkbenchClaim
  claimLabel: string
  user: SessionUser
  corrected: boolean
  /** An archive or undo is on its way. */
  archiving: boolean
  onEditClaim: () => void
  onEditVerdict: () => void
  onCorrectVerdict: () => void
  onArchive: () => void
  onShowHistory: () => void
  onReload: () => void
}) {
  const headingId = useId()
  return (
    <article className="claim-column" aria-labelledby={headingId} data-claim-id={claim.id}>
      <header className="claim-head">
        <h3 id={headingId}>
          <Link to={`/claimants/${claim.claimant.id}`}>{claim.claimant.name}</Link>
        </h3>
        <span className={`kind-badge kind-${claim.claimant.kind}`}>
          {claimantKindLabel(claim.claimant.kind)}
        </span>
      </header>
      {claim.shortText ? <p className="claim-short">{claim.shortText}</p> : null}
      <blockquote className="quote" lang={claim.language ?? undefined}>
        “{claim.text}”
      </blockquote>
      <p className="claim-meta small">
        {claim.statedOn ? (
          <time dateTime={claim.statedOn}>{formatDay(claim.statedOn)}</time>
        ) : (
          <span>Date unknown</span>
        )}
        {claim.appearanceUrl ? (
          <>
            {' · '}
            <a href={claim.appearanceUrl} target="_blank" rel="noopener noreferrer">
              Source<span className="visually-hidden"> of {claimLabel}</span>
            </a>
          </>
        ) : null}
        {claim.archiveUrl ? (
          <>
            {' · '}
            <a href={claim.archiveUrl} target="_blank" rel="noopener noreferrer">
              Archive<span className="visually-hidden"> of {claimLabel}</span>
            </a>
          </>
        ) : null}
      </p>
      {claim.quantity ? (
        <p className="claim-quantity small">
          <span className="label">Quantity</span> {describeQuantity(claim.quantity)}
        </p>
      ) : null}
      <VerdictBox
        disputeId={disputeId}
        claim={claim}
        claimLabel={claimLabel}
        user={user}
        corrected={corrected}
        onEdit={onEditVerdict}
        onCorrect={onCorrectVerdict}
        onReload={onReload}
      />
      <div className="claim-foot actions compact">
        <button type="button" className="link-button" onClick={onEditClaim}>
          Edit claim<span className="visually-hidden"> of {claim.claimant.name}</span>
        </button>
        <button type="button" className="link-button" onClick={onShowHistory}>
          History<span className="visually-hidden"> of {claimLabel}</span>
        </button>
        <button type="button" className="link-button" disabled={archiving} onClick={onArchive}>
          Archive claim<span className="visually-hidden"> of {claim.claimant.name}</span>
        </button>
      </div>
    </article>
  )
}
