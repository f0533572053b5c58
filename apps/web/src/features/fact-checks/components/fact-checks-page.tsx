import { roleAtLeast, type SessionUser } from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useCallback, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import {
  type FactCheckFilters,
  factCheckListQuery,
  filtersFromParams,
  filtersToParams,
} from '../api/fact-checks.ts'
import { FactCheckFilterForm } from './fact-check-filters.tsx'
import { FactCheckItem } from './fact-check-item.tsx'
import { ImportPanel } from './import-panel.tsx'
import '../../../components/data-table.css'
import './fact-checks.css'

/**
 * Other desks' fact-checks: search and filters kept in the address (a reload or a shared link shows the
 * same list), newest review first, "Load more" for the next page. Editors import; admins manage feeds.
 */
export function FactChecksPage({
  user,
  onImported,
  onAttached,
}: {
  user: SessionUser
  /** After an import: what else shows fact-checks (search) is read again. */
  onImported: () => void
  /** After a fact-check became evidence of a dispute: that workbench is read again. */
  onAttached: (disputeId: string) => void
}) {
  const { t } = useTranslation('factChecks')
  const [params, setParams] = useSearchParams()
  const { filters, ignored } = useMemo(() => filtersFromParams(params), [params])
  const setFilters = useCallback(
    (next: FactCheckFilters) => setParams(filtersToParams(next), { replace: true }),
    [setParams],
  )
  const list = useInfiniteQuery(factCheckListQuery(filters))
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data])
  const filtered = Object.keys(filters).length > 0
  const mayImport = roleAtLeast(user.role, 'editor')
  const mayManageFeeds = roleAtLeast(user.role, 'admin')
  const [importing, setImporting] = useState(false)
  const importButton = useRef<HTMLButtonElement>(null)
  const importHeading = useId()

  return (
    <section aria-labelledby="fact-checks-heading" className="page fc-page">
      <title>{t('list.documentTitle')}</title>
      <div className="page-head">
        <h1 id="fact-checks-heading">{t('list.heading')}</h1>
        <div className="actions">
          {mayImport ? (
            <button
              type="button"
              ref={importButton}
              className={importing ? undefined : 'primary'}
              aria-expanded={importing}
              onClick={() => setImporting((v) => !v)}
            >
              {t('import.heading')}
            </button>
          ) : null}
          {mayManageFeeds ? <Link to="/fact-checks/feeds">{t('list.feeds')}</Link> : null}
        </div>
      </div>
      <p className="muted page-intro">{t('list.intro')}</p>
      {importing ? (
        <ImportPanel
          headingId={importHeading}
          onImported={onImported}
          onClose={() => {
            setImporting(false)
            requestAnimationFrame(() => importButton.current?.focus())
          }}
        />
      ) : null}
      <FactCheckFilterForm filters={filters} onChange={setFilters} />
      {ignored.length > 0 ? (
        <p className="muted">{t('list.ignored', { filters: ignored.join(', ') })}</p>
      ) : null}
      <div className="fc-summary">
        <p role="status" className="muted">
          {list.isSuccess
            ? list.hasNextPage
              ? t(filtered ? 'list.newestMatching' : 'list.newest', { count: items.length })
              : t(filtered && items.length ? 'list.countMatching' : 'list.count', { count: items.length })
            : ''}
        </p>
        {filtered ? (
          <button type="button" className="link-button" onClick={() => setFilters({})}>
            {t('list.clearFilters')}
          </button>
        ) : null}
      </div>
      {list.isPending ? <LoadingMessage>{t('list.loading')}</LoadingMessage> : null}
      {list.isError && !list.isFetchNextPageError ? (
        <ErrorMessage title={t('list.loadFailed')} error={list.error} onRetry={() => list.refetch()} />
      ) : null}
      {list.isSuccess && items.length === 0 ? (
        <EmptyMessage>
          {filtered ? t('list.noneMatch') : mayImport ? t('list.noneYetImport') : t('list.noneYet')}
        </EmptyMessage>
      ) : null}
      {items.length > 0 ? (
        <ul className="fc-list" aria-label={t('list.listLabel')}>
          {items.map((factCheck) => (
            <li key={factCheck.id}>
              <FactCheckItem factCheck={factCheck} headingLevel={2} linkToDetail onAttached={onAttached} />
            </li>
          ))}
        </ul>
      ) : null}
      {list.isFetchNextPageError ? (
        <ErrorMessage title={t('list.moreFailed')} error={list.error} onRetry={() => list.fetchNextPage()} />
      ) : null}
      {list.hasNextPage ? (
        <p className="more-row">
          <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? t('loadingMore') : t('loadMore')}
          </button>
        </p>
      ) : null}
    </section>
  )
}
