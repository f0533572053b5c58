import { renderMarkdown } from '@counterclaim/domain'
import { type ClaimLogRow, type DeskSettings, LIMITS } from '@counterclaim/shared'
import { type QueryKey, useQuery } from '@tanstack/react-query'
import { type FormEvent, useId, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { blockedBy } from '../../../components/blocked-button.ts'
import { ClaimantName, claimantLabel } from '../../../components/claimant-name.tsx'
import { formatMoment } from '../../../components/dates.ts'
import { Field, FieldScope } from '../../../components/field.tsx'
import { whyNotPublish } from '../../../components/publish-reason.ts'
import { useRequiredNote } from '../../../components/required-note.ts'
import { ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { RatingBadge, verdictStatusLabel } from '../../../components/verdict-badges.tsx'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
import { type DisputeQuery, usePublishVerdict, useReloadDispute, useReturnVerdict } from '../api/review.ts'

/** What an editor just did in the queue, for the "Just reviewed" list. */
export interface ReviewOutcome {
  /** What was acted on: a claim's verdict, or one proposed correction. */
  key: string
  claimId: string
  claimLabel: string
  /** Who said it, or the dispute it belongs to. */
  context: string
  outcome: 'published' | 'returned' | 'correction_approved' | 'correction_rejected' | 'correction_withdrawn'
}

/**
 * One verdict in review: what it says, who wrote it and when, what it cites; Publish, or Return with a note.
 * Both send the verdict's version, so a verdict changed meanwhile is never published or returned unseen.
 */
export function ReviewItem<K extends QueryKey>({
  row,
  viewerId,
  desk,
  disputeQuery,
  onDone,
  onVerdictsChanged,
}: {
  row: ClaimLogRow
  viewerId: string
  desk: DeskSettings
  /** The workbench's query of a whole dispute, passed in by the shell. */
  disputeQuery: DisputeQuery<K>
  onDone: (outcome: ReviewOutcome) => void
  onVerdictsChanged: () => void
}) {
  const { t } = useTranslation('review')
  const titleId = useId()
  const publishReasonId = useId()
  const dispute = useQuery(disputeQuery(row.disputeId))
  const publish = usePublishVerdict(onVerdictsChanged)
  const giveBack = useReturnVerdict(onVerdictsChanged)
  const reload = useReloadDispute(disputeQuery)
  const [returning, setReturning] = useState(false)
  const returnNote = useRequiredNote(t('item.returnNoteMissing'))
  const returnButtonRef = useRef<HTMLButtonElement>(null)

  const claim = dispute.data?.claims.find((c) => c.id === row.claimId)
  const verdict = claim?.verdict ?? null
  const claimLabel = claim?.shortText || row.claimText
  const busy = publish.isPending || giveBack.isPending
  const ref = verdict ? { claimId: row.claimId, disputeId: row.disputeId, version: verdict.version } : null
  const cited = verdict
    ? (dispute.data?.evidence ?? []).filter((e) => verdict.citedEvidenceIds.includes(e.id))
    : []

  const publishReason =
    verdict?.status === 'in_review'
      ? whyNotPublish(verdict, dispute.data?.evidence ?? [], viewerId, desk)
      : null

  const onPublish = () => {
    if (!ref || publishReason) return
    giveBack.reset()
    publish.mutate(ref, {
      onSuccess: () =>
        onDone({
          key: row.claimId,
          claimId: row.claimId,
          claimLabel,
          context: claimantLabel(row.claimant),
          outcome: 'published',
        }),
    })
  }
  const onReturn = (event: FormEvent) => {
    event.preventDefault()
    if (!ref) return
    const note = returnNote.take()
    if (!note) return
    publish.reset()
    giveBack.mutate(
      { ...ref, note },
      {
        onSuccess: () =>
          onDone({
            key: row.claimId,
            claimId: row.claimId,
            claimLabel,
            context: claimantLabel(row.claimant),
            outcome: 'returned',
          }),
      },
    )
  }
  const onReload = () => {
    publish.reset()
    giveBack.reset()
    void reload(row.disputeId)
  }

  return (
    // The note field shows its own problems; the other failures show at the end.
    <FieldScope>
      <article className="review-item" aria-labelledby={titleId}>
        <header>
          <p className="review-claimant">
            <ClaimantName claimant={row.claimant} />
          </p>
          <h3 id={titleId} dir="auto">
            {claimLabel}
          </h3>
          <p className="muted review-where">
            <Trans
              t={t}
              i18nKey="item.inDispute"
              values={{ title: row.disputeTitle }}
              components={SENTENCE_TAGS}
            />{' '}
            · <Link to={`/disputes/${encodeURIComponent(row.disputeId)}`}>{t('item.openWorkbench')}</Link>
          </p>
        </header>

        <div className="review-verdict">
          <p className="review-rating">
            <RatingBadge rating={row.rating} />
          </p>
          <p className="review-summary">
            {row.verdictSummary ? (
              <span dir="auto">{row.verdictSummary}</span>
            ) : (
              <span className="muted">{t('item.noSummary')}</span>
            )}
          </p>
        </div>

        {dispute.isPending ? <LoadingMessage>{t('item.loading')}</LoadingMessage> : null}
        {dispute.error ? (
          <ErrorMessage
            title={t('item.loadFailed')}
            error={dispute.error}
            onRetry={() => dispute.refetch()}
          />
        ) : null}
        {dispute.isSuccess && !verdict ? (
          <p className="state-message state-empty">{t('item.noVerdict')}</p>
        ) : null}

        {verdict ? (
          <>
            <dl className="review-facts">
              <div>
                <dt>{t('item.writtenBy')}</dt>
                <dd>{verdict.author ? <span dir="auto">{verdict.author.name}</span> : t('item.unknown')}</dd>
              </div>
              <div>
                <dt>{t('item.submitted')}</dt>
                <dd>{formatMoment(verdict.submittedAt) || t('item.unknown')}</dd>
              </div>
              <div>
                <dt>{t('item.cites')}</dt>
                <dd>
                  {cited.length === 0
                    ? t('item.noEvidence')
                    : t('item.evidenceCount', { count: cited.length })}
                </dd>
              </div>
            </dl>
            <details className="review-details">
              <summary>{t('item.rationaleAndEvidence')}</summary>
              {verdict.rationale.trim() ? (
                <div
                  className="review-rationale"
                  dir="auto"
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes raw HTML and keeps only http(s) links
                  dangerouslySetInnerHTML={{ __html: renderMarkdown(verdict.rationale) }}
                />
              ) : (
                <div className="review-rationale">
                  <p>{t('item.noRationale')}</p>
                </div>
              )}
              {cited.length > 0 ? (
                <ul className="review-cited">
                  {cited.map((e) => (
                    <li key={e.id}>
                      {e.url ? (
                        <a href={e.url} rel="noreferrer noopener" target="_blank">
                          <span dir="auto">{e.title}</span>
                          <span className="visually-hidden"> {t('item.newTab')}</span>
                        </a>
                      ) : (
                        <span dir="auto">{e.title}</span>
                      )}
                      {e.sourceName ? (
                        <span className="muted">
                          {' '}
                          — <span dir="auto">{e.sourceName}</span>
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </details>

            {verdict.status !== 'in_review' ? (
              <p className="state-message state-empty">
                {t('item.noLongerInReview', { status: verdictStatusLabel(verdict.status).toLowerCase() })}
              </p>
            ) : (
              <>
                {publishReason ? (
                  <p id={publishReasonId} className="review-own muted">
                    {publishReason}
                  </p>
                ) : null}
                <div className="actions review-actions">
                  <button
                    type="button"
                    className="primary"
                    onClick={onPublish}
                    disabled={busy}
                    {...blockedBy(publishReason, publishReasonId)}
                  >
                    {publish.isPending ? t('item.publishing') : t('item.publish')}
                  </button>
                  <button
                    type="button"
                    ref={returnButtonRef}
                    onClick={() => {
                      setReturning(true)
                      // The note field appears on this render; focus it once it is there.
                      setTimeout(() => returnNote.ref.current?.focus(), 0)
                    }}
                    disabled={busy || returning}
                    aria-expanded={returning}
                  >
                    {t('item.returnToAuthor')}
                  </button>
                </div>
                {returning ? (
                  <form className="review-return" onSubmit={onReturn} noValidate>
                    <Field
                      as="textarea"
                      label={t('item.noteForAuthor')}
                      labelNote={t('required')}
                      path="note"
                      error={giveBack.error}
                      {...returnNote.field}
                      rows={3}
                      required
                      maxLength={LIMITS.longText}
                    />
                    <div className="actions">
                      <button type="submit" disabled={busy}>
                        {giveBack.isPending ? t('item.returning') : t('item.returnWithNote')}
                      </button>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => {
                          setReturning(false)
                          returnNote.dismiss()
                          giveBack.reset()
                          setTimeout(() => returnButtonRef.current?.focus(), 0)
                        }}
                      >
                        {t('cancel')}
                      </button>
                    </div>
                  </form>
                ) : null}
              </>
            )}
            <ActionError error={publish.error} action={t('item.notPublished')} onReload={onReload} />
            <ActionError error={giveBack.error} action={t('item.notReturned')} onReload={onReload} />
          </>
        ) : null}
      </article>
    </FieldScope>
  )
}
