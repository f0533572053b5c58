import type { ClaimLogRow } from '@counterclaim/shared'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ClaimantName } from '../../../components/claimant-name.tsx'
import { formatDay } from '../../../components/dates.ts'
import { RatingBadge, VerdictStatusBadge } from '../../../components/verdict-badges.tsx'

/** Each row's height in pixels: fixed, so 100,000 rows scroll without measuring any. */
const ROW_HEIGHT = 76
/** Start fetching the next page when the last row drawn is this close to the last row loaded. */
const PREFETCH_ROWS = 60

const COLUMNS = [
  { name: 'dispute', className: 'col-dispute' },
  { name: 'claimant', className: 'col-claimant' },
  { name: 'claim', className: 'col-claim' },
  { name: 'stated', className: 'col-date' },
  { name: 'rating', className: 'col-rating' },
  { name: 'summary', className: 'col-summary' },
  { name: 'status', className: 'col-status' },
  { name: 'published', className: 'col-date' },
  { name: 'evidence', className: 'col-evidence' },
] as const

export interface ClaimLogTableProps {
  labelledBy: string
  rows: ClaimLogRow[]
  hasNextPage: boolean
  isFetchingNextPage: boolean
  nextPageError: Error | null
  fetchNextPage: () => void
}

/**
 * The claim log as a real table whose body is virtualised: only the rows in view (and a few around them) are
 * in the DOM between two spacer rows, the header sticks while the body scrolls, and the next cursor page is
 * fetched as the reader nears the end of what is loaded. The scroll area takes focus, so arrow keys and Page
 * Down scroll it.
 */
export function ClaimLogTable({
  labelledBy,
  rows,
  hasNextPage,
  isFetchingNextPage,
  nextPageError,
  fetchNextPage,
}: ClaimLogTableProps) {
  const scrollRef = useRef<HTMLElement>(null)
  const { t } = useTranslation(['claimLog', 'common'])
  const headerRef = useRef<HTMLTableSectionElement>(null)
  const [headerHeight, setHeaderHeight] = useState(40)

  useLayoutEffect(() => {
    const header = headerRef.current
    if (!header) return
    const observer = new ResizeObserver(() => setHeaderHeight(header.offsetHeight))
    observer.observe(header)
    setHeaderHeight(header.offsetHeight)
    return () => observer.disconnect()
  }, [])

  const count = rows.length + (hasNextPage ? 1 : 0)
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    scrollMargin: headerHeight,
    getItemKey: (index) => rows[index]?.claimId ?? 'more',
  })
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.at(-1)?.index ?? 0

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !nextPageError && lastIndex >= rows.length - PREFETCH_ROWS) {
      fetchNextPage()
    }
  }, [hasNextPage, isFetchingNextPage, nextPageError, lastIndex, rows.length, fetchNextPage])

  const first = items[0]
  const last = items.at(-1)
  const padTop = first ? first.start - headerHeight : 0
  const padBottom = last ? virtualizer.getTotalSize() - (last.end - headerHeight) : 0

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroll area must take focus so the keyboard can scroll it
    <section ref={scrollRef} className="log-scroll" aria-label={t('rows')} tabIndex={0}>
      <table
        className="log-table"
        aria-labelledby={labelledBy}
        aria-rowcount={hasNextPage ? -1 : rows.length + 1}
      >
        <colgroup>
          {COLUMNS.map((column) => (
            <col key={column.name} className={column.className} />
          ))}
        </colgroup>
        <thead ref={headerRef}>
          <tr aria-rowindex={1}>
            {COLUMNS.map((column) => (
              <th scope="col" key={column.name}>
                {t(`column.${column.name}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row holds nothing focusable
            <tr aria-hidden="true" className="log-spacer" style={{ height: padTop }}>
              <td colSpan={COLUMNS.length} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index]
            if (!row) {
              return (
                <tr key={item.key} aria-rowindex={item.index + 2} className="log-more">
                  <td colSpan={COLUMNS.length}>
                    {nextPageError ? (
                      <span role="alert" className="error">
                        {t('moreFailed', { message: nextPageError.message })}{' '}
                        <button type="button" onClick={fetchNextPage}>
                          {t('common:tryAgain')}
                        </button>
                      </span>
                    ) : (
                      <span className="muted">{t('loadingMore')}</span>
                    )}
                  </td>
                </tr>
              )
            }
            return <LogRow key={item.key} row={row} rowIndex={item.index + 2} />
          })}
          {padBottom > 0 ? (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row holds nothing focusable
            <tr aria-hidden="true" className="log-spacer" style={{ height: padBottom }}>
              <td colSpan={COLUMNS.length} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  )
}

/** One claim's row; memoised, so scrolling renders only the rows that come into view. */
const LogRow = memo(function LogRow({ row, rowIndex }: { row: ClaimLogRow; rowIndex: number }) {
  // The row reads the catalogue itself: memoised, it would otherwise keep the words of the language it was drawn in.
  const { t } = useTranslation('claimLog')
  return (
    <tr aria-rowindex={rowIndex}>
      <td>
        <span className="clamp" dir="auto">
          {row.disputeTitle}
        </span>
      </td>
      <td>
        <ClaimantName className="clamp" claimant={row.claimant} />
      </td>
      <td>
        <Link to={`/disputes/${encodeURIComponent(row.disputeId)}`} className="clamp claim-link" dir="auto">
          {row.claimText}
        </Link>
      </td>
      <td className="nowrap">{formatDay(row.statedOn) || <span className="muted">{t('unknown')}</span>}</td>
      <td>
        <RatingBadge rating={row.rating} />
      </td>
      <td>
        <span className="clamp" dir="auto">
          {row.verdictSummary}
        </span>
      </td>
      <td>
        <VerdictStatusBadge status={row.verdictStatus} />
      </td>
      <td className="nowrap">{formatDay(row.publishedAt)}</td>
      <td className="evidence-counts">
        <span>{t('for', { count: row.supportingEvidence })}</span>
        <span>{t('against', { count: row.contradictingEvidence })}</span>
        <span>{t('context', { count: row.contextEvidence })}</span>
      </td>
    </tr>
  )
})
