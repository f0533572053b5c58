import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * The evidence matrix's own scrolling box: on a narrow screen the matrix scrolls sideways inside it (the
 * evidence column stays at its left edge), and keyboard users reach it to scroll with the arrow keys.
 */
export function MatrixScroll({ children }: { children: ReactNode }) {
  const { t } = useTranslation('phone')
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region is reached by keyboard to scroll it
    <section className="matrix-scroll" aria-label={t('evidenceMatrix')} tabIndex={0}>
      {children}
    </section>
  )
}
