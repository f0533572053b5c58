import { LIMITS, type Rating } from '@counterclaim/shared'
import { Parser } from 'htmlparser2'
import { trimAtWord } from './claim-review.ts'
import { normalizeRating, type PublisherRating } from './rating-labels.ts'

// Reads other fact-checkers' ClaimReview as they publish it: a single object, a list, an @graph, a
// DataFeed, or an HTML page's JSON-LD blocks. Real publishers bend schema.org in many ways, so every
// field is read leniently, and a fact-check that cannot be used is skipped with its reason instead of
// failing the whole document.

/** A publisher's rating with, where it can be mapped, ours. */
export interface ExternalRating extends PublisherRating {
  normalized: Rating | null
}

/** One fact-check published by another desk, as read from its ClaimReview. */
export interface ExternalFactCheck {
  /** The fact-check's page (absolute http or https). */
  url: string
  publisher: { name: string; url: string | null }
  claimReviewed: string
  claimant: string | null
  /** YYYY-MM-DD */
  claimDate: string | null
  /** YYYY-MM-DD */
  reviewDate: string | null
  /** The primary language subtag, lower case ("es"). */
  language: string | null
  appearanceUrls: string[]
  rating: ExternalRating
}

/** The fact-checks read from one document, and the candidates skipped, each by its place in the document. */
export interface ReadResult {
  items: Array<{ index: number; factCheck: ExternalFactCheck }>
  skipped: Array<{ index: number; reason: string }>
}

/** The whole document cannot be read (a JSON body that is not JSON). */
export class ClaimReviewReadError extends Error {
  override name = 'ClaimReviewReadError'
}

/** How much of one document is read, so that a hostile one cannot exhaust the server. */
export const CLAIM_REVIEW_READ_LIMITS = {
  /** Fact-checks (and skipped candidates) read from one document. */
  items: 10_000,
  /** Levels of nesting followed while looking for fact-checks. */
  depth: 32,
  /** Appearance links kept for one claim. */
  appearances: 50,
} as const

type JsonObject = Record<string, unknown>

// Keys never searched for nodes: the context only defines terms, and a "__proto__" key (an own
// property, as JSON.parse makes it) is no schema.org property and a classic way in for attacks.
const UNREAD_KEYS: ReadonlySet<string> = new Set(['@context', '__proto__'])
type Outcome<T> = { value: T } | { reason: string }

interface Reading {
  /** Nodes by their @id, for references such as `"author": {"@id": "#org"}`. */
  ids: Map<string, JsonObject>
  baseUrl: string | null
  /** The HTML page's lang, for fact-checks that do not name their language. */
  pageLanguage: string | null
  result: ReadResult
  next: number
  full: boolean
}

/**
 * Reads the ClaimReviews of a JSON body or an HTML page. Throws ClaimReviewReadError only when a
 * JSON body is not JSON; anything unusable inside is skipped with its reason.
 */
export function readClaimReviews(
  body: string,
  format: 'json' | 'html',
  options: { baseUrl?: string } = {},
): ReadResult {
  const reading: Reading = {
    ids: new Map(),
    baseUrl: options.baseUrl ?? null,
    pageLanguage: null,
    result: { items: [], skipped: [] },
    next: 0,
    full: false,
  }
  if (format === 'json') readJsonBody(body, reading)
  else readHtmlBody(body, reading)
  return reading.result
}

function readJsonBody(body: string, reading: Reading): void {
  const parsed = parseJson(body)
  if (!parsed.ok) throw new ClaimReviewReadError('The body is not valid JSON.')
  indexNodes(parsed.value, reading.ids, 0)
  visit(parsed.value, reading, 0, true)
}

function readHtmlBody(body: string, reading: Reading): void {
  const page = scanHtml(body)
  reading.pageLanguage = languageTag(page.language)
  const blocks = page.blocks.map((block) => parseJson(unwrapScript(block)))
  for (const block of blocks) if (block.ok) indexNodes(block.value, reading.ids, 0)
  blocks.forEach((block, n) => {
    if (block.ok) visit(block.value, reading, 0, false)
    else skip(reading, `JSON-LD block ${n + 1} on the page is not valid JSON`)
  })
}

// --- Finding the candidates ------------------------------------------------------------------------

