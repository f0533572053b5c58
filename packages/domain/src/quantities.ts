import {
  DOMAIN_CATALOGUES,
  type DomainWords,
  ENGLISH_WORDS,
  type LegacyQuantity,
  type Quantity,
  type QuantityInput,
} from '@counterclaim/shared'

/**
 * The relative tolerance of an approximate quantity: "about 300" is read as 270–330. Ten per cent is how
 * loosely newsroom copy rounds ("some 300", "around 480"); a claim meant more loosely should be entered as
 * at_least / at_most or as a range instead.
 */
export const APPROX_TOLERANCE = 0.1

/** What comparing two quantities concludes. */
export type QuantityVerdict = 'not_comparable' | 'can_both_be_true' | 'cannot_both_be_true'

/**
 * A verdict with its reasoning in words, for every verdict. Every sentence here and below is the domain
 * catalogue's (`quantity.*`), written in the language of the `words` given (English by default).
 */
export interface QuantityComparison {
  verdict: QuantityVerdict
  reasons: string[]
}

/** The words a checker reads for each verdict, in English (the catalogue's `quantityVerdict`). */
export const QUANTITY_VERDICT_LABELS: Readonly<Record<QuantityVerdict, string>> =
  DOMAIN_CATALOGUES.en.quantityVerdict

// ---------------------------------------------------------------------------------------------------------
// Words: units, measures, plurals

/**
 * Names of the same thing, written as the singular the rest of the code compares. A Shahed is a type of
 * drone, not a synonym: a count of Shaheds is part of a count of all drones, so "Shaheds" stays its own unit.
 */
const SYNONYMS: Record<string, string> = {
  uav: 'drone',
  'unmanned aerial vehicle': 'drone',
  'unmanned aircraft': 'drone',
  'unmanned aircraft system': 'drone',
  shahed: 'shahed drone',
  'shahed-type drone': 'shahed drone',
  'artillery shell': 'shell',
  'artillery round': 'shell',
  person: 'person',
  individual: 'person',
  'cruise missile': 'cruise missile',
  'ballistic missile': 'ballistic missile',
}

const IRREGULAR_PLURALS: Record<string, string> = {
  people: 'person',
  children: 'child',
  men: 'man',
  women: 'woman',
  lives: 'life',
  feet: 'foot',
  mice: 'mouse',
  geese: 'goose',
}

