import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useCallback, useMemo, useRef, useState } from 'react'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { reviewQueueQuery, viewerQuery } from '../api/review.ts'
import { ReviewItem, type ReviewOutcome } from './review-item.tsx'
import './review.css'

/** Verdicts waiting for an editor: publish them, or return them to their authors with a note. */
export function ReviewQueuePage() {
  const viewer = useQuery(viewerQuery())
  const mayReview = viewer.data?.role === 'editor' || viewer.data?.role === 'admin'
  const queue = useInfiniteQuery({ ...reviewQueueQuery(), enabled: mayReview })
  const rows = useMemo(() => queue.data?.pages.flatMap((p) => p.items) ?? [], [queue.data])
  const [done, setDone] = useState<ReviewOutcome[]>([])
  const doneRef = useRef<HTMLHeadingElement>(null)

  // The item that was acted on leaves the queue: focus moves to what happened to it.
  const onDone = useCallback((outcome: ReviewOutcome) => {
    setDone((list) => [outcome, ...list.filter((d) => d.claimId !== outcome.claimId)])
    setTimeout(() => doneRef.current?.focus(), 0)
  }, [])

  return (
    <section aria-labelledby="review-heading" className="page review-page">
      <title>Review queue · Counterclaim</title>
      <h1 id="review-heading">Review queue</h1>
      <p className="muted page-intro">
        Verdicts submitted for review, newest first. Publishing puts a verdict on its public page; returning
        sends it back to its author as a draft, with your note.
      </p>

      {viewer.isPending ? <LoadingMessage>Loading…</LoadingMessage> : null}
      {viewer.error ? (
        <ErrorMessage
          title="Your account could not be read."
          error={viewer.error}
          onRetry={() => viewer.refetch()}
        />
      ) : null}
      {viewer.data && !mayReview ? (
        <p className="state-message state-empty">
          The review queue is for editors and admins. As a {viewer.data.role}, you submit verdicts for review
          from a dispute’s workbench.
        </p>
      ) : null}

      {done.length > 0 ? (
        <section className="review-done" aria-labelledby="review-done-heading">
          <h2 id="review-done-heading" ref={doneRef} tabIndex={-1}>
            Just reviewed
          </h2>
          <ul aria-live="polite">
            {done.map((d) => (
              <li key={d.claimId}>
                {d.outcome === 'published' ? (
                  <>
                    <strong>Published:</strong> {d.claimant} — “{d.claimLabel}”.{' '}
                    <a href={`/v/${encodeURIComponent(d.claimId)}`}>Read the public page</a>
                  </>
                ) : (
                  <>
                    <strong>Returned to its author:</strong> {d.claimant} — “{d.claimLabel}”.
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {mayReview ? (
        <>
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
                  <ReviewItem key={row.claimId} row={row} viewerId={viewer.data?.id ?? ''} onDone={onDone} />
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
              <button type="button" onClick={() => queue.fetchNextPage()} disabled={queue.isFetchingNextPage}>
                {queue.isFetchingNextPage ? 'Loading more…' : 'Show more verdicts'}
              </button>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  )
}
