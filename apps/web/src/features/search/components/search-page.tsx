import { useQuery } from '@tanstack/react-query'
import { Trans, useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { SEARCH_LIMIT, searchQuery } from '../api/search.ts'
import { SearchHits } from './search-hits.tsx'
import './search.css'

/** The hits for the query in the address (/search?q=…), best first; the header's search box leads here. */
export function SearchPage() {
  const [params] = useSearchParams()
  const { t } = useTranslation(['search', 'common'])
  const q = (params.get('q') ?? '').trim()
  const quoted = { values: { q }, components: { q: <span dir="auto" /> } }
  const results = useQuery(searchQuery(q))
  const hits = results.data?.items ?? []

  return (
    <section aria-labelledby="search-heading" className="page">
      <title>{q ? t('titleQuery', { q }) : t('common:pageTitle', { title: t('title') })}</title>
      <h1 id="search-heading">{q ? <Trans t={t} i18nKey="headingQuery" {...quoted} /> : t('heading')}</h1>
      <p className="muted page-intro">{t('intro')}</p>
      {!q ? <EmptyMessage>{t('noQuery')}</EmptyMessage> : null}
      {q && results.isPending ? (
        <LoadingMessage>
          <Trans t={t} i18nKey="searching" {...quoted} />
        </LoadingMessage>
      ) : null}
      {results.error ? (
        <ErrorMessage title={t('failed')} error={results.error} onRetry={() => results.refetch()} />
      ) : null}
      {q && results.isSuccess ? (
        <p role="status" className="search-count muted">
          {hits.length === 0
            ? ''
            : hits.length === SEARCH_LIMIT
              ? t('best', { count: SEARCH_LIMIT })
              : t('hits', { count: hits.length })}
        </p>
      ) : null}
      {q && results.isSuccess && hits.length === 0 ? (
        <EmptyMessage>
          <Trans t={t} i18nKey="noMatch" {...quoted} />
        </EmptyMessage>
      ) : null}
      {hits.length > 0 ? <SearchHits hits={hits} label={t('hitsLabel', { q })} /> : null}
    </section>
  )
}