/**
 * Walks the document for ClaimReviews. In a strict place (the body itself, a list, a feed's
 * elements) whatever is found must be a fact-check, and anything else is skipped with its reason;
 * elsewhere (an @graph, a page's blocks, the properties of other nodes) other nodes pass silently.
 */
function visit(value: unknown, reading: Reading, depth: number, strict: boolean): void {
  if (reading.full) return
  if (depth > CLAIM_REVIEW_READ_LIMITS.depth) {
    if (strict) skip(reading, `nested more than ${CLAIM_REVIEW_READ_LIMITS.depth} levels deep`)
    return
  }
  if (Array.isArray(value)) {
    for (const element of value) {
      if (reading.full) return
      visit(element, reading, depth + 1, strict)
    }
  } else if (isObject(value)) {
    visitNode(value, reading, depth, strict)
  } else if (strict) {
    skip(reading, 'not a ClaimReview: not an object')
  }
}

function visitNode(node: JsonObject, reading: Reading, depth: number, strict: boolean): void {
  const types = typesOf(node)
  if (isClaimReview(node, types)) readCandidate(node, reading)
  else if (types.has('datafeed')) visitFeed(node, reading, depth)
  else if (types.has('datafeeditem')) visitFeedItem(node, reading, depth)
  else if (isBareReference(node)) visitReference(node, reading, strict)
  else visitProperties(node, types, reading, depth, strict)
}

// Other nodes may hold ClaimReviews in their properties (a WebPage's mainEntity, an @graph).
function visitProperties(
  node: JsonObject,
  types: ReadonlySet<string>,
  reading: Reading,
  depth: number,
  strict: boolean,
): void {
  const before = reading.next
  for (const [key, value] of Object.entries(node)) {
    if (!UNREAD_KEYS.has(key)) visit(value, reading, depth + 1, false)
  }
  if (strict && reading.next === before) skip(reading, notClaimReviewReason(node, types))
}

function visitFeed(feed: JsonObject, reading: Reading, depth: number): void {
  for (const element of listOf(field(feed, 'dataFeedElement'))) {
    if (reading.full) return
    visit(element, reading, depth + 1, true)
  }
}

function visitFeedItem(item: JsonObject, reading: Reading, depth: number): void {
  const inside = field(item, 'item')
  if (inside === undefined || inside === null) skip(reading, 'the feed item holds no ClaimReview')
  else visit(inside, reading, depth + 1, true)
}

// A reference stands for a node written elsewhere in the document, which is read where it stands.
function visitReference(node: JsonObject, reading: Reading, strict: boolean): void {
  const id = field(node, '@id')
  if (strict && typeof id === 'string' && !reading.ids.has(id)) {
    skip(reading, `refers to ${shown(id)}, which is not in this document`)
  }
}

function notClaimReviewReason(node: JsonObject, types: ReadonlySet<string>): string {
  if (types.size > 0) return `not a ClaimReview: ${shown(firstTypeAsWritten(node))}`
  if (field(node, '@graph') !== undefined) return 'no ClaimReview in its @graph'
  return 'not a ClaimReview: it has no @type'
}

function readCandidate(node: JsonObject, reading: Reading): void {
  const index = takeIndex(reading)
  if (index === null) return
  const read = readFactCheck(node, reading)
  if ('reason' in read) reading.result.skipped.push({ index, reason: read.reason })
  else reading.result.items.push({ index, factCheck: read.value })
}

function skip(reading: Reading, reason: string): void {
  const index = takeIndex(reading)
  if (index !== null) reading.result.skipped.push({ index, reason })
}

/** The next candidate's index, or null once the document's allowance is used up. */
function takeIndex(reading: Reading): number | null {
  if (reading.full) return null
  if (reading.next >= CLAIM_REVIEW_READ_LIMITS.items) {
    reading.full = true
    const limit = CLAIM_REVIEW_READ_LIMITS.items.toLocaleString('en')
    reading.result.skipped.push({
      index: reading.next,
      reason: `only the first ${limit} fact-checks of a document are read`,
    })
    return null
  }
  return reading.next++
}

