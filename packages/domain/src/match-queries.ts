import { wordTerm } from './search.ts'
import { isStopWord, stemOf, tokensOf } from './words.ts'

/** At most this many words and numbers of a text are asked for: the most telling ones. */
export const MATCH_QUERY_TERMS = 12
/** At most this many of them are numbers. */
const MATCH_QUERY_NUMBERS = 4
/** The trigram read asks for words of at least this many letters (FTS5's trigram tokenizer needs three). */
export const TRIGRAM_WORD = 4
/** How much of a word the SQLite trigram read asks for, from its start: the rest may be another ending or a typo. */
const TRIGRAM_HEAD = 0.75

/** What matching's candidate reads (packages/db's matchCandidates) ask the indexes for, in the engine's syntax. */
export interface MatchQueryTexts {
  /**
   * The telling words and numbers, most telling first (numbers, then the longest words), each one term of
   * the engine's full-text query: a word or its stem as a prefix (`("drones" OR "drone"*)`,
   * `('drones' | 'drone':*)`), a number in each way the word index may hold it.
   */
  terms: string[]
  /**
   * Each term as its word alone, without the other forms of its stem (a number as in `terms`): on SQLite a
   * prefix of a common stem makes FTS5 merge the lists of every word it begins (20 to 50 ms at a million
   * claims, against 1 ms for the words alone), so common words are counted and read by these.
   */
  words: string[]
  /**
   * For each term, what the trigram read asks for when the word index knows no record with the term (a typo,
   * a form no stemmer knows): on SQLite an FTS5 trigram phrase of the word's first three quarters (at least
   * TRIGRAM_WORD letters), on PostgreSQL the word, which pg_trgm compares by word similarity. Null for numbers
   * and shorter words.
   */
  similar: Array<string | null>
}

interface Picked {
  /** The word as written, or null for a number. */
  word: string | null
  /** A number's ways of being written, each a list of the tokens both indexes cut it into. */
  numberForms: string[][]
  position: number
  weight: number
}

/**
 * What a text is matched by, in the engine's query syntax. Stop words are dropped; numbers are kept (in
 * every way the word indexes may hold them: "10,000" is the token 10000 or the tokens 10 and 000); of the
 * rest, at most MATCH_QUERY_TERMS, the longest words first, as longer words are the rarer ones.
 */
export function matchQueries(text: string, engine: 'sqlite' | 'postgres'): MatchQueryTexts {
  const picked = tellingTerms(text)
  return {
    terms: picked.map((term) =>
      term.word === null ? numberTerm(term.numberForms, engine) : wordTerm(term.word, engine),
    ),
    words: picked.map((term) =>
      term.word === null
        ? numberTerm(term.numberForms, engine)
        : wordTerm(term.word, engine, { stem: false }),
    ),
    similar: picked.map((term) => (term.word === null ? null : similarQuery(term.word, engine))),
  }
}

function tellingTerms(text: string): Picked[] {
  const words: Picked[] = []
  const numbers: Picked[] = []
  const seenStems = new Set<string>()
  const seenNumbers = new Set<string>()
  for (const token of tokensOf(text)) {
    if (token.numbers) {
      for (const n of token.numbers) {
        if (seenNumbers.has(n)) continue
        seenNumbers.add(n)
        const written = token.numbers.length === 1 ? [token.text.match(/\p{Nd}+/gu) ?? []] : []
        numbers.push({ word: null, numberForms: numberForms(n, written), position: token.start, weight: 0 })
      }
      continue
    }
    if (isStopWord(token.text)) continue
    const stem = stemOf(token.text)
    if (seenStems.has(stem)) continue
    seenStems.add(stem)
    words.push({ word: token.text, numberForms: [], position: token.start, weight: [...token.text].length })
  }
  const keptNumbers = numbers.slice(0, MATCH_QUERY_NUMBERS)
  const keptWords = [...words]
    .sort((a, b) => b.weight - a.weight || a.position - b.position)
    .slice(0, MATCH_QUERY_TERMS - keptNumbers.length)
  return [...keptNumbers, ...keptWords]
}

/**
 * The ways a number (as numbersOf writes it: "10000", "3.5") is held by the word indexes, which cut at
 * every separator: its digits whole, its thousands as tokens of their own ("10 000"), a decimal part as a
 * token after the whole part; and the digit runs it was written with (other scripts' digits stay as written).
 */
function numberForms(canonical: string, written: string[][]): string[][] {
  const [whole = '', fraction] = canonical.split('.')
  const tail = fraction === undefined ? [] : [fraction]
  const forms = [[whole, ...tail]]
  if (whole.length > 3) forms.push([...thousands(whole), ...tail])
  forms.push(...written.filter((runs) => runs.length > 0))
  const seen = new Set<string>()
  return forms.filter((form) => {
    const key = form.join(' ')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function thousands(digits: string): string[] {
  const groups: string[] = []
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end))
  return groups
}

// A form of several tokens is a phrase: FTS5 reads a quoted string of several words as one, tsquery says
// <->. The tokens are digits only, so nothing in them is query syntax.
function numberTerm(forms: string[][], engine: 'sqlite' | 'postgres'): string {
  const written =
    engine === 'postgres'
      ? forms.map((form) => form.map((digits) => `'${digits}'`).join(' <-> '))
      : forms.map((form) => `"${form.join(' ')}"`)
  if (written.length === 1) return written[0] ?? ''
  return `(${written.join(engine === 'postgres' ? ' | ' : ' OR ')})`
}

// Lower case only: each engine folds the query as it folds its index (SQLite's trigram tokenizer keeps ё,
// PostgreSQL's cc_fold does not), so a word written as the text writes it is found.
function similarQuery(word: string, engine: 'sqlite' | 'postgres'): string | null {
  const letters = [...word.toLowerCase()]
  if (letters.length < TRIGRAM_WORD) return null
  if (engine === 'postgres') return letters.join('')
  // A run of letters, digits and marks: no quote can end the quoted phrase early.
  return `"${letters.slice(0, Math.max(TRIGRAM_WORD, Math.ceil(letters.length * TRIGRAM_HEAD))).join('')}"`
}
