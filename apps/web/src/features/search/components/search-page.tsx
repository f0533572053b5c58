import { useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { SEARCH_LIMIT, searchQuery } from '../api/search.ts'
import { SearchHits } from './search-hits.tsx'
import './search.css'

/** The hits for the query in the address (/search?q=…), best first; the header's search box leads here. */
export function SearchPage() {
  const [params] = useSearchParams()
  const q = (params.get('q') ?? '').trim()
  const results = useQuery(searchQuery(q))
  const hits = results.data?.items ?? []

  return (
    <section aria-labelledby="search-heading" className="page">
      <title>{q ? `“${q}” · Search · Counterclaim` : 'Search · Counterclaim'}</title>
      <h1 id="search-heading">{q ? `Search results for “${q}”` : 'Search'}</h1>
      <p className="muted page-intro">Claims, claimants, evidence and verdicts, best match first.</p>
      {!q ? (
        <EmptyMessage>Type words in the search box at the top of the page and press Enter.</EmptyMessage>
      ) : null}
      {q && results.isPending ? <LoadingMessage>Searching for “{q}”…</LoadingMessage> : null}
      {results.error ? (
        <ErrorMessage title="The search failed." error={results.error} onRetry={() => results.refetch()} />
      ) : null}
      {q && results.isSuccess ? (
        <p role="status" className="search-count muted">
          {hits.length === 0
            ? ''
            : hits.length === SEARCH_LIMIT
              ? `The ${SEARCH_LIMIT} best hits.`
              : hits.length === 1
                ? '1 hit.'
                : `${hits.length} hits.`}
        </p>
      ) : null}
      {q && results.isSuccess && hits.length === 0 ? (
        <EmptyMessage>
          Nothing matches “{q}”. Try fewer or different words; every word must appear.
        </EmptyMessage>
      ) : null}
      {hits.length > 0 ? <SearchHits hits={hits} label={`Hits for “${q}”`} /> : null}
    </section>
  )
}