/** Records every node written with an @id (not mere references), keeping the fullest when the same @id is written more than once. */
function indexNodes(value: unknown, ids: Map<string, JsonObject>, depth: number): void {
  if (depth > CLAIM_REVIEW_READ_LIMITS.depth) return
  if (Array.isArray(value)) {
    for (const element of value) indexNodes(element, ids, depth + 1)
    return
  }
  if (!isObject(value)) return
  const id = field(value, '@id')
  if (typeof id === 'string' && !isBareReference(value)) {
    const known = ids.get(id)
    if (!known || Object.keys(known).length < Object.keys(value).length) ids.set(id, value)
  }
  for (const [key, inner] of Object.entries(value)) {
    if (!UNREAD_KEYS.has(key)) indexNodes(inner, ids, depth + 1)
  }
}

// --- Reading one ClaimReview ---------------------------------------------------------------------

function readFactCheck(node: JsonObject, reading: Reading): Outcome<ExternalFactCheck> {
  const url = readReviewUrl(node, reading)
  if ('reason' in url) return url
  const claimReviewed = readClaimReviewed(node)
  if ('reason' in claimReviewed) return claimReviewed
  const claim = firstObject(field(node, 'itemReviewed'), reading)
  return {
    value: {
      url: url.value,
      publisher: readPublisher(node, reading, url.value),
      claimReviewed: claimReviewed.value,
      claimant: claim ? (parties(field(claim, 'author'), reading)[0]?.name ?? null) : null,
      claimDate: claim ? dateOnly(textOf(field(claim, 'datePublished'))) : null,
      reviewDate: dateOnly(textOf(field(node, 'datePublished'))),
      language: languageOf(field(node, 'inLanguage'), reading) ?? reading.pageLanguage,
      appearanceUrls: claim ? readAppearances(claim, reading) : [],
      rating: readRating(node, reading),
    },
  }
}

function readReviewUrl(node: JsonObject, reading: Reading): Outcome<string> {
  const text = cleanLine(textOf(field(node, 'url')), LIMITS.url + 1)
  if (!text) return { reason: 'no url' }
  return checkedUrl(text, reading.baseUrl)
}

function readClaimReviewed(node: JsonObject): Outcome<string> {
  const text = textOf(field(node, 'claimReviewed'))
  if (text === null) return { reason: 'no claimReviewed' }
  const claimReviewed = cleanLine(text, LIMITS.claimText)
  return claimReviewed ? { value: claimReviewed } : { reason: 'claimReviewed is empty' }
}

interface Party {
  name: string
  url: string | null
  person: boolean
}

/**
 * The organisation behind the fact-check: an author that is not a Person (the desk), else the
 * publisher, else the first named author, else the site the fact-check is on.
 */
function readPublisher(
  node: JsonObject,
  reading: Reading,
  reviewUrl: string,
): ExternalFactCheck['publisher'] {
  const authors = parties(field(node, 'author'), reading)
  const chosen =
    authors.find((a) => !a.person) ?? parties(field(node, 'publisher'), reading)[0] ?? authors[0] ?? null
  return chosen ? { name: chosen.name, url: chosen.url } : siteOf(reviewUrl)
}

/** The named people or organisations in a value that may be one, a list, a reference or a bare name. */
function parties(value: unknown, reading: Reading): Party[] {
  return listOf(value).flatMap((entry) => {
    const found = partyOf(resolve(entry, reading), reading)
    return found ? [found] : []
  })
}

function partyOf(value: unknown, reading: Reading): Party | null {
  if (typeof value === 'string') {
    const name = cleanLine(value, LIMITS.name)
    return name ? { name, url: null, person: false } : null
  }
  if (!isObject(value)) return null
  const name = cleanLine(textOf(field(value, 'name')), LIMITS.name)
  if (!name) return null
  return {
    name,
    url: httpUrl(textOf(field(value, 'url')), reading.baseUrl),
    person: typesOf(value).has('person'),
  }
}

function siteOf(url: string): ExternalFactCheck['publisher'] {
  const parsed = new URL(url)
  return { name: parsed.hostname.replace(/^www\./, ''), url: `${parsed.protocol}//${parsed.host}/` }
}

function readAppearances(claim: JsonObject, reading: Reading): string[] {
  const entries = [...listOf(field(claim, 'appearance')), ...listOf(field(claim, 'firstAppearance'))]
  const urls = new Set<string>()
  for (const entry of entries) {
    if (urls.size >= CLAIM_REVIEW_READ_LIMITS.appearances) break
    const url = appearanceUrl(resolve(entry, reading), reading)
    if (url) urls.add(url)
  }
  return [...urls]
}

