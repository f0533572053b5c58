import { describe, expect, it } from 'vitest'
import { categoryAgreement, cohensKappa, kappaWords, overallAgreement, type RatingPair } from './agreement.ts'

/** A contingency table as pairs: counts[i][j] items rated categories[i] by the first rater, categories[j] by the second. */
function fromTable(categories: string[], counts: number[][]): RatingPair[] {
  const pairs: RatingPair[] = []
  counts.forEach((row, i) => {
    row.forEach((n, j) => {
      for (let k = 0; k < n; k++) pairs.push([categories[i] ?? '', categories[j] ?? ''])
    })
  })
  return pairs
}

describe("Cohen's kappa", () => {
  // Wikipedia, "Cohen's kappa", section "Simple example": 50 grant proposals read by two readers,
  // yes/yes 20, A yes B no 5, A no B yes 10, no/no 15: po = 0.7, pe = 0.5, κ = 0.4.
  it('matches the worked "simple example" of two readers and 50 proposals: 0.4', () => {
    const pairs = fromTable(
      ['yes', 'no'],
      [
        [20, 5],
        [10, 15],
      ],
    )
    expect(cohensKappa(pairs)).toBeCloseTo(0.4, 10)
    expect(overallAgreement(pairs)).toEqual({
      pairs: 50,
      agreed: 35,
      percentAgreement: 70,
      kappa: expect.any(Number),
    })
  })

  // Wikipedia, "Cohen's kappa", section "Same percentages but different numbers": both tables agree on 60 of
  // 100 items, yet κ is 0.1304 for the first and 0.2593 for the second.
  it('matches the two "same percentages, different numbers" tables: 0.1304 and 0.2593', () => {
    const first = fromTable(
      ['yes', 'no'],
      [
        [45, 15],
        [25, 15],
      ],
    )
    const second = fromTable(
      ['yes', 'no'],
      [
        [25, 35],
        [5, 35],
      ],
    )
    expect(overallAgreement(first).percentAgreement).toBe(60)
    expect(overallAgreement(second).percentAgreement).toBe(60)
    expect(cohensKappa(first)).toBeCloseTo(0.1304, 4)
    expect(cohensKappa(second)).toBeCloseTo(0.2593, 4)
  })

  // Three categories, worked by hand: rows 80/10/10, columns 80/5/15 of 100; po = (75 + 4 + 10) / 100 = 0.89,
  // pe = 0.8·0.8 + 0.1·0.05 + 0.1·0.15 = 0.66, κ = 0.23 / 0.34 = 0.6765.
  it('works over more than two categories', () => {
    const pairs = fromTable(
      ['true', 'mixed', 'false'],
      [
        [75, 1, 4],
        [5, 4, 1],
        [0, 0, 10],
      ],
    )
    expect(cohensKappa(pairs)).toBeCloseTo(0.23 / 0.34, 10)
  })

  it('is 1 for perfect agreement, below 0 for agreement below chance, null where undefined', () => {
    expect(
      cohensKappa([
        ['true', 'true'],
        ['false', 'false'],
      ]),
    ).toBe(1)
    expect(
      cohensKappa([
        ['true', 'false'],
        ['false', 'true'],
      ]),
    ).toBe(-1)
    expect(cohensKappa([])).toBeNull()
    // Both raters always chose the same one rating: chance alone explains the agreement, κ is 0/0.
    expect(
      cohensKappa([
        ['true', 'true'],
        ['true', 'true'],
      ]),
    ).toBeNull()
    expect(overallAgreement([])).toEqual({ pairs: 0, agreed: 0, percentAgreement: null, kappa: null })
  })
})

describe('agreement on one rating against all others', () => {
  const pairs: RatingPair[] = [
    ['false', 'false'],
    ['false', 'misleading'],
    ['true', 'true'],
    ['mixed', 'false'],
  ]

  it('counts the pairs where either rater chose it, and those where both did', () => {
    const f = categoryAgreement(pairs, 'false')
    expect(f.pairs).toBe(3)
    expect(f.agreed).toBe(1)
    expect(f.percentAgreement).toBeCloseTo(100 / 3, 10)
    // As yes/no: yes/yes 1, yes/no 1, no/yes 1, no/no 1: po 0.5, pe 0.5·0.5 + 0.5·0.5 = 0.5, κ 0.
    expect(f.kappa).toBeCloseTo(0, 10)
    expect(categoryAgreement(pairs, 'true')).toEqual({ pairs: 1, agreed: 1, percentAgreement: 100, kappa: 1 })
  })

  it('has no figures for a rating nobody chose', () => {
    expect(categoryAgreement(pairs, 'unverifiable')).toEqual({
      pairs: 0,
      agreed: 0,
      percentAgreement: null,
      kappa: null,
    })
  })
})

describe("Landis & Koch's words", () => {
  it('names each band', () => {
    expect(kappaWords(null)).toBe('Not enough ratings to tell')
    expect(kappaWords(-0.1)).toBe('Poor: less than chance')
    expect(kappaWords(0.1)).toBe('Slight')
    expect(kappaWords(0.4)).toBe('Fair')
    expect(kappaWords(0.5)).toBe('Moderate')
    expect(kappaWords(0.7)).toBe('Substantial')
    expect(kappaWords(0.9)).toBe('Almost perfect')
  })
})
