/** Where this browser keeps its recent searches, newest first. */
const STORAGE_KEY = 'counterclaim.recent-searches'

/** How many recent searches are kept. */
export const RECENT_SEARCHES_KEPT = 8

/** The searches this browser made, newest first; none when storage is unavailable or holds something else. */
export function readRecentSearches(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]')
    if (!Array.isArray(stored)) return []
    return stored
      .filter((q): q is string => typeof q === 'string' && q.trim() !== '')
      .slice(0, RECENT_SEARCHES_KEPT)
  } catch {
    return []
  }
}

/**
 * Puts a search first among the recent ones (once: the same words in another case count as the same search)
 * and keeps the last eight; answers the list as it now is.
 */
export function rememberSearch(q: string): string[] {
  const words = q.trim()
  if (!words) return readRecentSearches()
  const next = [words, ...readRecentSearches().filter((s) => s.toLowerCase() !== words.toLowerCase())].slice(
    0,
    RECENT_SEARCHES_KEPT,
  )
  write(next)
  return next
}

/** Forgets every recent search of this browser. */
export function clearRecentSearches(): void {
  write([])
}

function write(searches: string[]): void {
  try {
    if (searches.length === 0) localStorage.removeItem(STORAGE_KEY)
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(searches))
  } catch {
    // A browser that keeps nothing (private mode, storage full) still searches; it only remembers nothing.
  }
}
