import { describeQuantity, isEmptyDraft, twoSourceShortfall } from '@counterclaim/domain'
import {
  type DeskSettings,
  LIMITS,
  roleAtLeast,
  type SessionUser,
  type WorkbenchClaim,
  type WorkbenchEvidence,
} from '@counterclaim/shared'
import { type ComponentType, useEffect, useId, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { blockedBy } from '../../../components/blocked-button.ts'
import { claimantKindLabel } from '../../../components/claimant-kind.ts'
import { ClaimantName, claimantLabel } from '../../../components/claimant-name.tsx'
import { formatDay, formatMoment } from '../../../components/dates.ts'
import { Field, FieldScope } from '../../../components/field.tsx'
import { whyNotPublish } from '../../../components/publish-reason.ts'
import { RatingBadge, VerdictStatusBadge } from '../../../components/verdict-badges.tsx'
import { claimAnchor } from '../../../components/work-links.ts'
import { useVerdictStep } from '../api/workbench.ts'
import { useChangedLive } from '../hooks/use-dispute-events.ts'
import { ClaimRatingsPanel } from './claim-ratings.tsx'
import { PendingCorrectionNotice } from './pending-correction.tsx'
import { PublicationChanges } from './publication-changes.tsx'
import { WithdrawVerdictForm } from './withdraw-verdict.tsx'

/** How a correction sent from this page ended: applied at once, or waiting for a second editor. */
export type CorrectionOutcome = 'applied' | 'pending'

/** The verdict box of a claim: rating, status, summary, and the actions the user's role allows. */
function VerdictBox({
  disputeId,
  claim,
  claimLabel,
  evidence,
  user,
  desk,
  corrected,
  onEdit,
  onCorrect,
  onReload,
}: {
  disputeId: string
  claim: WorkbenchClaim
  claimLabel: string
  evidence: readonly WorkbenchEvidence[]
  user: SessionUser
  desk: DeskSettings
  /** A correction was just sent from this page: say how it ended, list the corrections and take focus there. */
  corrected: CorrectionOutcome | null
  onEdit: () => void
  onCorrect: () => void
  onReload: () => void
}) {
  const { t } = useTranslation('workbench')
  const verdict = claim.verdict
  const step = useVerdictStep(disputeId)
  const [returning, setReturning] = useState(false)
  const [withdrawing, setWithdrawing] = useState(false)
  const [note, setNote] = useState('')
  const ids = { publishReason: useId(), submitReason: useId(), sourceWarning: useId() }
  const isEditor = roleAtLeast(user.role, 'editor')
  const status = verdict?.status ?? null
  const hidden = { hidden: <span className="visually-hidden" /> }
  /** An action's words, with the claim it acts on for screen readers: "Publish on Oleg Kiper's claim". */
  const named = (
    key: 'draftVerdict' | 'editDraft' | 'submit' | 'publish' | 'return' | 'correct' | 'withdraw',
  ) => <Trans t={t} i18nKey={`verdict.${key}`} values={{ claim: claimLabel }} components={hidden} />
  const publicPage = (
    <Trans t={t} i18nKey="verdict.publicPage" values={{ claim: claimLabel }} components={hidden} />
  )
  const corrections = (status === 'published' || status === 'withdrawn') && verdict ? verdict.corrections : []
  const pending = status === 'published' ? (verdict?.pendingCorrection ?? null) : null
  const [showCorrections, setShowCorrections] = useState(false)
  const correctionsSummary = useRef<HTMLElement>(null)
  const outcomeRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (corrected === 'applied') {
      setShowCorrections(true)
      correctionsSummary.current?.focus()
    } else if (corrected === 'pending') {
      outcomeRef.current?.focus()
    }
  }, [corrected])
  const publishReason =
    status === 'in_review' && verdict ? whyNotPublish(verdict, evidence, user.id, desk) : null
  // The two-source rule's warning: the cited evidence (still in the dispute) comes from one origin.
  const sourceWarning =
    status === 'in_review' && verdict && isEditor
      ? (twoSourceShortfall(evidence.filter((e) => verdict.citedEvidenceIds.includes(e.id)))?.message ?? null)
      : null
  const submitReason =
    status === 'draft' && verdict && isEmptyDraft(verdict) ? t('verdict.submitReason') : null

  return (
    // The return form's note shows its own problems; the step's other failures show below the box.
    <FieldScope>
      <div className={`verdict-box verdict-${status ?? 'none'}`}>
        <div className="verdict-badges">
          {verdict ? <RatingBadge rating={verdict.rating} /> : null} <VerdictStatusBadge status={status} />
        </div>
        {verdict?.summary ? (
          <p className="verdict-summary" dir="auto">
            {verdict.summary}
          </p>
        ) : (
          <p className="muted small">{t('verdict.noSummary')}</p>
        )}
        {status === 'draft' && verdict?.returnNote ? (
          <p className="note-returned small">
            <strong>{t('verdict.returned')}</strong> <span dir="auto">{verdict.returnNote}</span>
          </p>
        ) : null}
        {status === 'published' && verdict?.publishedAt ? (
          <p className="muted small">
            {t('verdict.published', { moment: formatMoment(verdict.publishedAt) })} ·{' '}
            <a href={`/v/${claim.id}`}>{publicPage}</a>
          </p>
        ) : null}
        {status === 'withdrawn' && verdict ? (
          <div className="withdrawn-notice small">
            <p>
              <strong>{t('verdict.withdrawn')}</strong>{' '}
              <time dateTime={verdict.withdrawnAt ?? undefined}>{formatMoment(verdict.withdrawnAt)}</time>
              {verdict.withdrawalNote ? (
                <>
                  : <span dir="auto">{verdict.withdrawalNote}</span>
                </>
              ) : null}
            </p>
            <p className="muted">
              {t('verdict.withdrawnPublic')} · <a href={`/v/${claim.id}`}>{publicPage}</a>
            </p>
          </div>
        ) : null}
        {corrections.length > 0 ? (
          <details
            className="corrections small"
            open={showCorrections}
            onToggle={(e) => setShowCorrections(e.currentTarget.open)}
          >
            <summary ref={correctionsSummary}>
              <Trans
                t={t}
                i18nKey="verdict.corrected"
                count={corrections.length}
                values={{ count: corrections.length, claim: claimLabel }}
                components={hidden}
              />
            </summary>
            <ol>
              {[...corrections].reverse().map((c) => (
                <li key={c.id}>
                  <time dateTime={c.at}>{formatMoment(c.at)}</time> <span dir="auto">{c.note}</span>
                </li>
              ))}
            </ol>
          </details>
        ) : null}
        {corrected === 'applied' ? (
          <p role="status" className="ok small">
            {t('verdict.correctionPublished')}
          </p>
        ) : null}
        {corrected === 'pending' ? (
          <p role="status" className="ok small" ref={outcomeRef} tabIndex={-1}>
            {t('verdict.correctionPending')}
          </p>
        ) : null}
        {pending && verdict ? (
          <PendingCorrectionNotice
            disputeId={disputeId}
            claimId={claim.id}
            claimLabel={claimLabel}
            pending={pending}
            verdictVersion={verdict.version}
            user={user}
            desk={desk}
            onReload={onReload}
          />
        ) : null}
        {status === 'published' && claim.publicationChanges ? (
          <PublicationChanges
            changes={claim.publicationChanges}
            claimLabel={claimLabel}
            canCorrect={isEditor && !pending}
            onCorrect={onCorrect}
          />
        ) : null}
        {status === 'in_review' && !isEditor ? (
          <p className="muted small">{t('verdict.waitingForReview')}</p>
        ) : null}
        {sourceWarning && !publishReason ? (
          <p id={ids.sourceWarning} className="source-warning small">
            <Trans
              t={t}
              i18nKey="verdict.beforePublishing"
              values={{ warning: sourceWarning }}
              components={{ strong: <strong /> }}
            />
          </p>
        ) : null}
        <div className="actions compact">
          {status === null || status === 'draft' ? (
            <button type="button" onClick={onEdit}>
              {named(status === null ? 'draftVerdict' : 'editDraft')}
            </button>
          ) : null}
          {status === 'draft' && verdict ? (
            <button
              type="button"
              disabled={step.isPending}
              {...blockedBy(submitReason, ids.submitReason)}
              onClick={() => {
                if (submitReason) return
                step.mutate({ claimId: claim.id, version: verdict.version, step: 'submit' })
              }}
            >
              {named('submit')}
            </button>
          ) : null}
          {status === 'in_review' && verdict && isEditor ? (
            <>
              <button
                type="button"
                className="primary"
                disabled={step.isPending}
                {...(publishReason
                  ? blockedBy(publishReason, ids.publishReason)
                  : sourceWarning
                    ? { 'aria-describedby': ids.sourceWarning }
                    : {})}
                onClick={() => {
                  if (publishReason) return
                  step.mutate({ claimId: claim.id, version: verdict.version, step: 'publish' })
                }}
              >
                {named('publish')}
              </button>
              <button type="button" aria-expanded={returning} onClick={() => setReturning((r) => !r)}>
                {named('return')}
              </button>
            </>
          ) : null}
          {status === 'published' && isEditor && !pending ? (
            <button type="button" onClick={onCorrect}>
              {named('correct')}
            </button>
          ) : null}
          {status === 'published' && isEditor ? (
            <button type="button" aria-expanded={withdrawing} onClick={() => setWithdrawing((w) => !w)}>
              {named('withdraw')}
            </button>
          ) : null}
        </div>
        {submitReason ? (
          <p id={ids.submitReason} className="reason small">
            {submitReason}
          </p>
        ) : null}
        {publishReason && isEditor ? (
          <p id={ids.publishReason} className="reason small">
            <Trans
              t={t}
              i18nKey="verdict.publishBlocked"
              values={{ reason: publishReason }}
              components={hidden}
            />
          </p>
        ) : null}
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
            <Field
              as="textarea"
              label={t('verdict.noteToAuthor')}
              path="note"
              error={step.error}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              rows={3}
              required
              maxLength={LIMITS.longText}
              dir="auto"
            />
            <div className="actions compact">
              <button type="submit" disabled={step.isPending}>
                {t('verdict.returnToDraft')}
              </button>
            </div>
          </form>
        ) : null}
        {withdrawing && verdict && status === 'published' ? (
          <WithdrawVerdictForm
            disputeId={disputeId}
            claimId={claim.id}
            claimLabel={claimLabel}
            verdictVersion={verdict.version}
            onClose={() => setWithdrawing(false)}
            onReload={onReload}
          />
        ) : null}
        <ActionError error={step.error} action={t('verdict.stepFailed')} onReload={onReload} />
      </div>
    </FieldScope>
  )
}

