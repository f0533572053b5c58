import { foldText, isStopWord, stemLanguageOf, stemOf } from './words.ts'

/** The markers the database puts around matching words in a snippet (private-use characters). */
export const SNIPPET_OPEN = '\uE000'
export const SNIPPET_CLOSE = '\uE001'

const WORD = /[\p{L}\p{N}\p{M}_]+(?:[\u200C\u200D]+[\p{L}\p{N}\p{M}_]+)*/gu
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
 * and `_`, with the zero-width joiners inside them (so AND, OR, NOT, quotes, brackets, operators and column filters are plain words or
 * nothing), at most MAX_TERMS of them, all required. The last one is the user's own prefix only when
 * they end it with `*`. null when nothing searchable is left. Both engines' queries are written from
 * these terms, each word widened to its stem (ftsQuery, tsQuery).
 */
export function searchTerms(input: string): SearchTerms | null {
  const text = input.normalize('NFC')
  const all = text.match(WORD) ?? []
  const words = all.slice(0, MAX_TERMS)
  if (words.length === 0) return null
  // A * after a word cut off by MAX_TERMS does not make the kept last word a prefix.
  return { words, prefix: all.length <= MAX_TERMS && PREFIX_END.test(text) }
}

/**
 * One word of a search: the word exactly, a prefix (the user's own `matern*`), or either (the word, or its
 * stem as a prefix). Both indexes hold words as written (folded, not stemmed), so inflections are found
 * by asking for the stem as a prefix: "hospitals" becomes "hospitals" or hospit*, and finds "hospital".
 */
interface QueryTerm {
  exact: string | null
  prefix: string | null
}

/** A stem shorter than this is no prefix worth reading the index for: the word is searched exactly. */
const MIN_STEM_PREFIX = 3

function queryTerms(input: string): QueryTerm[] | null {
  const terms = searchTerms(input)
  if (!terms) return null
  const last = terms.words.length - 1
  return terms.words.map((word, i) =>
    terms.prefix && i === last ? { exact: null, prefix: word } : expandedTerm(word),
  )
}

// The word stays beside its stem even when the stem's prefix covers it: a record holding the very word
// matches both, and ranks above one holding only another form of it.
function expandedTerm(word: string): QueryTerm {
  return { exact: word, prefix: stemPrefix(word) }
}

/**
 * The stem a word is also searched by as a prefix, or null to search it exactly: stop words (a prefix
 * like the* reads half the index), words of scripts without a stemmer, words with digits, short stems.
 */
function stemPrefix(word: string): string | null {
  if (stemLanguageOf(word) === null || isStopWord(word)) return null
  const stem = stemOf(word)
  if ([...stem].length < MIN_STEM_PREFIX) return null
  return asWritten(word, stem)
}

/**
 * The stem as the word writes it when the word begins with it: the engines fold the query as they fold the
 * index, but SQLite keeps ё where the stemmer read е, so "самолёты" must ask for самолёт*, not самолет*.
 */
function asWritten(word: string, stem: string): string {
  const lower = word.normalize('NFC').toLowerCase()
  const head = lower.slice(0, stem.length)
  return foldText(head) === stem ? head : stem
}

/**
 * What a user typed as an FTS5 query (SQLite) that cannot fail to parse: every word quoted, each
 * word with its stem as a prefix (`("drones" OR "drone"*)`), joined by AND.
 */
export function ftsQuery(input: string): string | null {
  const terms = queryTerms(input)
  if (!terms) return null
  // FTS5 reads two phrases side by side as AND, but not a bracketed group beside anything: say AND.
  return terms.map(ftsTerm).join(' AND ')
}

function ftsTerm({ exact, prefix }: QueryTerm): string {
  if (prefix === null) return `"${exact}"`
  if (exact === null) return `"${prefix}"*`
  return `("${exact}" OR "${prefix}"*)`
}

/**
 * What a user typed as a PostgreSQL `to_tsquery` text that cannot fail to parse: every word quoted
 * (a word holds no quote or backslash, so nothing in it is tsquery syntax), each word with its stem as
 * a prefix (`('drones' | 'drone':*)`), the groups joined by `&`.
 */
export function tsQuery(input: string): string | null {
  const terms = queryTerms(input)
  if (!terms) return null
  return terms.map(tsTerm).join(' & ')
}

function tsTerm({ exact, prefix }: QueryTerm): string {
  if (prefix === null) return `'${exact}'`
  if (exact === null) return `'${prefix}':*`
  return `('${exact}' | '${prefix}':*)`
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
