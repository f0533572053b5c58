import type { Quantity } from '@counterclaim/shared'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  compareClaimQuantities,
  compareQuantities,
  describePeriod,
  describeQuantity,
  fromLegacyQuantity,
  isRealDate,
  type QuantityVerdict,
  quantityCharts,
  quantityInterval,
  sameUnit,
  singularWord,
  unitKey,
} from './quantities.ts'

const q = (over: Partial<Quantity> = {}): Quantity => ({
  measure: 'drones launched',
  value: 300,
  valueMax: null,
  qualifier: 'exact',
  unit: 'drones',
  periodFrom: null,
  periodTo: null,
  place: null,
  ...over,
})

const night = (from: string, to: string) => ({ periodFrom: from, periodTo: to })
const june9 = night('2025-06-09', '2025-06-10')
const june8 = night('2025-06-08', '2025-06-09')
const may = night('2025-05-01', '2025-05-31')
const june = night('2025-06-01', '2025-06-30')

interface Case {
  name: string
  a: Quantity
  b: Quantity
  verdict: QuantityVerdict
  /** Words that must appear in the reasons, in order of the list given. */
  says: string[]
}

const cases: Case[] = [
  // The two from the issue.
  {
    name: 'over 300 launched on 9–10 June vs a record 479 the night before',
    a: q({ value: 300, qualifier: 'at_least', ...june9 }),
    b: q({ value: 479, ...june8 }),
    verdict: 'not_comparable',
    says: ['different nights: 9–10 June vs 8–9 June'],
  },
  {
    name: 'launched on 9–10 June vs intercepted on 8–9 June: two reasons',
    a: q({ value: 300, qualifier: 'at_least', ...june9 }),
    b: q({ measure: 'drones intercepted', value: 479, ...june8 }),
    verdict: 'not_comparable',
    says: ['different measures: launched vs intercepted', 'different nights: 9–10 June vs 8–9 June'],
  },
  {
    name: 'about 2,700 drones a month vs one night’s 479: a rate is not a count',
    a: q({ value: 2700, qualifier: 'approx', unit: 'drones a month', ...may }),
    b: q({ value: 479, ...june8 }),
    verdict: 'not_comparable',
    says: ['different units: drones a month is a rate, drones a count'],
  },
  {
    name: 'about 2,700 in June vs 479 on one June night: the whole is not the part',
    a: q({ value: 2700, qualifier: 'approx', ...june }),
    b: q({ value: 479, ...june8 }),
    verdict: 'not_comparable',
    says: ['1–30 June contains the night of 8–9 June: a total for the whole is not one for the part'],
  },
  {
    name: 'a night above the whole month’s maximum cannot fit in it',
    a: q({ value: 400, qualifier: 'at_most', ...june }),
    b: q({ value: 479, qualifier: 'at_least', ...june8 }),
    verdict: 'cannot_both_be_true',
    says: [
      '1–30 June contains the night of 8–9 June',
      'at least 479 in 8–9 June alone is more than at most 400',
    ],
  },
  {
    name: 'a rate over a month says nothing about one night, even when larger',
    a: q({ value: 10, qualifier: 'at_most', unit: 'drones a night', ...june }),
    b: q({ value: 479, unit: 'drones per night', ...june8 }),
    verdict: 'not_comparable',
    says: ['a rate for the whole is not one for the part'],
  },
  // Values on the same night.
  {
    name: 'at least 300 and about 320 overlap',
    a: q({ value: 300, qualifier: 'at_least', ...june9 }),
    b: q({ value: 320, qualifier: 'approx', ...june9 }),
    verdict: 'can_both_be_true',
    says: [
      'both count drones launched on the night of 9–10 June',
      'at least 300 and about 320 overlap at 300–352',
    ],
  },
  {
    name: 'at least 300 and exactly 479',
    a: q({ value: 300, qualifier: 'at_least', ...june9 }),
    b: q({ value: 479, ...june9 }),
    verdict: 'can_both_be_true',
    says: ['overlap at 479'],
  },
  {
    name: 'exactly 300 and exactly 479',
    a: q({ value: 300, ...june9 }),
    b: q({ value: 479, ...june9 }),
    verdict: 'cannot_both_be_true',
    says: ['300 and 479 have no number in common'],
  },
  {
    name: 'at most 300 and 479',
    a: q({ value: 300, qualifier: 'at_most' }),
    b: q({ value: 479 }),
    verdict: 'cannot_both_be_true',
    says: ['at most 300 allows up to 300, 479 allows 479'],
  },
  {
    name: 'at most 500 and 479',
    a: q({ value: 500, qualifier: 'at_most' }),
    b: q({ value: 479 }),
    verdict: 'can_both_be_true',
    says: ['overlap at 479'],
  },
  {
    name: 'about 300 reaches 330',
    a: q({ value: 300, qualifier: 'approx' }),
    b: q({ value: 330 }),
    verdict: 'can_both_be_true',
    says: ['about 300 is read as 270–330'],
  },
  {
    name: 'about 300 stops short of 331',
    a: q({ value: 300, qualifier: 'approx' }),
    b: q({ value: 331 }),
    verdict: 'cannot_both_be_true',
    says: ['no number in common'],
  },
  {
    name: 'about 300 vs about 450',
    a: q({ value: 300, qualifier: 'approx' }),
    b: q({ value: 450, qualifier: 'approx' }),
    verdict: 'cannot_both_be_true',
    says: ['about 300 and about 450'],
  },
  {
    name: 'two at-leasts always overlap',
    a: q({ value: 300, qualifier: 'at_least' }),
    b: q({ value: 479, qualifier: 'at_least' }),
    verdict: 'can_both_be_true',
    says: ['overlap at 479 or more'],
  },
  {
    name: 'two at-mosts always overlap',
    a: q({ value: 300, qualifier: 'at_most' }),
    b: q({ value: 200, qualifier: 'at_most' }),
    verdict: 'can_both_be_true',
    says: ['overlap at up to 200'],
  },
  {
    name: 'at least 500 vs at most 400',
    a: q({ value: 500, qualifier: 'at_least' }),
    b: q({ value: 400, qualifier: 'at_most' }),
    verdict: 'cannot_both_be_true',
    says: ['no number in common'],
  },
  // Ranges.
  {
    name: 'range 300–350 holds 320',
    a: q({ value: 300, valueMax: 350 }),
    b: q({ value: 320 }),
    verdict: 'can_both_be_true',
    says: ['300–350 and 320 overlap at 320'],
  },
  {
    name: 'range 300–350 misses 479',
    a: q({ value: 300, valueMax: 350 }),
    b: q({ value: 479 }),
    verdict: 'cannot_both_be_true',
    says: ['300–350 and 479'],
  },
  {
    name: 'two ranges overlap in part',
    a: q({ value: 300, valueMax: 400 }),
    b: q({ value: 350, valueMax: 500 }),
    verdict: 'can_both_be_true',
    says: ['overlap at 350–400'],
  },
  {
    name: 'about 400–450 reaches 479',
    a: q({ value: 400, valueMax: 450, qualifier: 'approx' }),
    b: q({ value: 479 }),
    verdict: 'can_both_be_true',
    says: ['about 400–450 is read as 360–495'],
  },
  // Units and synonyms.
  {
    name: 'UAVs are drones',
    a: q({ unit: 'UAVs', measure: 'UAVs launched', value: 300 }),
    b: q({ value: 300 }),
    verdict: 'can_both_be_true',
    says: ['both count UAVs launched'],
  },
  {
    name: 'singular and plural are one unit',
    a: q({ unit: 'drone', measure: 'Drone  launched' }),
    b: q({ unit: 'Drones ' }),
    verdict: 'can_both_be_true',
    says: ['overlap at 300'],
  },
  {
    name: 'unmanned aerial vehicles are drones',
    a: q({ unit: 'unmanned aerial vehicles', measure: 'unmanned aerial vehicles launched' }),
    b: q({ value: 301 }),
    verdict: 'cannot_both_be_true',
    says: ['no number in common'],
  },
  {
    name: 'Shaheds are a kind of drone, not all drones',
    a: q({ unit: 'Shaheds', measure: 'Shaheds launched' }),
    b: q({}),
    verdict: 'not_comparable',
    says: ['different measures: Shaheds vs drones', 'different units: Shaheds vs drones'],
  },
  {
    name: 'drones vs missiles',
    a: q({ measure: 'missiles launched', unit: 'missiles', value: 7 }),
    b: q({}),
    verdict: 'not_comparable',
    says: ['different measures: missiles vs drones', 'different units: missiles vs drones'],
  },
  {
    name: 'people and persons killed',
    a: q({ measure: 'people killed', unit: 'people', value: 12 }),
    b: q({ measure: 'persons killed', unit: 'person', value: 14, qualifier: 'at_most' }),
    verdict: 'can_both_be_true',
    says: ['overlap at 12'],
  },
  {
    name: 'killed vs injured',
    a: q({ measure: 'people killed', unit: 'people', value: 12 }),
    b: q({ measure: 'people injured', unit: 'people', value: 40 }),
    verdict: 'not_comparable',
    says: ['different measures: killed vs injured'],
  },
  {
    name: 'a day’s rate vs a month’s rate',
    a: q({ unit: 'drones a day', value: 90 }),
    b: q({ unit: 'drones per month', value: 2700 }),
    verdict: 'not_comparable',
    says: ['different units: drones a day vs drones per month'],
  },
  {
    name: 'same rate, same month',
    a: q({ unit: 'drones a month', value: 2700, qualifier: 'approx', ...may }),
    b: q({ unit: 'drones monthly', value: 2500, ...may }),
    verdict: 'can_both_be_true',
    says: ['both count drones launched per month over 1–31 May'],
  },
  // Measures: the first contract's single quantity counted only its unit.
  {
    name: 'a measure that only repeats the unit is read as the other’s',
    a: fromLegacyQuantity({ value: 300, unit: 'drones', qualifier: 'at_least' }),
    b: q({ value: 479 }),
    verdict: 'can_both_be_true',
    says: [
      'both count drones launched',
      'at least 300 drones does not say what was counted; read as drones launched',
    ],
  },
  {
    name: 'measures compare ignoring case and plural',
    a: q({ measure: 'Drones Launched' }),
    b: q({ measure: 'drone launched' }),
    verdict: 'can_both_be_true',
    says: ['overlap at 300'],
  },
  // Periods.
  {
    name: 'one gives no period',
    a: q({ ...june9 }),
    b: q({}),
    verdict: 'can_both_be_true',
    says: ['gives no period; assumed 9–10 June 2025'],
  },
  {
    name: 'neither gives a period',
    a: q({}),
    b: q({ value: 479 }),
    verdict: 'cannot_both_be_true',
    says: ['neither gives a period; assumed the same one'],
  },
  {
    name: 'different days',
    a: q({ periodFrom: '2025-06-08' }),
    b: q({ periodFrom: '2025-06-09', periodTo: '2025-06-09' }),
    verdict: 'not_comparable',
    says: ['different days: 8 June vs 9 June'],
  },
  {
    name: 'partly overlapping periods',
    a: q({ ...night('2025-06-01', '2025-06-10') }),
    b: q({ ...night('2025-06-05', '2025-06-15') }),
    verdict: 'not_comparable',
    says: ['the periods overlap only in part: 1–10 June vs 5–15 June'],
  },
  {
    name: 'a month and a night of another month',
    a: q({ value: 2700, ...may }),
    b: q({ value: 479, ...june8 }),
    verdict: 'not_comparable',
    says: ['different periods: 1–31 May vs 8–9 June'],
  },
  {
    name: 'periods across years keep their years',
    a: q({ ...night('2024-12-31', '2025-01-01') }),
    b: q({ ...night('2025-01-01', '2025-01-02') }),
    verdict: 'not_comparable',
    says: ['different nights: 31 December 2024–1 January 2025 vs 1–2 January 2025'],
  },
  // Places.
  {
    name: 'different places',
    a: q({ place: 'Kyiv' }),
    b: q({ place: 'Lviv' }),
    verdict: 'not_comparable',
    says: ['different places: Kyiv vs Lviv'],
  },
  {
    name: 'same place in other case',
    a: q({ place: 'Kyiv' }),
    b: q({ place: ' kyiv' }),
    verdict: 'can_both_be_true',
    says: ['both count drones launched in Kyiv'],
  },
  {
    name: 'one gives no place',
    a: q({ place: 'Ukraine', ...june9 }),
    b: q({ value: 320, qualifier: 'approx', ...june9 }),
    verdict: 'can_both_be_true',
    says: ['about 320 drones launched gives no place; assumed Ukraine'],
  },
]