/** One word in the singular: drones → drone, casualties → casualty, people → person. */
export function singularWord(word: string): string {
  const w = word.toLowerCase()
  const irregular = IRREGULAR_PLURALS[w]
  if (irregular) return irregular
  if (w.length <= 3) return w
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`
  if (/(ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2)
  if (/(ss|us|is)$/.test(w)) return w
  if (w.endsWith('s')) return w.slice(0, -1)
  return w
}

const squash = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase()

/** A phrase in comparable form: lower case, single spaces, every word singular, synonyms named one way. */
function phraseKey(text: string): string {
  const singular = squash(text).split(' ').map(singularWord).join(' ')
  let out = ` ${singular} `
  // Longest synonyms first, so "unmanned aerial vehicle" wins over any shorter name inside it.
  for (const name of Object.keys(SYNONYMS).sort((a, b) => b.length - a.length)) {
    out = out.replaceAll(` ${name} `, ` ${SYNONYMS[name]} `)
  }
  return out.trim()
}

/** The period a rate counts per. */
export type RatePeriod = 'hour' | 'day' | 'night' | 'week' | 'month' | 'year'

const RATE_ADVERBS: Record<string, RatePeriod> = {
  hourly: 'hour',
  daily: 'day',
  nightly: 'night',
  weekly: 'week',
  monthly: 'month',
  yearly: 'year',
  annually: 'year',
}

/** A unit read as what it counts and, for a rate ("drones a month"), the period it counts per. */
export interface UnitKey {
  /** The thing counted, singular, synonyms named one way: "drone". */
  base: string
  /** Null for a count; the period of a rate. */
  per: RatePeriod | null
}

/** Reads a unit: "UAVs" → drone, "drones a month" / "drones per month" / "drones/month" → drone per month. */
export function unitKey(unit: string): UnitKey {
  const text = squash(unit)
  const rate =
    /^(.*?)\s*(?:\/|\bper\b|\ba\b|\ban\b|\beach\b|\bevery\b)\s*(hour|day|night|week|month|year)s?$/.exec(text)
  if (rate?.[1] && rate[2]) return { base: phraseKey(rate[1]), per: rate[2] as RatePeriod }
  const adverb = /^(.*?)\s+(hourly|daily|nightly|weekly|monthly|yearly|annually)$/.exec(text)
  if (adverb?.[1] && adverb[2]) return { base: phraseKey(adverb[1]), per: RATE_ADVERBS[adverb[2]] ?? null }
  return { base: phraseKey(text), per: null }
}

/** Whether two units name the same thing counted the same way (drone = drones = UAV; a rate is not a count). */
export function sameUnit(a: string, b: string): boolean {
  const x = unitKey(a)
  const y = unitKey(b)
  return x.base === y.base && x.per === y.per
}

/** A measure in comparable form: "Drones  launched" = "UAVs launched" = "drone launched". */
export function measureKey(measure: string): string {
  return phraseKey(measure)
}

/** Whether two measures count the same thing, ignoring case, spacing, plurals and synonyms. */
export function sameMeasure(a: string, b: string): boolean {
  return measureKey(a) === measureKey(b)
}

/**
 * A measure that only repeats the unit ("drones" counting drones) says nothing about what was counted: the
 * first contract's single quantity migrated that way.
 */
function measureUnsaid(q: Pick<Quantity, 'measure' | 'unit'>): boolean {
  return measureKey(q.measure) === unitKey(q.unit).base
}

/** The words by which two measures differ: "drones launched" vs "drones intercepted" → launched, intercepted. */
function measureDifference(a: string, b: string): [string, string] {
  const words = (m: string) => m.trim().split(/\s+/)
  const keys = (m: string) => new Set(words(m).map((w) => phraseKey(w)))
  const ka = keys(a)
  const kb = keys(b)
  const onlyA = words(a).filter((w) => !kb.has(phraseKey(w)))
  const onlyB = words(b).filter((w) => !ka.has(phraseKey(w)))
  if (onlyA.length === 0 || onlyB.length === 0) return [a.trim(), b.trim()]
  return [onlyA.join(' '), onlyB.join(' ')]
}

// ---------------------------------------------------------------------------------------------------------
// Periods

const DAY_MS = 86_400_000

interface Day {
  year: number
  month: number
  day: number
  /** Days since 1970-01-01, for arithmetic. */
  n: number
}

/** A real calendar date in YYYY-MM-DD, or null. */
export function parseDay(text: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return null
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  const ms = Date.UTC(year, month - 1, day)
  const back = new Date(ms)
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day)
    return null
  return { year, month, day, n: Math.round(ms / DAY_MS) }
}

/** Whether a text is a real date in YYYY-MM-DD ("2025-02-30" is not). */
export function isRealDate(text: string): boolean {
  return parseDay(text) !== null
}

interface Period {
  from: Day
  to: Day
}

/** The inclusive period a quantity covers; a lone date is that one day; null when none is given. */
function quantityPeriod(q: Pick<Quantity, 'periodFrom' | 'periodTo'>): Period | null {
  const from = q.periodFrom ? parseDay(q.periodFrom) : null
  const to = q.periodTo ? parseDay(q.periodTo) : null
  if (from && to) return from.n <= to.n ? { from, to } : { from: to, to: from }
  const one = from ?? to
  return one ? { from: one, to: one } : null
}

type PeriodKind = 'day' | 'night' | 'period'

/**
 * A period as a span of time in half-days, so nights can be told apart: a night (two dates) runs from the
 * evening of the first to the morning of the second, so the nights of 8–9 and 9–10 June share no time.
 */
function span(p: Period): { start: number; end: number } {
  return periodKind(p) === 'night'
    ? { start: 2 * p.from.n + 1, end: 2 * p.to.n + 1 }
    : { start: 2 * p.from.n, end: 2 * p.to.n + 2 }
}

const periodKind = (p: Period): PeriodKind => {
  const days = p.to.n - p.from.n
  return days === 0 ? 'day' : days === 1 ? 'night' : 'period'
}

function periodWords(p: Period, withYear: boolean, w: DomainWords): string {
  const { from, to } = p
  const year = (date: string, d: Day) => (withYear ? w.t('quantity.withYear', { date, year: d.year }) : date)
  const dm = (d: Day) =>
    w.t('quantity.dayMonth', {
      day: d.day,
      month: w.t(`quantity.monthOf.${d.month}` as 'quantity.monthOf.1'),
    })
  const range = (a: string, b: string) => w.t('quantity.range', { from: a, to: b })
  if (from.n === to.n) return year(dm(from), from)
  if (from.year === to.year && from.month === to.month) return year(range(String(from.day), dm(to)), to)
  if (from.year === to.year) return year(range(dm(from), dm(to)), to)
  return range(
    w.t('quantity.withYear', { date: dm(from), year: from.year }),
    w.t('quantity.withYear', { date: dm(to), year: to.year }),
  )
}

/**
 * A period in words: "8 June 2025", "9–10 June 2025" (a night), "1–31 May 2025", "31 May–1 June 2025";
 * empty when the quantity gives none.
 */
export function describePeriod(
  q: Pick<Quantity, 'periodFrom' | 'periodTo'>,
  withYear = true,
  words: DomainWords = ENGLISH_WORDS,
): string {
  const p = quantityPeriod(q)
  return p ? periodWords(p, withYear, words) : ''
}

/** "on the night of 9–10 June", "on 8 June", "over 1–31 May". */
function periodPhrase(p: Period, withYear: boolean, w: DomainWords): string {
  const period = periodWords(p, withYear, w)
  const kind = periodKind(p)
  return w.t(kind === 'night' ? 'quantity.onNight' : kind === 'day' ? 'quantity.onDay' : 'quantity.over', {
    period,
  })
}

// ---------------------------------------------------------------------------------------------------------
// Values

interface Interval {
  min: number
  max: number
}

/** The values a quantity allows, as a closed interval (infinite where the qualifier leaves it open). */
export function quantityInterval(q: Pick<Quantity, 'value' | 'valueMax' | 'qualifier'>): Interval {
  const low = q.valueMax === null ? q.value : Math.min(q.value, q.valueMax)
  const high = q.valueMax === null ? q.value : Math.max(q.value, q.valueMax)
  switch (q.qualifier) {
    case 'exact':
      return { min: low, max: high }
    case 'at_least':
      return { min: low, max: Number.POSITIVE_INFINITY }
    case 'at_most':
      return { min: Number.NEGATIVE_INFINITY, max: high }
    case 'approx':
      return { min: low - Math.abs(low) * APPROX_TOLERANCE, max: high + Math.abs(high) * APPROX_TOLERANCE }
  }
}

/** A number as a newsroom writes it: 2,700; 351.9; never a float's noise (in the language of `words`). */
export function formatNumber(n: number, words: DomainWords = ENGLISH_WORDS): string {
  return words.number(n)
}

/** A quantity's value without its unit: "at least 300", "about 300–350", "479". */
export function describeValue(
  q: Pick<Quantity, 'value' | 'valueMax' | 'qualifier'>,
  words: DomainWords = ENGLISH_WORDS,
): string {
  const range =
    q.valueMax === null || q.valueMax === q.value
      ? words.number(q.value)
      : words.t('quantity.range', { from: words.number(q.value), to: words.number(q.valueMax) })
  return words.t(`quantity.value.${q.qualifier}`, { range })
}

/** A quantity's value followed by its unit: "at least 300 drones". */
function valueWithUnit(q: Quantity, w: DomainWords): string {
  return w.t('quantity.valueUnit', { value: describeValue(q, w), unit: q.unit.trim() })
}

/** A quantity's value with its unit, in the measure's words when it names the unit: "at least 300 drones launched". */
function valueWithMeasure(q: Quantity, w: DomainWords): string {
  const value = describeValue(q, w)
  const measure = q.measure.trim()
  const unit = unitKey(q.unit)
  const firstWord = measure.split(/\s+/)[0] ?? ''
  if (unit.per === null && phraseKey(firstWord) === unit.base.split(' ')[0]) {
    // "drones launched" already names drones; a multi-word unit ("shahed drones") is said in full instead.
    if (unit.base.includes(' '))
      return w
        .t('quantity.valueUnitMeasure', {
          value,
          unit: q.unit.trim(),
          rest: measure.split(/\s+/).slice(1).join(' '),
        })
        .trim()
    return w.t('quantity.valueMeasure', { value, measure })
  }
  return w.t('quantity.measureValue', { measure, value, unit: q.unit.trim() })
}

/** "in Ukraine": where a quantity was counted. */
const inPlace = (place: string, w: DomainWords) => w.t('quantity.inPlace', { place })

/**
 * A quantity in words: "at least 300 drones launched on the night of 9–10 June 2025 in Ukraine",
 * "drones launched: about 2,700 drones a month over 1–31 May 2025".
 */
export function describeQuantity(q: Quantity, words: DomainWords = ENGLISH_WORDS): string {
  const p = quantityPeriod(q)
  const parts = [valueWithMeasure(q, words)]
  if (p) parts.push(periodPhrase(p, true, words))
  if (q.place?.trim()) parts.push(inPlace(q.place.trim(), words))
  return parts.join(' ')
}

function intervalWords(i: Interval, w: DomainWords): string {
  if (i.min === i.max) return w.number(i.min)
  if (i.max === Number.POSITIVE_INFINITY) return w.t('quantity.orMore', { value: w.number(i.min) })
  if (i.min === Number.NEGATIVE_INFINITY) return w.t('quantity.upTo', { value: w.number(i.max) })
  return w.t('quantity.range', { from: w.number(i.min), to: w.number(i.max) })
}

// ---------------------------------------------------------------------------------------------------------
// Comparison

const sameText = (a: string | null, b: string | null) => squash(a ?? '') === squash(b ?? '')

/** The unit in words for a reason: "drones a month is a rate, drones a count". */
function unitDifference(a: Quantity, b: Quantity, ka: UnitKey, kb: UnitKey, w: DomainWords): string {
  const ua = a.unit.trim()
  const ub = b.unit.trim()
  if (ka.base === kb.base && (ka.per === null || kb.per === null)) {
    const [rate, count] = ka.per === null ? [ub, ua] : [ua, ub]
    return w.t('quantity.reason.unitsRateCount', { rate, count })
  }
  return w.t('quantity.reason.units', { a: ua, b: ub })
}

/**
 * Whether two quantities can both be true. Only like is compared with like: the same measure, the same unit,
 * the same period and place (where one is not given, the other's is assumed and the reasons say so).
 * Everything else is "not comparable" with why, except that a part of a period can be checked against its
 * whole when the part alone is already more than the whole allows. Every verdict comes with its reasons.
 */
export function compareQuantities(
  a: Quantity,
  b: Quantity,
  words: DomainWords = ENGLISH_WORDS,
): QuantityComparison {
  const w = words
  const blocking: string[] = []
  const assumed: string[] = []
  const wa = valueWithMeasure(a, w)
  const wb = valueWithMeasure(b, w)

  // What is counted.
  let measure = a.measure.trim()
  if (!sameMeasure(a.measure, b.measure)) {
    const unsaidA = measureUnsaid(a)
    const unsaidB = measureUnsaid(b)
    if (unsaidA !== unsaidB && sameUnit(a.unit, b.unit)) {
      const [vague, clear] = unsaidA ? [a, b] : [b, a]
      measure = clear.measure.trim()
      assumed.push(w.t('quantity.reason.measureUnsaid', { value: valueWithUnit(vague, w), measure }))
    } else {
      const [da, db] = measureDifference(a.measure, b.measure)
      blocking.push(w.t('quantity.reason.measures', { a: da, b: db }))
    }
  }

  // The unit.
  const ka = unitKey(a.unit)
  const kb = unitKey(b.unit)
  const unitsMatch = ka.base === kb.base && ka.per === kb.per
  if (!unitsMatch) blocking.push(unitDifference(a, b, ka, kb, w))

  // The place.
  const placeA = a.place?.trim() || null
  const placeB = b.place?.trim() || null
  let place = placeA ?? placeB
  if (placeA && placeB && !sameText(placeA, placeB)) {
    blocking.push(w.t('quantity.reason.places', { a: placeA, b: placeB }))
  } else if ((placeA === null) !== (placeB === null)) {
    const [missing, given] = placeA === null ? [wa, placeB] : [wb, placeA]
    assumed.push(w.t('quantity.reason.noPlace', { quantity: missing, place: given ?? '' }))
  } else if (placeA === null) {
    place = null
  }

  // The period.
  const pa = quantityPeriod(a)
  const pb = quantityPeriod(b)
  const withYear = !(pa && pb && pa.from.year === pb.to.year && pa.to.year === pb.from.year)
  let period: Period | null = pa ?? pb
  let part: { part: Quantity; whole: Quantity; partPeriod: Period; wholePeriod: Period } | null = null
  if (pa && pb) {
    const wordsA = periodWords(pa, withYear, w)
    const wordsB = periodWords(pb, withYear, w)
    const sa = span(pa)
    const sb = span(pb)
    if (sa.start === sb.start && sa.end === sb.end) {
      period = pa
    } else if (sa.end <= sb.start || sb.end <= sa.start) {
      const kindA = periodKind(pa)
      const what =
        kindA === periodKind(pb) && kindA !== 'period' ? (kindA === 'day' ? 'days' : 'nights') : 'periods'
      blocking.push(w.t(`quantity.reason.${what}`, { a: wordsA, b: wordsB }))
    } else if (sa.start <= sb.start && sb.end <= sa.end) {
      part = { part: b, whole: a, partPeriod: pb, wholePeriod: pa }
    } else if (sb.start <= sa.start && sa.end <= sb.end) {
      part = { part: a, whole: b, partPeriod: pa, wholePeriod: pb }
    } else {
      blocking.push(w.t('quantity.reason.overlapInPart', { a: wordsA, b: wordsB }))
    }
  } else if (pa || pb) {
    const [missing, given] = pa ? [wb, pa] : [wa, pb as Period]
    assumed.push(w.t('quantity.reason.noPeriod', { quantity: missing, period: periodWords(given, true, w) }))
  } else {
    assumed.push(w.t('quantity.reason.neitherPeriod'))
  }

  if (blocking.length > 0) {
    if (part) blocking.push(containsWords(part.wholePeriod, part.partPeriod, withYear, w))
    return { verdict: 'not_comparable', reasons: [...blocking, ...assumed] }
  }

  const context = contextWords(measure, period, place, withYear, a.unit, w)
  const ia = quantityInterval(a)
  const ib = quantityInterval(b)
  const readings = [a, b].filter((q) => q.qualifier === 'approx').map((q) => approxWords(q, w))

  if (part) {
    const contains = containsWords(part.wholePeriod, part.partPeriod, withYear, w)
    const partValues = quantityInterval(part.part)
    const wholeValues = quantityInterval(part.whole)
    // Only a count adds up over time; a rate over a month says nothing about one night's rate.
    if (ka.per === null && partValues.min > wholeValues.max) {
      return {
        verdict: 'cannot_both_be_true',
        reasons: [
          [w.t('quantity.reason.bothCount', { measure }), ...(place ? [inPlace(place, w)] : [])].join(' '),
          contains,
          w.t('quantity.reason.partMoreThanWhole', {
            part: describeValue(part.part, w),
            partPeriod: periodWords(part.partPeriod, withYear, w),
            whole: describeValue(part.whole, w),
            wholePeriod: periodWords(part.wholePeriod, withYear, w),
          }),
          ...readings,
          ...assumed,
        ],
      }
    }
    return {
      verdict: 'not_comparable',
      reasons: [
        w.t(ka.per === null ? 'quantity.reason.totalNotForPart' : 'quantity.reason.rateNotForPart', {
          contains,
        }),
        ...readings,
        ...assumed,
      ],
    }
  }

  const min = Math.max(ia.min, ib.min)
  const max = Math.min(ia.max, ib.max)
  if (min <= max) {
    return {
      verdict: 'can_both_be_true',
      reasons: [
        context,
        w.t('quantity.reason.overlap', {
          a: describeValue(a, w),
          b: describeValue(b, w),
          interval: intervalWords({ min, max }, w),
        }),
        ...readings,
        ...assumed,
      ],
    }
  }
  return {
    verdict: 'cannot_both_be_true',
    reasons: [
      context,
      w.t('quantity.reason.noCommon', {
        a: describeValue(a, w),
        b: describeValue(b, w),
        gap: gapWords(a, b, ia, ib, w),
      }),
      ...readings,
      ...assumed,
    ],
  }
}

function containsWords(whole: Period, part: Period, withYear: boolean, w: DomainWords): string {
  const key = periodKind(part) === 'night' ? 'quantity.reason.containsNight' : 'quantity.reason.contains'
  return w.t(key, { whole: periodWords(whole, withYear, w), part: periodWords(part, withYear, w) })
}

function contextWords(
  measure: string,
  period: Period | null,
  place: string | null,
  withYear: boolean,
  unit: string,
  w: DomainWords,
): string {
  const rate = unitKey(unit).per
  const parts = [
    rate
      ? w.t('quantity.reason.bothCountPer', { measure, per: w.t(`quantity.per.${rate}`) })
      : w.t('quantity.reason.bothCount', { measure }),
  ]
  if (period) parts.push(periodPhrase(period, withYear, w))
  if (place) parts.push(inPlace(place, w))
  return parts.join(' ')
}

function approxWords(q: Quantity, w: DomainWords): string {
  return w.t('quantity.reason.approx', {
    value: describeValue(q, w),
    interval: intervalWords(quantityInterval(q), w),
    percent: w.number(APPROX_TOLERANCE * 100),
  })
}

function gapWords(a: Quantity, b: Quantity, ia: Interval, ib: Interval, w: DomainWords): string {
  const [low, high, lowI, highI] = ia.max < ib.min ? [a, b, ia, ib] : [b, a, ib, ia]
  return w.t('quantity.reason.gap', {
    low: describeValue(low, w),
    lowInterval: intervalWords(lowI, w),
    high: describeValue(high, w),
    highInterval: intervalWords(highI, w),
  })
}

// ---------------------------------------------------------------------------------------------------------
// All claims of a dispute

/** The claim side of a comparison: which claim, which of its quantities. */
export interface QuantityRef {
  claimId: string
  /** The quantity's position in the claim's list. */
  index: number
  quantity: Quantity
}

/** Two quantities of two claims, compared. */
export interface QuantityPairComparison {
  a: QuantityRef
  b: QuantityRef
  result: QuantityComparison
}

/** Every comparison between two claims' quantities. */
export interface ClaimPairComparison {
  claimIds: [string, string]
  comparisons: QuantityPairComparison[]
}

const related = (a: Quantity, b: Quantity) =>
  sameMeasure(a.measure, b.measure) || unitKey(a.unit).base === unitKey(b.unit).base

/**
 * Compares every two claims of a dispute, in the order given: each of one claim's quantities against each
 * of the other's that counts the same measure or the same thing (drones launched vs drones intercepted is a
 * comparison that says "different measures"; drones vs missiles is none). Claim pairs with nothing to
 * compare are left out.
 */
export function compareClaimQuantities(
  claims: readonly { id: string; quantities: readonly Quantity[] }[],
  words: DomainWords = ENGLISH_WORDS,
): ClaimPairComparison[] {
  const out: ClaimPairComparison[] = []
  claims.forEach((x, i) => {
    for (const y of claims.slice(i + 1)) {
      const comparisons: QuantityPairComparison[] = []
      x.quantities.forEach((qa, ia) => {
        y.quantities.forEach((qb, ib) => {
          if (!related(qa, qb)) return
          comparisons.push({
            a: { claimId: x.id, index: ia, quantity: qa },
            b: { claimId: y.id, index: ib, quantity: qb },
            result: compareQuantities(qa, qb, words),
          })
        })
      })
      if (comparisons.length > 0) out.push({ claimIds: [x.id, y.id], comparisons })
    }
  })
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Chart geometry

/** One tick of a chart's axis. */
export interface QuantityChartTick {
  value: number
  /** Where on the axis, 0..1. */
  at: number
  label: string
}

/** One claim's quantity on a chart's number line. */
export interface QuantityChartRow {
  claimId: string
  /** The claimant's name (or whatever label the caller gives the claim). */
  claimant: string
  index: number
  /** Where the value or range starts and ends on the axis, 0..1 (equal for a single exact value). */
  from: number
  to: number
  /** The range runs past the left edge ("at most") or the right edge ("at least"). */
  openLeft: boolean
  openRight: boolean
  /** "at least 300", "about 2,700" */
  valueWords: string
  /** "9–10 June 2025", or "" when no period is given. */
  periodWords: string
  place: string | null
}

/** A chart per measure: one number line for the quantities of a dispute's claims that count the same thing. */
export interface QuantityChart {
  /** Stable key: the measure and unit in comparable form. */
  key: string
  /** The measure as first written: "drones launched". */
  measure: string
  /** The unit as first written: "drones". */
  unit: string
  axis: { min: number; max: number; ticks: QuantityChartTick[] }
  rows: QuantityChartRow[]
}

/** A "nice" step for about `count` ticks over `span`: 1, 2 or 5 times a power of ten. */
function niceStep(span: number, count: number): number {
  const raw = span / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const f = raw / power
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power
}

/**
 * The geometry of a chart per measure, for the workbench and the server-rendered public page alike: the
 * quantities of the claims grouped by (measure, unit); per group an axis with nice ticks (from 0 when no
 * value is negative, as counts are) and one row per quantity with its place on the axis as fractions.
 * Claims come in the order they are shown; `label` names each claim's claimant.
 */
export function quantityCharts(
  claims: readonly { id: string; label: string; quantities: readonly Quantity[] }[],
  words: DomainWords = ENGLISH_WORDS,
): QuantityChart[] {
  const groups = new Map<
    string,
    { measure: string; unit: string; items: { claim: (typeof claims)[number]; q: Quantity; index: number }[] }
  >()
  for (const claim of claims) {
    claim.quantities.forEach((q, index) => {
      const unit = unitKey(q.unit)
      const key = `${measureKey(q.measure)}|${unit.base}|${unit.per ?? ''}`
      const group = groups.get(key) ?? { measure: q.measure.trim(), unit: q.unit.trim(), items: [] }
      group.items.push({ claim, q, index })
      groups.set(key, group)
    })
  }
  return [...groups.entries()].map(([key, group]) => {
    const bounds = group.items.flatMap(({ q }) => [
      q.value,
      q.valueMax ?? q.value,
      ...finite(quantityInterval(q)),
    ])
    const open = group.items.some(({ q }) => q.qualifier === 'at_least' || q.qualifier === 'at_most')
    let lo = Math.min(...bounds)
    let hi = Math.max(...bounds)
    if (lo >= 0) lo = 0
    if (hi === lo) hi = lo === 0 ? 1 : lo + Math.abs(lo)
    const step = niceStep(hi - lo, 5)
    const min = Math.floor(lo / step) * step
    let max = Math.ceil(hi / step) * step
    // Leave room past the largest value so an open-ended "at least" visibly runs on.
    if (open && max === hi) max += step
    const at = (v: number) => (Math.min(Math.max(v, min), max) - min) / (max - min)
    const ticks: QuantityChartTick[] = []
    for (let v = min; v <= max + step / 2; v += step) {
      const value = Math.round(v / step) * step
      ticks.push({ value, at: at(value), label: words.number(value) })
    }
    const rows = group.items.map(({ claim, q, index }): QuantityChartRow => {
      const i = quantityInterval(q)
      return {
        claimId: claim.id,
        claimant: claim.label,
        index,
        from: at(i.min),
        to: at(i.max),
        openLeft: i.min === Number.NEGATIVE_INFINITY,
        openRight: i.max === Number.POSITIVE_INFINITY,
        valueWords: valueWithUnit(q, words),
        periodWords: describePeriod(q, true, words),
        place: q.place?.trim() || null,
      }
    })
    return { key, measure: group.measure, unit: group.unit, axis: { min, max, ticks }, rows }
  })
}

const finite = (i: Interval) => [i.min, i.max].filter(Number.isFinite)

// ---------------------------------------------------------------------------------------------------------
// Storing

/** A quantity as stored and answered: fields in one order, text trimmed, what was left out null. */
export function quantityFromInput(q: QuantityInput | Quantity): Quantity {
  return {
    measure: q.measure.trim(),
    value: q.value,
    valueMax: q.valueMax ?? null,
    qualifier: q.qualifier,
    unit: q.unit.trim(),
    periodFrom: q.periodFrom ?? null,
    periodTo: q.periodTo ?? null,
    place: q.place?.trim() || null,
  }
}

// ---------------------------------------------------------------------------------------------------------
// The first contract's single quantity

/**
 * A quantity given in the first contract's shape ({value, unit, qualifier}, as the claim log's three quantity
 * columns still carry it): what it counts is not said, so the unit stands for the measure.
 */
export function fromLegacyQuantity(q: LegacyQuantity): Quantity {
  return {
    measure: q.unit,
    value: q.value,
    valueMax: null,
    qualifier: q.qualifier,
    unit: q.unit,
    periodFrom: null,
    periodTo: null,
    place: null,
  }
}

/** The first of a claim's quantities in the first contract's shape, or null when it states none. */
export function legacyQuantity(quantities: readonly Quantity[]): LegacyQuantity | null {
  const first = quantities[0]
  return first ? { value: first.value, unit: first.unit, qualifier: first.qualifier } : null
}
