import { type DeskSettings, roleAtLeast, type SessionUser } from '@counterclaim/shared'
import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query'
import { useCallback, useMemo, useRef, useState } from 'react'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { type DisputeQuery, pendingCorrectionsQuery, reviewQueueQuery } from '../api/review.ts'
import { CorrectionItem } from './correction-item.tsx'
import { ReviewItem, type ReviewOutcome } from './review-item.tsx'
import './review.css'

/** One line of "Just reviewed": what happened, in words, with the public page where there is news there. */
function DoneLine({ done }: { done: ReviewOutcome }) {
  const publicPage = (
    <a href={`/v/${encodeURIComponent(done.claimId)}`}>
      Read the public page<span className="visually-hidden">: {done.claimLabel}</span>
    </a>
  )
  switch (done.outcome) {
    case 'published':
      return (
        <>
          <strong>Published:</strong> {done.context} — “{done.claimLabel}”. {publicPage}
        </>
      )
    case 'returned':
      return (
        <>
          <strong>Returned to its author:</strong> {done.context} — “{done.claimLabel}”.
        </>
      )
    case 'correction_approved':
      return (
        <>
          <strong>Rating change approved and published:</strong> “{done.claimLabel}” in “{done.context}”.{' '}
          {publicPage}
        </>
      )
    case 'correction_rejected':
      return (
        <>
          <strong>Rating change rejected:</strong> “{done.claimLabel}” in “{done.context}”. The public page is
          unchanged.
        </>
      )
    case 'correction_withdrawn':
      return (
        <>
          <strong>Proposal taken back:</strong> “{done.claimLabel}” in “{done.context}”. The public page is
          unchanged.
        </>
      )
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
      <title>Review queue · Counterclaim</title>
      <h1 id="review-heading">Review queue</h1>
      <p className="muted page-intro">
        Rating changes to published fact checks that need a second editor, then verdicts submitted for review.
        Publishing puts a verdict on its public page; returning sends it back to its author as a draft, with
        your note.
      </p>

      {!mayReview ? (
        <p className="state-message state-empty">
          The review queue is for editors and admins. As a {user.role}, you submit verdicts for review from a
          dispute’s workbench.
        </p>
      ) : null}

      {done.length > 0 ? (
        <section className="review-done" aria-labelledby="review-done-heading">
          <h2 id="review-done-heading" ref={doneRef} tabIndex={-1}>
            Just reviewed
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
            <h2 id="corrections-heading">Corrections to approve</h2>
            {corrections.isPending ? (
              <LoadingMessage>Loading the proposed rating changes…</LoadingMessage>
            ) : null}
            {corrections.isError && !corrections.isFetchNextPageError ? (
              <ErrorMessage
                title="The proposed rating changes could not be loaded."
                error={corrections.error}
                onRetry={() => corrections.refetch()}
              />
            ) : null}
            {corrections.isSuccess && pending.length === 0 ? (
              <EmptyMessage>No rating changes are waiting for a second editor.</EmptyMessage>
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
                title="More proposed rating changes could not be loaded."
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
                  {corrections.isFetchingNextPage ? 'Loading more…' : 'Show more rating changes'}
                </button>
              </p>
            ) : null}
          </section>

          <section className="review-section" aria-labelledby="verdicts-heading">
            <h2 id="verdicts-heading">Verdicts to publish</h2>
            {queue.isPending ? <LoadingMessage>Loading the verdicts in review…</LoadingMessage> : null}
            {queue.isError && !queue.isFetchNextPageError ? (
              <ErrorMessage
                title="The review queue could not be loaded."
                error={queue.error}
                onRetry={() => queue.refetch()}
              />
            ) : null}
            {queue.isSuccess && rows.length === 0 ? (
              <EmptyMessage>No verdicts are waiting for review.</EmptyMessage>
            ) : null}
            {rows.length > 0 ? (
              <>
                <p className="muted" role="status">
                  {queue.hasNextPage
                    ? `The first ${rows.length} verdicts in review.`
                    : `${rows.length} ${rows.length === 1 ? 'verdict' : 'verdicts'} in review.`}
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
                title="More verdicts could not be loaded."
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
                  {queue.isFetchingNextPage ? 'Loading more…' : 'Show more verdicts'}
                </button>
              </p>
            ) : null}
          </section>
        </>
      ) : null}
    </section>
  )
}