describe('compareQuantities', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30))

  it.each(cases)('$name', ({ a, b, verdict, says }) => {
    const result = compareQuantities(a, b)
    expect(result.verdict, result.reasons.join(' | ')).toBe(verdict)
    const text = result.reasons.join(' | ')
    for (const words of says) expect(text).toContain(words)
  })

  it('gives reasons for every verdict and the same verdict either way round', () => {
    const arb = fc.record({
      measure: fc.constantFrom('drones launched', 'drones intercepted', 'UAVs launched'),
      value: fc.integer({ min: 0, max: 1000 }),
      valueMax: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
      qualifier: fc.constantFrom(
        'exact' as const,
        'at_least' as const,
        'at_most' as const,
        'approx' as const,
      ),
      unit: fc.constantFrom('drones', 'drone', 'UAVs', 'drones a month'),
      periodFrom: fc.option(fc.constantFrom('2025-06-01', '2025-06-08', '2025-06-09'), { nil: null }),
      periodTo: fc.option(fc.constantFrom('2025-06-09', '2025-06-10', '2025-06-30'), { nil: null }),
      place: fc.option(fc.constantFrom('Ukraine', 'Kyiv'), { nil: null }),
    })
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const ab = compareQuantities(a, b)
        const ba = compareQuantities(b, a)
        expect(ab.verdict).toBe(ba.verdict)
        expect(ab.reasons.length).toBeGreaterThan(0)
      }),
    )
  })
})

