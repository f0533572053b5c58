import type { LegacyQuantity, Quantity, QuantityQualifier } from '@counterclaim/shared'

/**
 * The relative tolerance of an approximate quantity: "about 300" is read as 270–330. Ten per cent is how
 * loosely newsroom copy rounds ("some 300", "around 480"); a claim meant more loosely should be entered as
 * at_least / at_most instead.
 */
export const APPROX_TOLERANCE = 0.1

export type QuantityComparison =
  | { kind: 'compatible'; overlap: { min: number; max: number } }
  | { kind: 'conflict' }
  | { kind: 'incomparable'; reason: 'different_units' }

interface Interval {
  min: number
  max: number
}

/** The values a quantity claim allows, as a closed interval (infinite where the qualifier leaves it open). */
export function quantityInterval(q: Pick<Quantity, 'value' | 'qualifier'>): Interval {
  const spread = Math.abs(q.value) * APPROX_TOLERANCE
  switch (q.qualifier) {
    case 'exact':
      return { min: q.value, max: q.value }
    case 'at_least':
      return { min: q.value, max: Number.POSITIVE_INFINITY }
    case 'at_most':
      return { min: Number.NEGATIVE_INFINITY, max: q.value }
    case 'approx':
      return { min: q.value - spread, max: q.value + spread }
  }
}

/** Units match when they are the same words, ignoring case and spacing ("Drones" = "drones "). */
export function sameUnit(a: string, b: string): boolean {
  const norm = (u: string) => u.trim().replace(/\s+/g, ' ').toLowerCase()
  return norm(a) === norm(b)
}

/**
 * Whether two claims' quantities can both be true: "at least 300" and "exactly 479" can, "exactly 300" and
 * "exactly 479" cannot. Quantities in different units are not compared.
 */
export function compareQuantities(a: LegacyQuantity, b: LegacyQuantity): QuantityComparison {
  if (!sameUnit(a.unit, b.unit)) return { kind: 'incomparable', reason: 'different_units' }
  const x = quantityInterval(a)
  const y = quantityInterval(b)
  const min = Math.max(x.min, y.min)
  const max = Math.min(x.max, y.max)
  return min <= max ? { kind: 'compatible', overlap: { min, max } } : { kind: 'conflict' }
}

const QUALIFIER_WORDS: Record<QuantityQualifier, string> = {
  exact: 'exactly',
  at_least: 'at least',
  at_most: 'at most',
  approx: 'about',
}

/** A quantity in words: "at least 300 drones". */
export function describeQuantity(q: LegacyQuantity): string {
  return `${QUALIFIER_WORDS[q.qualifier]} ${q.value.toLocaleString('en')} ${q.unit}`.trim()
}

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