function appearanceUrl(entry: unknown, reading: Reading): string | null {
  if (!isObject(entry)) return httpUrl(textOf(entry), reading.baseUrl)
  // An unresolved {"@id": "https://…"} names the page itself.
  return httpUrl(textOf(field(entry, 'url')), reading.baseUrl) ?? httpUrl(textOf(field(entry, '@id')), null)
}

function readRating(node: JsonObject, reading: Reading): ExternalRating {
  const rating = firstObject(field(node, 'reviewRating'), reading)
  const publisherRating: PublisherRating = {
    label: rating ? firstText(rating, ['alternateName', 'name'], LIMITS.summary) : null,
    value: rating ? numberOf(field(rating, 'ratingValue')) : null,
    best: rating ? numberOf(field(rating, 'bestRating')) : null,
    worst: rating ? numberOf(field(rating, 'worstRating')) : null,
  }
  return { ...publisherRating, normalized: normalizeRating(publisherRating) }
}

function languageOf(value: unknown, reading: Reading): string | null {
  for (const entry of listOf(value)) {
    const resolved = resolve(entry, reading)
    // A schema.org Language object keeps its code in alternateName, sometimes in name.
    const texts = isObject(resolved)
      ? [field(resolved, 'alternateName'), field(resolved, 'name'), field(resolved, '@value')]
      : [resolved]
    for (const text of texts) {
      const tag = languageTag(textOf(text))
      if (tag) return tag
    }
  }
  return null
}

// --- Values --------------------------------------------------------------------------------------

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A node's own property: never one inherited through its prototype. */
function field(node: JsonObject, key: string): unknown {
  return Object.hasOwn(node, key) ? node[key] : undefined
}

/** A value that may be one thing or a list, as a list (of at most the item limit). */
function listOf(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value.slice(0, CLAIM_REVIEW_READ_LIMITS.items) : [value]
}

function isBareReference(node: JsonObject): boolean {
  return Object.keys(node).every((key) => key === '@id') && typeof field(node, '@id') === 'string'
}

/** The node a reference points to within the document (`{"@id": …}` or an @id as a string), else the value. */
function resolve(value: unknown, reading: Reading): unknown {
  const id = typeof value === 'string' ? value : isObject(value) ? field(value, '@id') : undefined
  return typeof id === 'string' ? (reading.ids.get(id) ?? value) : value
}

function firstObject(value: unknown, reading: Reading): JsonObject | null {
  for (const entry of listOf(value)) {
    const resolved = resolve(entry, reading)
    if (isObject(resolved)) return resolved
  }
  return null
}

/** The text of a string, a JSON-LD value object, or the first of a list of them. */
function textOf(value: unknown): string | null {
  for (const entry of Array.isArray(value) ? value : [value]) {
    if (typeof entry === 'string') return entry
    if (isObject(entry) && typeof field(entry, '@value') === 'string') return String(field(entry, '@value'))
  }
  return null
}

function firstText(node: JsonObject, keys: readonly string[], max: number): string | null {
  for (const key of keys) {
    const text = cleanLine(textOf(field(node, key)), max)
    if (text) return text
  }
  return null
}

/** One line of text: no NUL (no database text can hold it), whitespace collapsed, cut at `max`. */
function cleanLine(text: string | null, max: number): string {
  return text === null ? '' : trimAtWord(text.replaceAll('\u0000', ''), max)
}

/** A number, or a numeric string ("4", "3.5", "3,5"), else null. */
function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  const text = textOf(value)?.trim()
  if (!text || !/^[+-]?\d+(?:[.,]\d+)?$/.test(text)) return null
  return Number(text.replace(',', '.'))
}

/** The calendar date a date or date-time is written with (before any time and offset), if it is one. */
function dateOnly(text: string | null): string | null {
  const match = text?.trim().match(/^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/)
  if (!match) return null
  const [, year, month, day] = match.map(Number)
  if (year === undefined || month === undefined || day === undefined) return null
  const date = new Date(Date.UTC(year, month - 1, day))
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  return real ? match[0].slice(0, 10) : null
}

/** The primary subtag of a language tag, lower case ("es-ES" → "es"), or null. */
function languageTag(text: string | null): string | null {
  const primary = text?.trim().split(/[-_]/)[0]?.toLowerCase()
  return primary && /^[a-z]{2,3}$/.test(primary) && primary !== 'und' ? primary : null
}

