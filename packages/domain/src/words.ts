/// <reference path="./snowball-stemmers.d.ts" />
import { newStemmer, type Stemmer } from 'snowball-stemmers'
import { STOP_WORD_LISTS } from './stop-words.ts'

// Runs of letters, digits and marks; the zero-width joiners inside a word (Sinhala ශ්‍රී, Devanagari क्‍ष) are
// part of it.
const WORD = /[\p{L}\p{N}\p{M}]+(?:[\u200C\u200D]+[\p{L}\p{N}\p{M}]+)*/gu

// A run of digits with the separators people write inside numbers ("1,000", "1 000", "3.5", "1'000"),
// not glued to a word before it ("mh17" stays a word) nor cut inside a longer run of digits.
const NUMBER_RUN = /(?<![\p{L}\p{M}\p{N}])\p{Nd}+(?:[,.'’\u00A0\u202F\u2009 ]\p{Nd}+)*(?!\p{N})/u
const TOKEN = new RegExp(`(${NUMBER_RUN.source})|${WORD.source}`, 'gu')

// Accents fold away on the letters of the scripts both search indexes fold (Latin, Greek, Cyrillic). The
// vowel signs and viramas of Sinhala, Devanagari, Tamil, Bengali... are part of their words and stay.
const ACCENTED = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])(\p{M}+)/gu
// Letters that Unicode writes as a letter and a mark, yet are letters of their own in Ukrainian, Russian and
// Belarusian (й, ї, ў): neither index folds them, and the Russian stemmer reads й in its endings.
const LETTER_MARKS: Readonly<Record<string, string>> = { и: '\u0306', і: '\u0308', у: '\u0306' }

