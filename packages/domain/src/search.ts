/** The markers the database puts around matching words in a snippet (private-use characters). */
export const SNIPPET_OPEN = '\uE000'
export const SNIPPET_CLOSE = '\uE001'

const WORD = /[\p{L}\p{N}\p{M}_]+/gu
const MAX_TERMS = 16

/**
 * What a user typed, as an FTS5 query that cannot fail to parse: every word quoted (so AND, OR,
 * NOT, quotes, brackets and column filters are plain words), all words required, the last one
 * also matching as a prefix. null when nothing searchable is left.
 */
export function ftsQuery(input: string): string | null {
  const words = (input.normalize('NFC').match(WORD) ?? []).slice(0, MAX_TERMS)
  if (words.length === 0) return null
  return words.map((w, i) => (i === words.length - 1 ? `"${w}"*` : `"${w}"`)).join(' ')
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
