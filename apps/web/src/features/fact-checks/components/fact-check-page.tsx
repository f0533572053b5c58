import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { formatMoment } from '../../../components/dates.ts'
import { ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { ApiError } from '../../../lib/api-client.ts'
import { factCheckQuery } from '../api/fact-checks.ts'
import { FactCheckItem } from './fact-check-item.tsx'
import { safeHref } from './fact-check-words.ts'
import './fact-checks.css'

/** One fact-check by another desk (where search leads): all of it, with where the claim appeared. */
export function FactCheckPage({ onAttached }: { onAttached: (disputeId: string) => void }) {
  const { id = '' } = useParams()
  const factCheck = useQuery(factCheckQuery(id))

  return (
    <section className="page fc-page fc-detail">
      <p className="back-link">
        <Link to="/fact-checks">← Fact-checks from other desks</Link>
      </p>
      {factCheck.isPending ? <LoadingMessage>Loading the fact-check…</LoadingMessage> : null}
      {factCheck.error ? (
        factCheck.error instanceof ApiError && factCheck.error.status === 404 ? (
          <>
            <h1>Fact-check not found</h1>
            <p>
              There is no fact-check at this address. <Link to="/fact-checks">See them all</Link>.
            </p>
          </>
        ) : (
          <ErrorMessage
            title="The fact-check could not be loaded."
            error={factCheck.error}
            onRetry={() => factCheck.refetch()}
          />
        )
      ) : null}
      {factCheck.data ? (
        <>
          <title>{`${factCheck.data.claimReviewed.slice(0, 60)} · Fact-checks · Counterclaim`}</title>
          <FactCheckItem
            factCheck={factCheck.data}
            headingLevel={1}
            linkToDetail={false}
            onAttached={onAttached}
          />
          <h2 className="fc-detail-heading">Where the claim appeared</h2>
          {factCheck.data.appearanceUrls.length > 0 ? (
            <ul className="fc-appearances">
              {factCheck.data.appearanceUrls.map((url) => {
                const href = safeHref(url)
                return (
                  <li key={url}>
                    {href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer">
                        {url}
                      </a>
                    ) : (
                      url
                    )}
                  </li>
                )
              })}
            </ul>
          ) : (
            <p className="muted">The publisher named no place.</p>
          )}
          <p className="muted small">
            First brought in {formatMoment(factCheck.data.createdAt)}
            {factCheck.data.feedId ? ' from a feed' : ''}; last changed{' '}
            {formatMoment(factCheck.data.updatedAt)}.
          </p>
        </>
      ) : null}
    </section>
  )
}
