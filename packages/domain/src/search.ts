/** The markers the database puts around matching words in a snippet (private-use characters). */
export const SNIPPET_OPEN = '\uE000'
export const SNIPPET_CLOSE = '\uE001'

const WORD = /[\p{L}\p{N}\p{M}_]+/gu
const MAX_TERMS = 16

/** The last word is a prefix only when `*` follows it directly, e.g. `matern*`. */
const PREFIX_END = /[\p{L}\p{N}\p{M}_]\*+\s*$/u

/** The words of what a user typed, and whether the last one is a prefix (`matern*`). */
export interface SearchTerms {
  words: string[]
  prefix: boolean
}

/**
 * What a user typed, cut into the words a full-text query asks for: runs of letters, digits, marks
 * and `_` (so AND, OR, NOT, quotes, brackets, operators and column filters are plain words or
 * nothing), at most MAX_TERMS of them, all required. Words match exactly; the last one also matches
 * as a prefix only when the user ends it with `*` (a prefix of a common word reads many index pages:
 * 107.5 ms instead of 18.7 ms at 1,000,000 claims, docs/decisions/0003-claim-log-hot-paths.md). null
 * when nothing searchable is left. Both engines' queries are written from these terms.
 */
export function searchTerms(input: string): SearchTerms | null {
  const text = input.normalize('NFC')
  const all = text.match(WORD) ?? []
  const words = all.slice(0, MAX_TERMS)
  if (words.length === 0) return null
  // A * after a word cut off by MAX_TERMS does not make the kept last word a prefix.
  return { words, prefix: all.length <= MAX_TERMS && PREFIX_END.test(text) }
}

/** What a user typed as an FTS5 query (SQLite) that cannot fail to parse: every word quoted. */
export function ftsQuery(input: string): string | null {
  const terms = searchTerms(input)
  if (!terms) return null
  const last = terms.words.length - 1
  return terms.words.map((w, i) => (terms.prefix && i === last ? `"${w}"*` : `"${w}"`)).join(' ')
}

/**
 * What a user typed as a PostgreSQL `to_tsquery` text that cannot fail to parse: every word quoted
 * (a word holds no quote or backslash, so nothing in it is tsquery syntax) and joined by `&`, the
 * last one `:*` when it is a prefix.
 */
export function tsQuery(input: string): string | null {
  const terms = searchTerms(input)
  if (!terms) return null
  const last = terms.words.length - 1
  return terms.words.map((w, i) => (terms.prefix && i === last ? `'${w}':*` : `'${w}'`)).join(' & ')
}

/** What a user typed as the full-text query of the engine the database runs on; null when empty. */
export function fullTextQuery(input: string, engine: 'sqlite' | 'postgres'): string | null {
  return engine === 'postgres' ? tsQuery(input) : ftsQuery(input)
}

/** A snippet with markers, cut into plain and matching parts. */
export function snippetParts(snippet: string): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = []
  let rest = snippet
  while (rest.length > 0) {
    const open = rest.indexOf(SNIPPET_OPEN)
    if (open === -1) {
      parts.push({ text: rest, match: false })
      break
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), match: false })
    const close = rest.indexOf(SNIPPET_CLOSE, open + 1)
    const end = close === -1 ? rest.length : close
    const text = rest.slice(open + 1, end)
    if (text) parts.push({ text, match: true })
    rest = close === -1 ? '' : rest.slice(close + 1)
  }
  return parts
}
