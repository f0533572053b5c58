import { plainText } from './markdown.ts'
import { appendPart, type TextPart } from './matching.ts'
import { foldText, isStopWord, stemLanguageOf, stemOf, wordSpans, wordsOf } from './words.ts'

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

/**
 * One word as a term of the engine's full-text query: the word exactly, or the word or its stem as a prefix
 * (`("drones" OR "drone"*)`, `('drones' | 'drone':*)`), as ftsQuery and tsQuery write each word; with
 * `stem: false`, the word alone (`"drones"`).
 */
export function wordTerm(word: string, engine: 'sqlite' | 'postgres', options = { stem: true }): string {
  const term = options.stem ? expandedTerm(word) : { exact: word, prefix: null }
  return engine === 'postgres' ? tsTerm(term) : ftsTerm(term)
}

/** What a user typed as the full-text query of the engine the database runs on; null when empty. */
export function fullTextQuery(input: string, engine: 'sqlite' | 'postgres'): string | null {
  return engine === 'postgres' ? tsQuery(input) : ftsQuery(input)
}

/** How many words a snippet shows at most, how many of them before its first match, and about how long it is. */
const SNIPPET_WORDS = 16
const SNIPPET_LEAD = 4
const SNIPPET_CHARS = 240

/** A search hit's texts as the database holds them; `markdown` when the body is Markdown (a rationale). */
export interface SnippetSource {
  title: string
  body: string
  markdown: boolean
}

/**
 * A search hit's snippet, cut into plain and matching parts, the same on both engines: plain text (a
 * Markdown body is read through plainText, so no markup shows), whitespace collapsed, from the body when a
 * word of it matches what was searched, else from the title; at most SNIPPET_WORDS words from just before
 * the first match, with … where the text is cut. A word matches as the full-text query matches it: the
 * word itself, or a word beginning with its stem (or with the user's own prefix), case and accents aside.
 */
export function searchSnippet(input: string, source: SnippetSource): TextPart[] {
  const matches = snippetMatcher(input)
  const body = oneLine(source.markdown ? plainText(source.body) : source.body)
  const title = oneLine(source.title)
  const hasMatch = (text: string) => wordSpans(text).some((word) => matches(word.text))
  const text = hasMatch(body) ? body : hasMatch(title) ? title : body || title
  return cutAround(text, matches)
}

function oneLine(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim()
}

function snippetMatcher(input: string): (word: string) => boolean {
  const exact = new Set<string>()
  const prefixes: string[] = []
  for (const term of queryTerms(input) ?? []) {
    // wordsOf folds them and cuts them as the text is cut (a `_` typed inside a word parts it).
    for (const word of wordsOf(term.exact ?? '')) exact.add(word)
    prefixes.push(...wordsOf(term.prefix ?? ''))
  }
  return (word) => {
    const folded = foldText(word)
    return exact.has(folded) || prefixes.some((prefix) => folded.startsWith(prefix))
  }
}

function cutAround(text: string, matches: (word: string) => boolean): TextPart[] {
  const words = wordSpans(text)
  const first = Math.max(
    0,
    words.findIndex((word) => matches(word.text)),
  )
  let from = Math.max(0, Math.min(first - SNIPPET_LEAD, words.length - SNIPPET_WORDS))
  const endOf = (i: number) => {
    const word = words[i]
    return word ? word.start + word.text.length : 0
  }
  const startOf = (i: number) => (i === 0 ? 0 : (words[i]?.start ?? 0))
  // Long words (or a script written without spaces) keep the snippet short: words before the match give way first.
  while (from < first && endOf(first) - startOf(from) > SNIPPET_CHARS) from++
  let to = Math.max(from, first) + 1
  while (to < words.length && to - from < SNIPPET_WORDS && endOf(to) - startOf(from) <= SNIPPET_CHARS) to++
  const end = to >= words.length ? text.length : endOf(to - 1)
  const parts: TextPart[] = []
  if (from > 0) appendPart(parts, '…', false)
  let at = startOf(from)
  for (let i = from; i < to; i++) {
    const word = words[i]
    if (!word || !matches(word.text)) continue
    appendPart(parts, text.slice(at, word.start), false)
    appendPart(parts, word.text, true)
    at = word.start + word.text.length
  }
  appendPart(parts, text.slice(at, end), false)
  if (end < text.length) appendPart(parts, '…', false)
  return parts
}
