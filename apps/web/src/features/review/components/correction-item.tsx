import { type DeskSettings, LIMITS, type PendingCorrectionItem, type SessionUser } from '@counterclaim/shared'
import { type FormEvent, useId, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { otherCorrectedFields, ratingWords } from '../../../components/correction-words.ts'
import { formatMoment, formatNumber } from '../../../components/dates.ts'
import { Field, FieldScope } from '../../../components/field.tsx'
import { useRequiredNote } from '../../../components/required-note.ts'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
import { useApproveCorrection, useRejectCorrection, useReloadCorrections } from '../api/review.ts'
import type { ReviewOutcome } from './review-item.tsx'

/** A before/after pair of a changed text field, for the "what else changes" details. */
function ChangedText({ label, before, after }: { label: string; before: string; after: string }) {
  const { t } = useTranslation('review')
  const empty = <span className="muted">{t('correction.empty')}</span>
  return (
    <div className="correction-change">
      <h4>{label}</h4>
      <p>
        <span className="correction-was">{t('correction.nowPublic')}</span>{' '}
        {before ? <span dir="auto">{before}</span> : empty}
      </p>
      <p>
        <span className="correction-was">{t('correction.afterCorrection')}</span>{' '}
        {after ? <span dir="auto">{after}</span> : empty}
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
  const { t } = useTranslation('review')
  const ids = { title: useId() }
  const approve = useApproveCorrection(onVerdictsChanged)
  const reject = useRejectCorrection(onVerdictsChanged)
  const reload = useReloadCorrections()
  const [rejecting, setRejecting] = useState(false)
  const rejectNote = useRequiredNote(t('correction.rejectNoteMissing'))
  const rejectButtonRef = useRef<HTMLButtonElement>(null)

  const claimLabel = item.claimShortText || item.claimText
  const ownProposal = item.proposedBy.id === user.id
  const busy = approve.isPending || reject.isPending
  const ref = { claimId: item.claimId, correctionId: item.id, version: item.verdictVersion }
  const also = otherCorrectedFields(item.before, item.after)
  const summaryChanged = item.before.summary !== item.after.summary
  const rationaleChanged = item.before.rationale !== item.after.rationale
  // Whatever language its words are in, a change beyond the summary and the rationale is the cited evidence.
  const citedChanged = also.length > Number(summaryChanged) + Number(rationaleChanged)
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
            <Trans
              t={t}
              i18nKey="item.inDispute"
              values={{ title: item.disputeTitle }}
              components={SENTENCE_TAGS}
            />{' '}
            ·{' '}
            <Link to={`/disputes/${encodeURIComponent(item.disputeId)}`}>
              {t('item.openWorkbench')}
              <span className="visually-hidden">
                : <span dir="auto">{claimLabel}</span>
              </span>
            </Link>
          </p>
          <h3 id={ids.title} dir="auto">
            {claimLabel}
          </h3>
        </header>

        <p className="correction-rating">
          <span className="correction-label">{t('correction.ratingChange')}</span>{' '}
          <strong>
            {ratingWords(item.before.rating)} → {ratingWords(item.after.rating)}
          </strong>
        </p>
        {also.length ? (
          <p className="correction-also">{t('correction.alsoChanges', { fields: also.join(', ') })}</p>
        ) : null}

        <dl className="review-facts">
          <div>
            <dt>{t('correction.proposedBy')}</dt>
            <dd>
              <span dir="auto">{item.proposedBy.name}</span>
              {ownProposal ? ` ${t('correction.you')}` : null}
            </dd>
          </div>
          <div>
            <dt>{t('correction.proposed')}</dt>
            <dd>
              <time dateTime={item.proposedAt}>{formatMoment(item.proposedAt)}</time>
            </dd>
          </div>
        </dl>
        <p className="correction-note">
          <span className="correction-label">{t('correction.note')}</span> <span dir="auto">{item.note}</span>
        </p>

        {also.length ? (
          <details className="review-details">
            <summary>
              {t('correction.whatElse')}
              <span className="visually-hidden">
                {' '}
                <Trans
                  t={t}
                  i18nKey="correction.onClaim"
                  values={{ claim: claimLabel }}
                  components={SENTENCE_TAGS}
                />
              </span>
            </summary>
            {summaryChanged ? (
              <ChangedText
                label={t('correction.summary')}
                before={item.before.summary}
                after={item.after.summary}
              />
            ) : null}
            {rationaleChanged ? (
              <ChangedText
                label={t('correction.rationale')}
                before={item.before.rationale}
                after={item.after.rationale}
              />
            ) : null}
            {citedChanged ? (
              <p>{t('correction.citedCounts', { count: citedBefore, after: formatNumber(citedAfter) })}</p>
            ) : null}
          </details>
        ) : null}

        {ownProposal ? (
          <p className="review-own muted">
            {desk.twoPersonRule ? t('correction.ownProposal') : t('correction.ownProposalRuleLifted')}
          </p>
        ) : null}
        <div className="actions review-actions">
          {ownProposal ? null : (
            <button type="button" className="primary" onClick={onApprove} disabled={busy}>
              {approve.isPending ? t('correction.approving') : t('correction.approve')}
              <span className="visually-hidden">
                {' '}
                <Trans
                  t={t}
                  i18nKey="correction.theChangeOn"
                  values={{ claim: claimLabel }}
                  components={SENTENCE_TAGS}
                />
              </span>
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
            {ownProposal ? t('correction.takeBack') : t('correction.reject')}
            <span className="visually-hidden">
              {' '}
              <Trans
                t={t}
                i18nKey="correction.theChangeOn"
                values={{ claim: claimLabel }}
                components={SENTENCE_TAGS}
              />
            </span>
          </button>
        </div>
        {rejecting ? (
          <form className="review-return" onSubmit={onReject} noValidate>
            <Field
              as="textarea"
              label={
                ownProposal
                  ? t('correction.whyTakeBack')
                  : t('correction.noteFor', { name: item.proposedBy.name })
              }
              labelNote={t('required')}
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
                  ? t('correction.sending')
                  : ownProposal
                    ? t('correction.takeBackSubmit')
                    : t('correction.rejectSubmit')}
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
                {t('cancel')}
              </button>
            </div>
          </form>
        ) : null}
        <ActionError error={approve.error} action={t('correction.notApplied')} onReload={onReload} />
        <ActionError error={reject.error} action={t('correction.notTurnedDown')} onReload={onReload} />
      </article>
    </FieldScope>
  )
}