function checkedUrl(text: string, baseUrl: string | null): Outcome<string> {
  if (text.length > LIMITS.url) return { reason: `url is longer than ${LIMITS.url} characters` }
  const hasScheme = /^[a-z][a-z\d+.-]*:/i.test(text)
  if (!hasScheme && baseUrl === null) {
    return { reason: 'url is relative and there is no page address to resolve it against' }
  }
  const parsed = parseUrl(text, hasScheme ? null : baseUrl)
  if (!parsed) return { reason: 'url is not a valid address' }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { reason: 'url is not http or https' }
  if (parsed.href.length > LIMITS.url) return { reason: `url is longer than ${LIMITS.url} characters` }
  return { value: parsed.href }
}

function parseUrl(text: string, baseUrl: string | null): URL | null {
  try {
    return baseUrl === null ? new URL(text) : new URL(text, baseUrl)
  } catch {
    return null
  }
}

/** An absolute http(s) address (relative ones resolved against the page), else null. */
function httpUrl(text: string | null, baseUrl: string | null): string | null {
  const clean = cleanLine(text, LIMITS.url + 1)
  if (!clean) return null
  const checked = checkedUrl(clean, baseUrl)
  return 'value' in checked ? checked.value : null
}

// --- Types ---------------------------------------------------------------------------------------

/** A node's @type names, lower case, without a schema.org prefix ("schema:ClaimReview", full URLs). */
function typesOf(node: JsonObject): ReadonlySet<string> {
  const names = listOf(field(node, '@type')).flatMap((t) => (typeof t === 'string' ? [localTypeName(t)] : []))
  return new Set(names)
}

const SCHEMA_ORG_PREFIX = /^(?:https?:\/\/(?:www\.)?schema\.org\/|schema:)/i

function localTypeName(type: string): string {
  return type.trim().replace(SCHEMA_ORG_PREFIX, '').toLowerCase()
}

// Google's Fact Check Tools and some feeds leave @type out of each ClaimReview.
function isClaimReview(node: JsonObject, types: ReadonlySet<string>): boolean {
  return types.has('claimreview') || (types.size === 0 && field(node, 'claimReviewed') !== undefined)
}

function firstTypeAsWritten(node: JsonObject): string {
  const first = listOf(field(node, '@type')).find((t) => typeof t === 'string')
  return typeof first === 'string' ? first.trim().replace(SCHEMA_ORG_PREFIX, '') : ''
}

const SHOWN_MAX = 80

/** A piece of the document quoted in a reason, kept short. */
function shown(text: string): string {
  return cleanLine(text, SHOWN_MAX)
}

// --- HTML ----------------------------------------------------------------------------------------

/** The texts of a page's JSON-LD script blocks, in order, and the page's language. */
function scanHtml(html: string): { blocks: string[]; language: string | null } {
  const blocks: string[] = []
  let language: string | null = null
  let current: string | null = null
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'html' && language === null) language = attributes.lang ?? null
      if (name === 'script' && isJsonLdType(attributes.type)) current = ''
    },
    ontext(text) {
      if (current !== null) current += text
    },
    onclosetag(name) {
      if (name === 'script' && current !== null) {
        blocks.push(current)
        current = null
      }
    },
  })
  parser.write(html)
  parser.end()
  return { blocks, language }
}

function isJsonLdType(type: string | undefined): boolean {
  return type?.split(';')[0]?.trim().toLowerCase() === 'application/ld+json'
}

// Older pages hide script contents from ancient browsers inside <!-- --> or CDATA.
function unwrapScript(text: string): string {
  return text
    .trim()
    .replace(/^<!--/, '')
    .replace(/-->$/, '')
    .replace(/^\s*<!\[CDATA\[/, '')
    .replace(/\]\]>\s*$/, '')
}

// --- JSON ----------------------------------------------------------------------------------------

// Raw control characters inside strings are invalid JSON but common in hand-written JSON-LD (a
// line break in a claim): a second reading takes them as spaces.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters JSON refuses inside strings
const CONTROL_CHARACTERS = /[\u0000-\u001f]/g

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  for (const attempt of [text, text.replace(CONTROL_CHARACTERS, ' ')]) {
    try {
      return { ok: true, value: JSON.parse(attempt) as unknown }
    } catch {
      // the next attempt, or not JSON
    }
  }
  return { ok: false }
}