// Thousands written with a separator: at most three digits, then groups of exactly three, one separator
// throughout; then maybe a decimal part behind the other separator ("1,000.5", "1.000,5").
const GROUPED = /^([1-9]\d{0,2})((?:([,.'’\u00A0\u202F\u2009 ])\d{3})(?:\3\d{3})*)(?:([.,])(\d+))?$/
const DECIMAL = /^(\d+)(?:[.,](\d+))?$/
const SPACES = /[\u00A0\u202F\u2009 ]/
const NUMBER_CHUNK = /[^\u00A0\u202F\u2009 ]+/g
const SEPARATORS = /[,.'’]/

const NAME_SEPARATORS = /[\p{Pd}.'’‘ʼ`´\p{Z}\s\u200B\u2060\uFEFF]/gu

const stemmers = new Map<StemLanguage, Stemmer>()
const digitValues = new Map<string, number>()

/** The Snowball stemmers words are stemmed with, chosen by the script a word is written in. */
export type StemLanguage = 'english' | 'russian'

/** A word or a number of a text, where it stands in it; `numbers` is null for a word. */
export interface TextToken {
  text: string
  start: number
  numbers: string[] | null
}

/** What matching compares of a text. */
export interface Analysis {
  /** The stems of its words, stop words and numbers left out, each once, in the order they first appear. */
  stems: string[]
  /** Its numbers in one written form ("1000", "3.5"), each once. */
  numbers: string[]
  /** For each of `stems`, the first folded word that had it: what typos and unstemmed scripts compare by. */
  words: string[]
}

/**
 * Text as both search indexes see it: NFC, lower case, accents of Latin, Greek and Cyrillic letters removed
 * (é → e, ё → е; й and ї stay letters), the marks of every other script kept inside their words.
 */
export function foldText(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(ACCENTED, (_, base: string, marks: string) => base + keptMark(base, marks))
    .normalize('NFC')
}

function keptMark(base: string, marks: string): string {
  const own = LETTER_MARKS[base]
  return own !== undefined && marks.startsWith(own) ? own : ''
}

/** The folded words of a text: runs of letters, digits and marks, so a vowel sign never breaks a word. */
export function wordsOf(text: string): string[] {
  return foldText(text).match(WORD) ?? []
}

/** A word of a text, as written, and where it starts. */
export interface WordSpan {
  text: string
  start: number
}

/** The words of a text as written, with where each starts: the runs of letters, digits and marks wordsOf folds. */
export function wordSpans(text: string): WordSpan[] {
  return [...text.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index }))
}

/** True for a word of digits only (in any script). */
export function isNumberWord(word: string): boolean {
  return /^\p{Nd}+$/u.test(word)
}

/**
 * The stemmer a word takes by its script: English for Latin letters, Russian for Cyrillic (Ukrainian too:
 * Snowball has no Ukrainian stemmer); null for other scripts, mixed scripts and words holding digits.
 */
export function stemLanguageOf(word: string): StemLanguage | null {
  return languageOfFolded(foldText(word))
}

function languageOfFolded(folded: string): StemLanguage | null {
  if (/^[\p{Script=Latin}\p{M}]+$/u.test(folded)) return 'english'
  if (/^[\p{Script=Cyrillic}\p{M}]+$/u.test(folded)) return 'russian'
  return null
}

/** A word's stem ("drones" → "drone", "ударов" → "удар"), folded; the folded word itself when no stemmer fits. */
export function stemOf(word: string): string {
  return stemFolded(foldText(word))
}

// Snowball's stemmers take tens of microseconds a word, and matching stems every word of up to hundreds of
// candidates per request: the stems of words seen are kept (words repeat; the map is emptied when full).
const STEMS_KEPT = 100_000
const stems = new Map<string, string>()

function stemFolded(folded: string): string {
  const known = stems.get(folded)
  if (known !== undefined) return known
  const language = languageOfFolded(folded)
  const stem = language === null ? folded : stemmer(language).stem(folded)
  if (stems.size >= STEMS_KEPT) stems.clear()
  stems.set(folded, stem)
  return stem
}

function stemmer(language: StemLanguage): Stemmer {
  let found = stemmers.get(language)
  if (!found) {
    found = newStemmer(language)
    stemmers.set(language, found)
  }
  return found
}

let stopWords: ReadonlySet<string> | undefined

/** True for the function words of English, Spanish, Portuguese, French, German, Italian, Ukrainian, Russian. */
export function isStopWord(word: string): boolean {
  return isFoldedStopWord(foldText(word))
}

function isFoldedStopWord(folded: string): boolean {
  stopWords ??= new Set(Object.values(STOP_WORD_LISTS).flatMap(wordsOf))
  return stopWords.has(folded)
}

/**
 * The words and numbers of a text, in order, with where each starts. A number keeps its separators as
 * one token ("1,000") and carries the numbers it reads as; a number run that cannot be one number
 * ("2022 300") reads as several.
 */
export function tokensOf(text: string): TextToken[] {
  const tokens: TextToken[] = []
  for (const m of text.normalize('NFC').matchAll(TOKEN)) {
    if (m[1] === undefined) tokens.push({ text: m[0], start: m.index, numbers: null })
    else tokens.push(...numberTokens(m[1], m.index))
  }
  return tokens
}

// One token for a number written with spaces inside ("1 000"), one per part when the spaces part numbers.
function numberTokens(run: string, start: number): TextToken[] {
  if (groupedNumber(asciiDigits(run)) !== null || !SPACES.test(run)) {
    return [{ text: run, start, numbers: numbersOf(run) }]
  }
  const tokens: TextToken[] = []
  for (const m of run.matchAll(NUMBER_CHUNK)) {
    tokens.push({ text: m[0], start: start + m.index, numbers: numbersOf(m[0]) })
  }
  return tokens
}

/** The numbers a run of digits and separators stands for, written one way: "1 000" → ["1000"], "3,5" → ["3.5"]. */
export function numbersOf(run: string): string[] {
  const ascii = asciiDigits(run)
  const whole = groupedNumber(ascii)
  if (whole !== null) return [whole]
  return ascii.split(SPACES).flatMap(chunkNumbers)
}

function chunkNumbers(chunk: string): string[] {
  const grouped = groupedNumber(chunk)
  if (grouped !== null) return [grouped]
  const decimal = DECIMAL.exec(chunk)
  if (decimal?.[1] !== undefined) return [canonicalNumber(decimal[1], decimal[2])]
  return chunk
    .split(SEPARATORS)
    .filter((digits) => digits !== '')
    .map((digits) => canonicalNumber(digits))
}

function groupedNumber(ascii: string): string | null {
  const m = GROUPED.exec(ascii)
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) return null
  if (m[4] !== undefined && m[4] === m[3]) return null
  return canonicalNumber(m[1] + m[2].replaceAll(m[3], ''), m[5])
}

function canonicalNumber(integer: string, fraction = ''): string {
  const whole = integer.replace(/^0+(?=\d)/, '')
  const decimals = fraction.replace(/0+$/, '')
  return decimals ? `${whole}.${decimals}` : whole
}

function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => String(digitValue(digit)))
}

// Unicode keeps every script's decimal digits as consecutive runs of ten, 0 to 9, so a digit's value is
// how many digits stand right before it, modulo ten.
function digitValue(digit: string): number {
  const known = digitValues.get(digit)
  if (known !== undefined) return known
  const code = digit.codePointAt(0) ?? 0
  let before = 0
  while (/\p{Nd}/u.test(String.fromCodePoint(code - before - 1))) before++
  const value = before % 10
  digitValues.set(digit, value)
  return value
}

/** What matching compares of a text: its stems without stop words, and its numbers. */
export function analyze(text: string): Analysis {
  const wordOfStem = new Map<string, string>()
  const numbers = new Set<string>()
  for (const token of tokensOf(text)) {
    if (token.numbers) {
      for (const n of token.numbers) numbers.add(n)
      continue
    }
    const word = foldText(token.text)
    if (isFoldedStopWord(word)) continue
    const stem = stemFolded(word)
    if (!wordOfStem.has(stem)) wordOfStem.set(stem, word)
  }
  return { stems: [...wordOfStem.keys()], numbers: [...numbers], words: [...wordOfStem.values()] }
}

/**
 * The key two claimant names share when they name the same claimant: folded, without hyphens, dots,
 * apostrophes and spacing ("Donald-Trump", "donald  trump", "Dónald Trump" → "donaldtrump").
 */
export function claimantKey(name: string): string {
  return foldText(name).replace(NAME_SEPARATORS, '')
}
