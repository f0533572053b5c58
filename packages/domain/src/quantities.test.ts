import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareQuantities, describeQuantity, quantityInterval } from './quantities.ts'

const q = (value: number, qualifier: 'exact' | 'at_least' | 'at_most' | 'approx', unit = 'drones') => ({
  value,
  unit,
  qualifier,
})

describe('compareQuantities', () => {
  it('finds "at least 300" and "479" compatible', () => {
    expect(compareQuantities(q(300, 'at_least'), q(479, 'exact'))).toEqual({
      kind: 'compatible',
      overlap: { min: 479, max: 479 },
    })
  })

  it('finds "exactly 300" and "479" in conflict', () => {
    expect(compareQuantities(q(300, 'exact'), q(479, 'exact')).kind).toBe('conflict')
  })

  it('finds "at most 300" and "479" in conflict, "at most 500" and "479" compatible', () => {
    expect(compareQuantities(q(300, 'at_most'), q(479, 'exact')).kind).toBe('conflict')
    expect(compareQuantities(q(500, 'at_most'), q(479, 'exact')).kind).toBe('compatible')
  })

  it('reads "about" with a ten per cent tolerance', () => {
    expect(compareQuantities(q(300, 'approx'), q(330, 'exact')).kind).toBe('compatible')
    expect(compareQuantities(q(300, 'approx'), q(331, 'exact')).kind).toBe('conflict')
    expect(compareQuantities(q(300, 'approx'), q(450, 'approx')).kind).toBe('conflict')
    expect(compareQuantities(q(440, 'approx'), q(479, 'exact')).kind).toBe('compatible')
  })

  it('lets two lower bounds both be true', () => {
    expect(compareQuantities(q(300, 'at_least'), q(479, 'at_least')).kind).toBe('compatible')
  })

  it('compares units ignoring case and spacing, and refuses different units', () => {
    expect(compareQuantities(q(1, 'exact', 'Drones '), q(1, 'exact', 'drones')).kind).toBe('compatible')
    expect(compareQuantities(q(7, 'exact', 'missiles'), q(479, 'exact', 'drones'))).toEqual({
      kind: 'incomparable',
      reason: 'different_units',
    })
  })

  it('is symmetric, and compatible exactly when some value satisfies both', () => {
    const qualifier = fc.constantFrom(
      'exact' as const,
      'at_least' as const,
      'at_most' as const,
      'approx' as const,
    )
    const quantity = fc.record({
      value: fc.integer({ min: -1000, max: 1000 }),
      qualifier,
      unit: fc.constant('x'),
    })
    fc.assert(
      fc.property(quantity, quantity, (a, b) => {
        const ab = compareQuantities(a, b)
        expect(compareQuantities(b, a).kind).toBe(ab.kind)
        const x = quantityInterval(a)
        const y = quantityInterval(b)
        if (ab.kind === 'compatible') {
          const v = ab.overlap.min === Number.NEGATIVE_INFINITY ? ab.overlap.max : ab.overlap.min
          expect(v >= x.min && v <= x.max && v >= y.min && v <= y.max).toBe(true)
        } else {
          expect(x.max < y.min || y.max < x.min).toBe(true)
        }
      }),
    )
  })
})

describe('describeQuantity', () => {
  it('says the qualifier in words', () => {
    expect(describeQuantity(q(300, 'at_least'))).toBe('at least 300 drones')
    expect(describeQuantity(q(1500, 'approx', 'people'))).toBe('about 1,500 people')
  })
})