describe('units and words', () => {
  it('reads units, synonyms and rates', () => {
    expect(unitKey('Drones')).toEqual({ base: 'drone', per: null })
    expect(unitKey('UAVs')).toEqual({ base: 'drone', per: null })
    expect(unitKey('drones a month')).toEqual({ base: 'drone', per: 'month' })
    expect(unitKey('drones/day')).toEqual({ base: 'drone', per: 'day' })
    expect(unitKey('missiles each night')).toEqual({ base: 'missile', per: 'night' })
    expect(unitKey('people')).toEqual({ base: 'person', per: null })
    expect(sameUnit('rockets', 'rocket')).toBe(true)
    expect(sameUnit('artillery shells', 'shells')).toBe(true)
    expect(sameUnit('drones', 'drones a night')).toBe(false)
    expect(singularWord('casualties')).toBe('casualty')
    expect(singularWord('bus')).toBe('bus')
  })

  it('describes periods and quantities', () => {
    expect(describePeriod(june9)).toBe('9–10 June 2025')
    expect(describePeriod(may)).toBe('1–31 May 2025')
    expect(describePeriod({ periodFrom: '2025-06-08', periodTo: null })).toBe('8 June 2025')
    expect(describePeriod(night('2025-05-31', '2025-06-01'))).toBe('31 May–1 June 2025')
    expect(describeQuantity(q({ qualifier: 'at_least', ...june9, place: 'Ukraine' }))).toBe(
      'at least 300 drones launched on the night of 9–10 June 2025 in Ukraine',
    )
    expect(describeQuantity(q({ value: 2700, qualifier: 'approx', unit: 'drones a month', ...may }))).toBe(
      'drones launched: about 2,700 drones a month over 1–31 May 2025',
    )
    expect(describeQuantity(q({ value: 1500, qualifier: 'approx', measure: 'people', unit: 'people' }))).toBe(
      'about 1,500 people',
    )
  })

  it('knows real dates', () => {
    expect(isRealDate('2025-06-09')).toBe(true)
    expect(isRealDate('2025-02-30')).toBe(false)
    expect(isRealDate('9 June')).toBe(false)
  })

  it('reads values as intervals', () => {
    expect(quantityInterval(q({ value: 300, qualifier: 'approx' }))).toEqual({ min: 270, max: 330 })
    expect(quantityInterval(q({ value: 350, valueMax: 300 }))).toEqual({ min: 300, max: 350 })
  })
})

