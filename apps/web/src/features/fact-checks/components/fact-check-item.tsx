import type { FactCheck } from '@counterclaim/shared'
import { useId } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { formatDay, formatNumber } from '../../../components/dates.ts'
import { RatingBadge } from '../../../components/verdict-badges.tsx'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
import { AttachToDispute } from './attach-to-dispute.tsx'
import { languageName, safeHref } from './fact-check-words.ts'

/** The publisher's own rating and, where it maps, ours: "“Missing context” · Misleading on our scale". */
export function ExternalRatingLine({ rating }: { rating: FactCheck['rating'] }) {
  const { t } = useTranslation('factChecks')
  return (
    <p className="fc-rating">
      <span className="fc-rating-label">
        {t('item.theirRating')}{' '}
        <strong>
          {rating.label ? (
            <Trans t={t} i18nKey="item.quoted" values={{ text: rating.label }} components={SENTENCE_TAGS} />
          ) : (
            t('item.noneGiven')
          )}
        </strong>
        {rating.value !== null && rating.best !== null ? (
          <span className="muted">
            {' '}
            {t('item.theirScale', {
              value: formatNumber(rating.value),
              worst: formatNumber(rating.worst ?? 1),
              best: formatNumber(rating.best),
            })}
          </span>
        ) : null}
      </span>{' '}
      <span className="fc-rating-ours">
        {rating.normalized ? (
          <>
            {t('item.ourScale')} <RatingBadge rating={rating.normalized} />
          </>
        ) : (
          <span className="muted">{t('item.notMapped')}</span>
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
  const { t } = useTranslation('factChecks')
  const headingId = useId()
  const Heading = headingLevel === 1 ? 'h1' : 'h2'
  const publisherHref = safeHref(factCheck.publisher.url)
  const href = safeHref(factCheck.url)
  const claimDate = formatDay(factCheck.claimDate)
  const reviewDate = formatDay(factCheck.reviewDate)

  return (
    <article className="fact-check" aria-labelledby={headingId}>
      <p className="fc-publisher" dir="auto">
        {publisherHref ? (
          <a href={publisherHref} target="_blank" rel="noopener noreferrer">
            {factCheck.publisher.name}
          </a>
        ) : (
          factCheck.publisher.name
        )}
      </p>
      <Heading id={headingId} className="fc-claim" dir="auto">
        {linkToDetail ? (
          <Link to={`/fact-checks/${encodeURIComponent(factCheck.id)}`}>{factCheck.claimReviewed}</Link>
        ) : (
          factCheck.claimReviewed
        )}
      </Heading>
      <dl className="fc-facts">
        <div>
          <dt>{t('item.claimant')}</dt>
          <dd>{factCheck.claimant ? <span dir="auto">{factCheck.claimant}</span> : t('item.notNamed')}</dd>
        </div>
        <div>
          <dt>{t('item.claimMade')}</dt>
          <dd>{claimDate || t('item.notGiven')}</dd>
        </div>
        <div>
          <dt>{t('item.reviewed')}</dt>
          <dd>{reviewDate || t('item.notGiven')}</dd>
        </div>
        <div>
          <dt>{t('item.language')}</dt>
          <dd>{languageName(factCheck.language) || t('item.notGiven')}</dd>
        </div>
      </dl>
      <ExternalRatingLine rating={factCheck.rating} />
      <div className="fc-actions">
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer" className="fc-link">
            {t('item.readTheirs')}
            <span className="visually-hidden">
              {' '}
              <Trans
                t={t}
                i18nKey="item.ofClaim"
                values={{ claim: factCheck.claimReviewed }}
                components={SENTENCE_TAGS}
              />
            </span>
          </a>
        ) : null}
        <AttachToDispute factCheck={factCheck} onAttached={onAttached} />
      </div>
    </article>
  )
}
