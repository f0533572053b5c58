import type { ClaimLogFilters } from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { type ReactNode, useCallback, useMemo } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { claimLogQuery, filtersFromParams, filtersToParams, TEXT_LIMIT } from '../api/claim-log.ts'
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
  const { t } = useTranslation(['claimLog', 'common'])
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
      <title>{t('common:pageTitle', { title: t('title') })}</title>
      <div className="log-title">
        <h1 id="claim-log-heading">{t('title')}</h1>
      </div>
      <p className="muted page-intro">{t('intro')}</p>
      <ClaimLogFilterForm filters={filters} onChange={setFilters} />
      <ClaimLogExport filters={filters} />
      {importLink}
      {ignored.length > 0 ? (
        <p className="notice">
          <Trans
            t={t}
            i18nKey="leftOut"
            values={{
              params: ignored
                .map((p) =>
                  p.value === null ? t('tooLong', { key: p.key, limit: TEXT_LIMIT }) : `${p.key}=${p.value}`,
                )
                .join(', '),
            }}
            components={{ params: <span dir="auto" /> }}
          />
        </p>
      ) : null}
      <div className="log-summary">
        <p role="status" className="muted">
          {log.isSuccess
            ? log.hasNextPage
              ? t('loadedMore', { count: loaded })
              : t('count', { count: loaded })
            : ''}
        </p>
        {filtered ? (
          <button type="button" className="link-button" onClick={() => setFilters({})}>
            {t('common:clearFilters')}
          </button>
        ) : null}
      </div>
      {log.isPending ? <LoadingMessage>{t('loading')}</LoadingMessage> : null}
      {log.isError && !log.isFetchNextPageError ? (
        <ErrorMessage title={t('failed')} error={log.error} onRetry={() => log.refetch()} />
      ) : null}
      {log.isSuccess && loaded === 0 ? (
        <EmptyMessage>{filtered ? t('emptyFiltered') : t('empty')}</EmptyMessage>
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
