import { type Analysis, foldText, isStopWord, stemOf, tokensOf } from './words.ts'

/** The score from which two claims are shown as the same claim (matchScore). */
export const MATCH_THRESHOLD = 0.6

/** The most two claims score when both carry numbers and share none: "479 drones" is not "300 drones". */
export const NUMBERS_DIFFER_CAP = 0.2

// Two different words count as the same word from this trigram similarity on: another inflection in a
// language without a stemmer here (Ukrainian, Sinhala, Tamil, Spanish...), or a typo.
const SIMILAR_WORD = 0.5
// Shorter words share too few trigrams for their likeness to mean anything (යන and යනු, हुई and हुआ).
const SHORTEST_SIMILAR = 4
const NUMBER_WEIGHT = 4
const LONGEST_WEIGHT = 10

/** A part of a text, matching the query or not (the contract's MarkedText, a search hit's snippet). */
export interface TextPart {
  text: string
  match: boolean
}

/** How a scorer did on pairs known to match or not. */
export interface PairEvaluation {
  precision: number
  recall: number
  tp: number
  fp: number
  fn: number
  tn: number
}

/** A pair of claims, and whether they are the same claim. */
export interface LabelledPair {
  a: string
  b: string
  match: boolean
}

interface Term {
  key: string
  /** The folded word's trigrams, when a word may count by likeness (long enough, and no number). */
  grams: ReadonlySet<string> | null
  weight: number
}

// A text's terms, worked out once per analysis: the query's are compared with every candidate's.
const termsOfAnalysis = new WeakMap<Analysis, Term[]>()

/**
 * How much two claims are the same claim, from 0 to 1, the same on both engines: a weighted overlap of
 * their stems and numbers (longer words weigh more, as they are rarer), where two words that are not the
 * same stem still count by how alike they are (trigrams) when they are alike enough. When both carry
 * numbers and share none, at most NUMBERS_DIFFER_CAP.
 */
export function matchScore(query: Analysis, candidate: Analysis): number {
  const ours = termsOf(query)
  const theirs = termsOf(candidate)
  const total = sumWeights(ours) + sumWeights(theirs)
  if (total === 0) return 0
  const overlap = (coveredWeight(ours, theirs) + coveredWeight(theirs, ours)) / total
  return numbersDiffer(query, candidate) ? Math.min(overlap, NUMBERS_DIFFER_CAP) : overlap
}

function termsOf(analysis: Analysis): Term[] {
  const known = termsOfAnalysis.get(analysis)
  if (known) return known
  const words: Term[] = analysis.stems.map((stem, i) => ({
    key: stem,
    grams: likenessGrams(analysis.words[i] ?? stem),
    weight: Math.min([...stem].length, LONGEST_WEIGHT),
  }))
  const numbers: Term[] = analysis.numbers.map((n) => ({ key: `#${n}`, grams: null, weight: NUMBER_WEIGHT }))
  const terms = [...words, ...numbers]
  termsOfAnalysis.set(analysis, terms)
  return terms
}

function likenessGrams(word: string): ReadonlySet<string> | null {
  return [...word].length >= SHORTEST_SIMILAR ? trigramsOf(word) : null
}

function sumWeights(terms: Term[]): number {
  return terms.reduce((sum, term) => sum + term.weight, 0)
}

function coveredWeight(terms: Term[], others: Term[]): number {
  return terms.reduce((sum, term) => sum + term.weight * bestLikeness(term, others), 0)
}

function bestLikeness(term: Term, others: Term[]): number {
  let best = 0
  for (const other of others) {
    if (other.key === term.key) return 1
    if (term.grams === null || other.grams === null) continue
    // Sets this unlike in size cannot reach SIMILAR_WORD, whatever they share.
    if (2 * Math.min(term.grams.size, other.grams.size) < SIMILAR_WORD * (term.grams.size + other.grams.size))
      continue
    const likeness = dice(term.grams, other.grams)
    if (likeness >= SIMILAR_WORD && likeness > best) best = likeness
  }
  return best
}

function numbersDiffer(a: Analysis, b: Analysis): boolean {
  if (a.numbers.length === 0 || b.numbers.length === 0) return false
  return !a.numbers.some((n) => b.numbers.includes(n))
}

/** How alike two folded words are, 0 to 1: the Dice coefficient of their character trigrams. */
export function wordLikeness(a: string, b: string): number {
  return a === b ? 1 : dice(trigramsOf(a), trigramsOf(b))
}

function dice(ours: ReadonlySet<string>, theirs: ReadonlySet<string>): number {
  let shared = 0
  for (const gram of ours) if (theirs.has(gram)) shared++
  return (2 * shared) / (ours.size + theirs.size)
}

// Padded as pg_trgm pads (two spaces before, one after), so beginnings weigh more than endings: inflected
// forms share their beginning.
function trigramsOf(word: string): Set<string> {
  const chars = [...`  ${word} `]
  const grams = new Set<string>()
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''))
  return grams
}

/**
 * A text cut into parts, the words that make it match the query marked: words whose stem is one of the
 * query's (or alike enough to one of its words, as matchScore counts them) and numbers the query has.
 * Parts are of the text's NFC form.
 */
export function markMatches(text: string, query: Analysis): TextPart[] {
  const nfc = text.normalize('NFC')
  const queryTerms = termsOf(query)
  const parts: TextPart[] = []
  let at = 0
  for (const token of tokensOf(nfc)) {
    const match = token.numbers
      ? token.numbers.some((n) => query.numbers.includes(n))
      : wordMatches(foldText(token.text), queryTerms)
    if (!match) continue
    appendPart(parts, nfc.slice(at, token.start), false)
    appendPart(parts, token.text, true)
    at = token.start + token.text.length
  }
  appendPart(parts, nfc.slice(at), false)
  return parts
}

function wordMatches(word: string, queryTerms: Term[]): boolean {
  if (isStopWord(word)) return false
  return bestLikeness({ key: stemOf(word), grams: likenessGrams(word), weight: 1 }, queryTerms) > 0
}

/** Adds a piece of text to parts cut into plain and matching ones, joining it to the last part when alike. */
export function appendPart(parts: TextPart[], text: string, match: boolean): void {
  if (text === '') return
  const last = parts.at(-1)
  if (last?.match === match) last.text += text
  else parts.push({ text, match })
}

/**
 * Precision and recall of `score(a, b) >= threshold` over pairs known to match or not. Precision is 1
 * when nothing was called a match, recall 1 when no pair should match.
 */
export function evaluatePairs(
  pairs: readonly LabelledPair[],
  score: (a: string, b: string) => number,
  threshold = MATCH_THRESHOLD,
): PairEvaluation {
  let tp = 0
  let fp = 0
  let fn = 0
  let tn = 0
  for (const pair of pairs) {
    const called = score(pair.a, pair.b) >= threshold
    if (called && pair.match) tp++
    else if (called) fp++
    else if (pair.match) fn++
    else tn++
  }
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    tp,
    fp,
    fn,
    tn,
  }
}
