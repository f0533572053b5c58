import { type DeskSettings, roleAtLeast, type SessionUser } from '@counterclaim/shared'
import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query'
import { useCallback, useMemo, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { type DisputeQuery, pendingCorrectionsQuery, reviewQueueQuery } from '../api/review.ts'
import { CorrectionItem } from './correction-item.tsx'
import { ReviewItem, type ReviewOutcome } from './review-item.tsx'
import './review.css'

/** One line of "Just reviewed": what happened, in words, with the public page where there is news there. */
function DoneLine({ done }: { done: ReviewOutcome }) {
  const { t } = useTranslation('review')
  const publicPage = (
    <a href={`/v/${encodeURIComponent(done.claimId)}`}>
      {t('done.readPublicPage')}
      <span className="visually-hidden">
        : <span dir="auto">{done.claimLabel}</span>
      </span>
    </a>
  )
  const words = {
    strong: <strong />,
    user: <span dir="auto" />,
  }
  const values = { context: done.context, claim: done.claimLabel }
  switch (done.outcome) {
    case 'published':
      return (
        <>
          <Trans t={t} i18nKey="done.published" values={values} components={words} /> {publicPage}
        </>
      )
    case 'returned':
      return <Trans t={t} i18nKey="done.returned" values={values} components={words} />
    case 'correction_approved':
      return (
        <>
          <Trans t={t} i18nKey="done.correctionApproved" values={values} components={words} /> {publicPage}
        </>
      )
    case 'correction_rejected':
      return <Trans t={t} i18nKey="done.correctionRejected" values={values} components={words} />
    case 'correction_withdrawn':
      return <Trans t={t} i18nKey="done.correctionWithdrawn" values={values} components={words} />
  }
}

/**
 * What waits for an editor: rating changes of published verdicts that a second editor must approve, and
 * verdicts submitted for review (publish them, or return them to their authors with a note).
 * `onVerdictsChanged` refreshes the other screens that show verdicts (the shell knows their query keys);
 * `disputeQuery` reads a whole dispute through the feature that owns it.
 */
export function ReviewQueuePage<K extends QueryKey>({
  user,
  desk,
  disputeQuery,
  onVerdictsChanged,
}: {
  user: SessionUser
  desk: DeskSettings
  disputeQuery: DisputeQuery<K>
  onVerdictsChanged: () => void
}) {
  const { t } = useTranslation(['review', 'domain'])
  const mayReview = roleAtLeast(user.role, 'editor')
  const queue = useInfiniteQuery({ ...reviewQueueQuery(), enabled: mayReview })
  const corrections = useInfiniteQuery({ ...pendingCorrectionsQuery(), enabled: mayReview })
  const rows = useMemo(() => queue.data?.pages.flatMap((p) => p.items) ?? [], [queue.data])
  const pending = useMemo(() => corrections.data?.pages.flatMap((p) => p.items) ?? [], [corrections.data])
  const [done, setDone] = useState<ReviewOutcome[]>([])
  const doneRef = useRef<HTMLHeadingElement>(null)

  // The item that was acted on leaves the queue: focus moves to what happened to it.
  const onDone = useCallback((outcome: ReviewOutcome) => {
    setDone((list) => [outcome, ...list.filter((d) => d.key !== outcome.key)])
    setTimeout(() => doneRef.current?.focus(), 0)
  }, [])

  return (
    <section aria-labelledby="review-heading" className="page review-page">
      <title>{t('review:documentTitle')}</title>
      <h1 id="review-heading">{t('review:heading')}</h1>
      <p className="muted page-intro">{t('review:intro')}</p>

      {!mayReview ? (
        <p className="state-message state-empty">
          {t('review:notForYou', { role: t(`domain:role.${user.role}`).toLowerCase() })}
        </p>
      ) : null}

      {done.length > 0 ? (
        <section className="review-done" aria-labelledby="review-done-heading">
          <h2 id="review-done-heading" ref={doneRef} tabIndex={-1}>
            {t('review:done.heading')}
          </h2>
          <ul aria-live="polite">
            {done.map((d) => (
              <li key={d.key}>
                <DoneLine done={d} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {mayReview ? (
        <>
          <section className="review-section" aria-labelledby="corrections-heading">
            <h2 id="corrections-heading">{t('review:corrections.heading')}</h2>
            {corrections.isPending ? (
              <LoadingMessage>{t('review:corrections.loading')}</LoadingMessage>
            ) : null}
            {corrections.isError && !corrections.isFetchNextPageError ? (
              <ErrorMessage
                title={t('review:corrections.loadFailed')}
                error={corrections.error}
                onRetry={() => corrections.refetch()}
              />
            ) : null}
            {corrections.isSuccess && pending.length === 0 ? (
              <EmptyMessage>{t('review:corrections.empty')}</EmptyMessage>
            ) : null}
            {pending.length > 0 ? (
              <div className="review-list">
                {pending.map((item) => (
                  <CorrectionItem
                    key={item.id}
                    item={item}
                    user={user}
                    desk={desk}
                    onDone={onDone}
                    onVerdictsChanged={onVerdictsChanged}
                  />
                ))}
              </div>
            ) : null}
            {corrections.isFetchNextPageError ? (
              <ErrorMessage
                title={t('review:corrections.moreFailed')}
                error={corrections.error}
                onRetry={() => corrections.fetchNextPage()}
              />
            ) : null}
            {corrections.hasNextPage ? (
              <p className="more-row">
                <button
                  type="button"
                  onClick={() => corrections.fetchNextPage()}
                  disabled={corrections.isFetchingNextPage}
                >
                  {corrections.isFetchingNextPage
                    ? t('review:loadingMore')
                    : t('review:corrections.showMore')}
                </button>
              </p>
            ) : null}
          </section>

          <section className="review-section" aria-labelledby="verdicts-heading">
            <h2 id="verdicts-heading">{t('review:verdicts.heading')}</h2>
            {queue.isPending ? <LoadingMessage>{t('review:verdicts.loading')}</LoadingMessage> : null}
            {queue.isError && !queue.isFetchNextPageError ? (
              <ErrorMessage
                title={t('review:verdicts.loadFailed')}
                error={queue.error}
                onRetry={() => queue.refetch()}
              />
            ) : null}
            {queue.isSuccess && rows.length === 0 ? (
              <EmptyMessage>{t('review:verdicts.empty')}</EmptyMessage>
            ) : null}
            {rows.length > 0 ? (
              <>
                <p className="muted" role="status">
                  {queue.hasNextPage
                    ? t('review:verdicts.firstCount', { count: rows.length })
                    : t('review:verdicts.count', { count: rows.length })}
                </p>
                <div className="review-list">
                  {rows.map((row) => (
                    <ReviewItem
                      key={row.claimId}
                      row={row}
                      viewerId={user.id}
                      desk={desk}
                      disputeQuery={disputeQuery}
                      onDone={onDone}
                      onVerdictsChanged={onVerdictsChanged}
                    />
                  ))}
                </div>
              </>
            ) : null}
            {queue.isFetchNextPageError ? (
              <ErrorMessage
                title={t('review:verdicts.moreFailed')}
                error={queue.error}
                onRetry={() => queue.fetchNextPage()}
              />
            ) : null}
            {queue.hasNextPage ? (
              <p className="more-row">
                <button
                  type="button"
                  onClick={() => queue.fetchNextPage()}
                  disabled={queue.isFetchingNextPage}
                >
                  {queue.isFetchingNextPage ? t('review:loadingMore') : t('review:verdicts.showMore')}
                </button>
              </p>
            ) : null}
          </section>
        </>
      ) : null}
    </section>
  )
}
