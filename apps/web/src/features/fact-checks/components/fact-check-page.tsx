import { useQuery } from '@tanstack/react-query'
import { Trans, useTranslation } from 'react-i18next'
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
  const { t } = useTranslation('factChecks')
  const { id = '' } = useParams()
  const factCheck = useQuery(factCheckQuery(id))

  return (
    <section className="page fc-page fc-detail">
      <p className="back-link">
        <Link to="/fact-checks">← {t('list.heading')}</Link>
      </p>
      {factCheck.isPending ? <LoadingMessage>{t('detail.loading')}</LoadingMessage> : null}
      {factCheck.error ? (
        factCheck.error instanceof ApiError && factCheck.error.status === 404 ? (
          <>
            <h1>{t('detail.notFound')}</h1>
            <p>
              <Trans t={t} i18nKey="detail.notFoundText" components={{ all: <Link to="/fact-checks" /> }} />
            </p>
          </>
        ) : (
          <ErrorMessage
            title={t('detail.loadFailed')}
            error={factCheck.error}
            onRetry={() => factCheck.refetch()}
          />
        )
      ) : null}
      {factCheck.data ? (
        <>
          <title>{t('detail.documentTitle', { claim: factCheck.data.claimReviewed.slice(0, 60) })}</title>
          <FactCheckItem
            factCheck={factCheck.data}
            headingLevel={1}
            linkToDetail={false}
            onAttached={onAttached}
          />
          <h2 className="fc-detail-heading">{t('detail.appeared')}</h2>
          {factCheck.data.appearanceUrls.length > 0 ? (
            <ul className="fc-appearances">
              {factCheck.data.appearanceUrls.map((url) => {
                const href = safeHref(url)
                return (
                  <li key={url}>
                    {href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer" dir="auto">
                        {url}
                      </a>
                    ) : (
                      <span dir="auto">{url}</span>
                    )}
                  </li>
                )
              })}
            </ul>
          ) : (
            <p className="muted">{t('detail.noPlace')}</p>
          )}
          <p className="muted small">
            {t(factCheck.data.feedId ? 'detail.broughtInFromFeed' : 'detail.broughtIn', {
              created: formatMoment(factCheck.data.createdAt),
              updated: formatMoment(factCheck.data.updatedAt),
            })}
          </p>
        </>
      ) : null}
    </section>
  )
}
