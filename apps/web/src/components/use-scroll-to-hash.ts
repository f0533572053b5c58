import { useEffect } from 'react'
import { useLocation } from 'react-router'

/**
 * Once the page's content is there, moves to the element the address's fragment names (a claim's column, a
 * comment) and gives it the focus, as a browser does for a page it loads whole.
 */
export function useScrollToHash(ready: boolean): void {
  const { hash } = useLocation()
  useEffect(() => {
    if (!ready || hash.length < 2) return
    const target = document.getElementById(decodeURIComponent(hash.slice(1)))
    if (!target) return
    target.scrollIntoView({ block: 'start' })
    if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
    target.focus({ preventScroll: true })
  }, [ready, hash])
}
