import type { ClaimLogFilters } from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { type ReactNode, useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { claimLogQuery, filtersFromParams, filtersToParams } from '../api/claim-log.ts'
import { ClaimLogExport } from './claim-log-export.tsx'
import { ClaimLogFilterForm } from './claim-log-filters.tsx'
import { ClaimLogTable } from './claim-log-table.tsx'
import '../../../components/data-table.css'
import './claim-log.css'

/**
 * Every claim across all disputes with its verdict: filters kept in the address (so a reload or a shared link
 * shows the same rows), a virtualised table fed page by page, and a CSV export of exactly those rows.
 * `importLink`: the way to the import screen, composed in by the app for those who may import.
 */
export function ClaimLogPage({ importLink }: { importLink?: ReactNode }) {
  const [params, setParams] = useSearchParams()
  const { filters, ignored } = useMemo(() => filtersFromParams(params), [params])
  const setFilters = useCallback(
    (next: ClaimLogFilters) => setParams(filtersToParams(next), { replace: true }),
    [setParams],
  )
  const log = useInfiniteQuery(claimLogQuery(filters))
  // Flattened once per new page, not once per scroll frame.
  const rows = useMemo(() => log.data?.pages.flatMap((p) => p.items) ?? [], [log.data])
  const loaded = rows.length
  const filtered = Object.keys(filters).length > 0

  return (
    <section aria-labelledby="claim-log-heading" className="page log-page">
      <title>Claim log · Counterclaim</title>
      <div className="log-title">
        <h1 id="claim-log-heading">Claim log</h1>
      </div>
      <p className="muted page-intro">
        One row per claim across every dispute, newest activity first. The export carries the same filters.
      </p>
      <ClaimLogFilterForm filters={filters} onChange={setFilters} />
      <ClaimLogExport filters={filters} />
      {importLink}
      {ignored.length > 0 ? (
        <p className="notice">
          Left out of the filters because the log cannot use them: {ignored.join(', ')}.
        </p>
      ) : null}
      <div className="log-summary">
        <p role="status" className="muted">
          {log.isSuccess
            ? log.hasNextPage
              ? `${loaded.toLocaleString('en-GB')} claims loaded; more load as you scroll.`
              : `${loaded.toLocaleString('en-GB')} ${loaded === 1 ? 'claim' : 'claims'}.`
            : ''}
        </p>
        {filtered ? (
          <button type="button" className="link-button" onClick={() => setFilters({})}>
            Clear filters
          </button>
        ) : null}
      </div>
      {log.isPending ? <LoadingMessage>Loading the claim log…</LoadingMessage> : null}
      {log.isError && !log.isFetchNextPageError ? (
        <ErrorMessage
          title="The claim log could not be loaded."
          error={log.error}
          onRetry={() => log.refetch()}
        />
      ) : null}
      {log.isSuccess && loaded === 0 ? (
        <EmptyMessage>
          {filtered ? 'No claims match these filters.' : 'No claims in the log yet.'}
        </EmptyMessage>
      ) : null}
      {loaded > 0 ? (
        <ClaimLogTable
          labelledBy="claim-log-heading"
          rows={rows}
          hasNextPage={log.hasNextPage}
          isFetchingNextPage={log.isFetchingNextPage}
          nextPageError={log.isFetchNextPageError ? log.error : null}
          fetchNextPage={log.fetchNextPage}
        />
      ) : null}
    </section>
  )
}
