import { type CSSProperties, type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** The row's claim columns, in order (an editing form in place of a claim counts as its column). */
function columnsOf(row: HTMLElement): HTMLElement[] {
  return Array.from(row.children).filter(
    (child): child is HTMLElement => child instanceof HTMLElement && child.classList.contains('claim-column'),
  )
}

/**
 * The claim columns' row. On a phone (the styles decide) it is a row to swipe, one claim at a time, with
 * where the reader is ("Claim 2 of 3", read out as it changes) and buttons to the previous and next claim for
 * keyboard and switch users; on a wide screen the claims stand side by side and the position stays hidden.
 */
export function ClaimRow({ style, children }: { style?: CSSProperties; children: ReactNode }) {
  const { t } = useTranslation('phone')
  const rowId = useId()
  const row = useRef<HTMLDivElement>(null)
  const [position, setPosition] = useState({ at: 0, count: 0 })

  useEffect(() => {
    const element = row.current
    if (!element) return
    // How much of each column shows inside the row; the one that shows most is where the reader is.
    const shown = new Map<Element, number>()
    const update = () => {
      const columns = columnsOf(element)
      let at = 0
      columns.forEach((column, index) => {
        if ((shown.get(column) ?? 0) > (shown.get(columns[at] as Element) ?? 0) + 0.01) at = index
      })
      setPosition((p) => (p.at === at && p.count === columns.length ? p : { at, count: columns.length }))
    }
    let visibility: IntersectionObserver | null = null
    const watch = () => {
      visibility?.disconnect()
      shown.clear()
      visibility = new IntersectionObserver(
        (entries) => {
          for (const entry of entries) shown.set(entry.target, entry.intersectionRatio)
          update()
        },
        { root: element, threshold: [0, 0.25, 0.5, 0.75, 0.9, 1] },
      )
      for (const column of columnsOf(element)) visibility.observe(column)
      update()
    }
    watch()
    // A claim added, removed or swapped for its editing form: watch the columns as they now are.
    const changes = new MutationObserver(watch)
    changes.observe(element, { childList: true })
    return () => {
      changes.disconnect()
      visibility?.disconnect()
    }
  }, [])

  const go = (step: number) => {
    const element = row.current
    const target = element ? columnsOf(element)[position.at + step] : undefined
    if (!element || !target) return
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches
    // The row is the columns' offset parent (position: relative), so offsetLeft is measured from its start.
    element.scrollTo({ left: target.offsetLeft, behavior: still ? 'auto' : 'smooth' })
  }
  const atFirst = position.at === 0
  const atLast = position.at >= position.count - 1

  return (
    <>
      {position.count > 1 ? (
        <div className="claim-position">
          <button
            type="button"
            className="small-button"
            aria-label={t('previousClaim')}
            aria-controls={rowId}
            aria-disabled={atFirst}
            onClick={() => go(-1)}
          >
            <span aria-hidden="true">← </span>
            {t('previous')}
          </button>
          <p role="status" className="claim-position-status">
            {t('claimPosition', { position: position.at + 1, count: position.count })}
          </p>
          <button
            type="button"
            className="small-button"
            aria-label={t('nextClaim')}
            aria-controls={rowId}
            aria-disabled={atLast}
            onClick={() => go(1)}
          >
            {t('next')}
            <span aria-hidden="true"> →</span>
          </button>
        </div>
      ) : null}
      <div ref={row} id={rowId} className="claim-columns" style={style}>
        {children}
      </div>
    </>
  )
}