describe('compareClaimQuantities', () => {
  it('compares each two claims, matching measures and leaving out drones against missiles', () => {
    const officials = {
      id: 'o',
      quantities: [
        q({ qualifier: 'at_least', ...june9 }),
        q({ measure: 'missiles launched', unit: 'missiles', value: 7, ...june9 }),
      ],
    }
    const airForce = { id: 'f', quantities: [q({ measure: 'drones intercepted', value: 479, ...june8 })] }
    const none = { id: 'n', quantities: [] }
    const pairs = compareClaimQuantities([officials, airForce, none])
    expect(pairs).toHaveLength(1)
    const [pair] = pairs
    expect(pair?.claimIds).toEqual(['o', 'f'])
    expect(pair?.comparisons).toHaveLength(1)
    expect(pair?.comparisons[0]?.a.index).toBe(0)
    expect(pair?.comparisons[0]?.result.verdict).toBe('not_comparable')
  })
})

describe('quantityCharts', () => {
  it('groups by measure and unit and places each value on an axis from 0', () => {
    const charts = quantityCharts([
      {
        id: 'o',
        label: 'Officials',
        quantities: [
          q({ qualifier: 'at_least', ...june9 }),
          q({ measure: 'missiles launched', unit: 'missiles', value: 7 }),
        ],
      },
      {
        id: 'f',
        label: 'Air force',
        quantities: [q({ measure: 'UAVs launched', unit: 'UAVs', value: 479, ...june8 })],
      },
      { id: 'r', label: 'Reporter', quantities: [q({ value: 400, qualifier: 'approx' })] },
    ])
    expect(charts.map((c) => c.measure)).toEqual(['drones launched', 'missiles launched'])
    const drones = charts[0]
    expect(drones?.axis.min).toBe(0)
    expect(drones?.axis.max).toBe(500)
    expect(drones?.axis.ticks.map((t) => t.label)).toEqual(['0', '100', '200', '300', '400', '500'])
    expect(drones?.rows).toEqual([
      expect.objectContaining({
        claimId: 'o',
        claimant: 'Officials',
        from: 0.6,
        to: 1,
        openRight: true,
        openLeft: false,
        valueWords: 'at least 300 drones',
        periodWords: '9–10 June 2025',
      }),
      expect.objectContaining({
        claimId: 'f',
        from: 479 / 500,
        to: 479 / 500,
        openRight: false,
        periodWords: '8–9 June 2025',
      }),
      expect.objectContaining({
        claimId: 'r',
        from: 360 / 500,
        to: 440 / 500,
        valueWords: 'about 400 drones',
        periodWords: '',
      }),
    ])
    const missiles = charts[1]
    expect(missiles?.axis.max).toBeGreaterThan(7)
    expect(missiles?.rows[0]?.to).toBeGreaterThan(0.5)
  })

  it('extends the axis past an "at least" that is the largest value', () => {
    const [chart] = quantityCharts([
      { id: 'a', label: 'A', quantities: [q({ value: 500, qualifier: 'at_least' })] },
    ])
    expect(chart?.axis.max).toBeGreaterThan(500)
    expect(chart?.rows[0]?.openRight).toBe(true)
  })

  it('handles at most and negative values', () => {
    const [chart] = quantityCharts([
      {
        id: 'a',
        label: 'A',
        quantities: [q({ measure: 'change', unit: 'per cent', value: -3, qualifier: 'at_most' })],
      },
      { id: 'b', label: 'B', quantities: [q({ measure: 'change', unit: 'per cent', value: 2 })] },
    ])
    expect(chart?.axis.min).toBeLessThan(0)
    expect(chart?.rows[0]).toEqual(expect.objectContaining({ from: 0, openLeft: true }))
  })
})