/**
 * What a claim's column shows of its links and matches. Another feature fills it in, composed in src/app
 * (features do not import one another).
 */
export type ClaimColumnMatches = ComponentType<{ claimId: string; claimLabel: string }>

/** One claim as a column: claimant, quote, date and links, quantity, links and matches, verdict box. */
export function ClaimColumn({
  disputeId,
  claim,
  matches: Matches,
  replies: Replies,
  claimLabel,
  evidence,
  user,
  desk,
  independentRatings = false,
  corrected,
  archiving,
  onEditClaim,
  onEditVerdict,
  onCorrectVerdict,
  onArchive,
  onShowHistory,
  onComment,
  onReload,
}: {
  disputeId: string
  claim: WorkbenchClaim
  /** The claim's links to the same claim elsewhere and to fact-checks, and its matches. */
  matches?: ClaimColumnMatches
  /** The claim's right-of-reply log, from another feature. */
  replies?: ClaimColumnMatches
  claimLabel: string
  evidence: readonly WorkbenchEvidence[]
  user: SessionUser
  desk: DeskSettings
  /** The dispute's claims are rated independently: the column shows the blind ratings. */
  independentRatings?: boolean
  corrected: CorrectionOutcome | null
  /** An archive or undo is on its way. */
  archiving: boolean
  onEditClaim: () => void
  onEditVerdict: () => void
  onCorrectVerdict: () => void
  onArchive: () => void
  onShowHistory: () => void
  /** Opens the comment form about this claim, when the page has comments. */
  onComment?: () => void
  onReload: () => void
}) {
  const { t } = useTranslation('workbench')
  const hidden = { hidden: <span className="visually-hidden" /> }
  const headingId = useId()
  const archiveReasonId = useId()
  const changedLive = useChangedLive(claim.id, claim.verdict?.id)
  // The server refuses it too (409): a published fact check's page must say why it is gone.
  const archiveReason = claim.verdict?.status === 'published' ? t('column.archiveReason') : null
  return (
    <article
      id={claimAnchor(claim.id)}
      tabIndex={-1}
      className={changedLive ? 'claim-column live-changed' : 'claim-column'}
      aria-labelledby={headingId}
      data-claim-id={claim.id}
    >
      <header className="claim-head">
        <h3 id={headingId}>
          {claim.claimant ? (
            <Link to={`/claimants/${claim.claimant.id}`} dir="auto">
              {claim.claimant.name}
            </Link>
          ) : (
            <ClaimantName claimant={null} />
          )}
        </h3>
        {claim.claimant ? (
          <span className={`kind-badge kind-${claim.claimant.kind}`}>
            {claimantKindLabel(claim.claimant.kind)}
          </span>
        ) : null}
      </header>
      {claim.shortText ? (
        <p className="claim-short" dir="auto">
          {claim.shortText}
        </p>
      ) : null}
      <blockquote className="quote" lang={claim.language ?? undefined} dir="auto">
        {t('quoted', { text: claim.text })}
      </blockquote>
      <p className="claim-meta small">
        {claim.statedOn ? (
          <time dateTime={claim.statedOn}>{formatDay(claim.statedOn)}</time>
        ) : (
          <span>{t('column.dateUnknown')}</span>
        )}
        {claim.appearanceUrl ? (
          <>
            {' · '}
            <a href={claim.appearanceUrl} target="_blank" rel="noopener noreferrer">
              <Trans t={t} i18nKey="column.source" values={{ claim: claimLabel }} components={hidden} />
            </a>
          </>
        ) : null}
        {claim.archiveUrl ? (
          <>
            {' · '}
            <a href={claim.archiveUrl} target="_blank" rel="noopener noreferrer">
              <Trans t={t} i18nKey="column.archive" values={{ claim: claimLabel }} components={hidden} />
            </a>
          </>
        ) : null}
      </p>
      {claim.quantities.length > 0 ? (
        <div className="claim-quantity small">
          <span className="label">{t('column.numbers', { count: claim.quantities.length })}</span>
          <ul>
            {claim.quantities.map((q, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a claim's quantities have no ids; their order is theirs
              <li key={i}>{describeQuantity(q)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {Matches ? <Matches claimId={claim.id} claimLabel={claimLabel} /> : null}
      {independentRatings ? <ClaimRatingsPanel claimId={claim.id} claimLabel={claimLabel} /> : null}
      <VerdictBox
        disputeId={disputeId}
        claim={claim}
        claimLabel={claimLabel}
        evidence={evidence}
        user={user}
        desk={desk}
        corrected={corrected}
        onEdit={onEditVerdict}
        onCorrect={onCorrectVerdict}
        onReload={onReload}
      />
      {Replies ? <Replies claimId={claim.id} claimLabel={claimLabel} /> : null}
      <div className="claim-foot actions compact">
        <button type="button" className="link-button" onClick={onEditClaim}>
          <Trans
            t={t}
            i18nKey="column.editClaim"
            values={{ name: claimantLabel(claim.claimant) }}
            components={hidden}
          />
        </button>
        <button type="button" className="link-button" onClick={onShowHistory}>
          <Trans t={t} i18nKey="column.history" values={{ claim: claimLabel }} components={hidden} />
        </button>
        {onComment ? (
          <button type="button" className="link-button" onClick={onComment}>
            <Trans t={t} i18nKey="column.comment" values={{ claim: claimLabel }} components={hidden} />
          </button>
        ) : null}
        <button
          type="button"
          className="link-button"
          disabled={archiving}
          {...blockedBy(archiveReason, archiveReasonId)}
          onClick={() => {
            if (!archiveReason) onArchive()
          }}
        >
          <Trans
            t={t}
            i18nKey="column.archiveClaim"
            values={{ name: claimantLabel(claim.claimant) }}
            components={hidden}
          />
        </button>
      </div>
      {archiveReason ? (
        <p id={archiveReasonId} className="reason small">
          {archiveReason}
        </p>
      ) : null}
    </article>
  )
}
