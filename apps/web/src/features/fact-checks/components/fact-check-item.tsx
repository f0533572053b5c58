import type { FactCheck } from '@counterclaim/shared'
import { useId } from 'react'
import { Link } from 'react-router'
import { formatDay } from '../../../components/dates.ts'
import { RatingBadge } from '../../../components/verdict-badges.tsx'
import { AttachToDispute } from './attach-to-dispute.tsx'
import { languageName, safeHref } from './fact-check-words.ts'

/** The publisher's own rating and, where it maps, ours: "“Missing context” · Misleading on our scale". */
export function ExternalRatingLine({ rating }: { rating: FactCheck['rating'] }) {
  return (
    <p className="fc-rating">
      <span className="fc-rating-label">
        Their rating: <strong>{rating.label ? `“${rating.label}”` : 'none given'}</strong>
        {rating.value !== null && rating.best !== null ? (
          <span className="muted">
            {' '}
            ({rating.value} on their scale of {rating.worst ?? 1} to {rating.best})
          </span>
        ) : null}
      </span>{' '}
      <span className="fc-rating-ours">
        {rating.normalized ? (
          <>
            Our scale: <RatingBadge rating={rating.normalized} />
          </>
        ) : (
          <span className="muted">Not mapped to our scale</span>
        )}
      </span>
    </p>
  )
}

/**
 * One fact-check by another desk: the claim they reviewed, who published it, the claimant, the dates and
 * language, their rating with ours beside it, the link to their page, and "Attach to a dispute".
 * `headingLevel` fits it into the page it is on (a list item under the page's h1, or the page itself).
 */
export function FactCheckItem({
  factCheck,
  headingLevel,
  linkToDetail,
  onAttached,
}: {
  factCheck: FactCheck
  headingLevel: 1 | 2
  linkToDetail: boolean
  onAttached: (disputeId: string) => void
}) {
  const headingId = useId()
  const Heading = headingLevel === 1 ? 'h1' : 'h2'
  const publisherHref = safeHref(factCheck.publisher.url)
  const href = safeHref(factCheck.url)
  const claimDate = formatDay(factCheck.claimDate)
  const reviewDate = formatDay(factCheck.reviewDate)

  return (
    <article className="fact-check" aria-labelledby={headingId}>
      <p className="fc-publisher">
        {publisherHref ? (
          <a href={publisherHref} target="_blank" rel="noopener noreferrer">
            {factCheck.publisher.name}
          </a>
        ) : (
          factCheck.publisher.name
        )}
      </p>
      <Heading id={headingId} className="fc-claim">
        {linkToDetail ? (
          <Link to={`/fact-checks/${encodeURIComponent(factCheck.id)}`}>{factCheck.claimReviewed}</Link>
        ) : (
          factCheck.claimReviewed
        )}
      </Heading>
      <dl className="fc-facts">
        <div>
          <dt>Claimant</dt>
          <dd>{factCheck.claimant ?? 'Not named'}</dd>
        </div>
        <div>
          <dt>Claim made</dt>
          <dd>{claimDate || 'Not given'}</dd>
        </div>
        <div>
          <dt>Reviewed</dt>
          <dd>{reviewDate || 'Not given'}</dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{languageName(factCheck.language) || 'Not given'}</dd>
        </div>
      </dl>
      <ExternalRatingLine rating={factCheck.rating} />
      <div className="fc-actions">
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer" className="fc-link">
            Read their fact-check<span className="visually-hidden"> of “{factCheck.claimReviewed}”</span>
          </a>
        ) : null}
        <AttachToDispute factCheck={factCheck} onAttached={onAttached} />
      </div>
    </article>
  )
}
